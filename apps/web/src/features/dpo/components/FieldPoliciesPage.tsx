import { ROLE_LABELS, type Role } from '@hushdesk/contracts';
import type {
  Collection,
  FieldPolicy,
  MaskingStyle,
  Retention,
  RetentionEvent,
  Visibility,
} from '@hushdesk/privacy';
import { useState, type SubmitEvent } from 'react';
import {
  focusFirstInvalid,
  NO_ERRORS,
  toFormErrors,
  type FieldErrorMap,
  type FormErrors,
} from '../../../lib/form-errors';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { ErrorMessage, LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { Badge, PageHeader } from '../../../ui/Layout';
import {
  type FieldPolicyView,
  type FieldPolicyUpdate,
  useFieldPolicies,
  useUpdateFieldPolicy,
  COLLECTION_LABELS,
  COLLECTION_OPTIONS,
  LAWFUL_BASIS_LABELS,
  LAWFUL_BASIS_OPTIONS,
  MASKING_LABELS,
  MASKING_OPTIONS,
  RETENTION_EVENT_LABELS,
  RETENTION_EVENT_OPTIONS,
  VISIBILITY_LABELS,
  VISIBILITY_OPTIONS,
  VISIBILITY_ROLES,
} from '../../privacy';
import './dpo.css';
import { PurgePanel } from './PurgePanel';
import { TableScroll } from '../../../ui/TableScroll';

/** The longest retention the registry accepts (100 years). */
const MAX_RETENTION_DAYS = 36_500;

export function FieldPoliciesPage() {
  useDocumentTitle('Field policies');
  const policies = useFieldPolicies();

  let body;
  if (policies.isPending) {
    body = <Spinner label="Loading the field policies…" />;
  } else if (policies.error) {
    body = (
      <LoadError onRetry={() => void policies.refetch()}>
        The field policies could not be loaded. {policies.error.message}
      </LoadError>
    );
  } else {
    const collected = policies.data.filter((policy) => policy.collection !== 'off').length;
    body = (
      <>
        <p className="policy-summary">
          <strong>{collected}</strong> of {policies.data.length} personal-data fields are collected. Changes
          apply at once to every form, the privacy notice and the record of processing, and are recorded in
          the audit trail.
        </p>
        <PolicyOverview policies={policies.data} />
        <div className="policy-list">
          {policies.data.map((policy) => (
            <FieldPolicyCard key={policy.field} policy={policy} />
          ))}
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Field policies"
        description="Every piece of personal data Hushdesk can hold: whether it is collected, why, for how long, and who may see it."
      />
      {body}
    </>
  );
}

const slugOf = (field: string) => field.replace(/\W/g, '-');

const COLLECTION_TONE: Record<Collection, 'accent' | 'success' | 'neutral'> = {
  required: 'accent',
  optional: 'success',
  off: 'neutral',
};

/** Every field on one screen, each linking to its card below. */
function PolicyOverview({ policies }: { policies: FieldPolicyView[] }) {
  return (
    <section className="card card--flush policy-overview" aria-labelledby="policy-overview-title">
      <h2 className="policy-overview__title" id="policy-overview-title">
        At a glance
      </h2>
      <TableScroll label="Field policies table">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Category</th>
              <th scope="col">Collection</th>
              <th scope="col">Stored</th>
              <th scope="col">Retention</th>
            </tr>
          </thead>
          <tbody>
            {policies.map((policy) => (
              <tr key={policy.field}>
                <th scope="row" className="table__primary">
                  <a href={`#${slugOf(policy.field)}-title`}>{policy.label}</a>
                </th>
                <td>{policy.category}</td>
                <td>
                  <Badge tone={COLLECTION_TONE[policy.collection]}>
                    {COLLECTION_LABELS[policy.collection]}
                  </Badge>
                </td>
                <td>{policy.storedValues}</td>
                <td>{policy.retentionText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

// ---------------------------------------------------------------------------
// One field's policy, edited as a draft and saved on its own.
// ---------------------------------------------------------------------------

interface Draft {
  collection: Collection;
  lawfulBasis: FieldPolicy['lawfulBasis'];
  /** One purpose per line. */
  purposes: string;
  purposeHint: string;
  retentionDays: string;
  retentionFrom: RetentionEvent;
  visibility: Record<Role, Visibility>;
  masking: MaskingStyle;
}

type DraftField =
  | 'collection'
  | 'lawfulBasis'
  | 'purposes'
  | 'purposeHint'
  | 'retentionDays'
  | 'retentionFrom'
  | 'visibility.customer'
  | 'visibility.engineer'
  | 'visibility.dpo'
  | 'visibility.admin'
  | 'masking';

/** The API's error keys (patch properties), mapped to the inputs. */
const API_FIELDS: Record<string, DraftField> = {
  collection: 'collection',
  lawfulBasis: 'lawfulBasis',
  purposes: 'purposes',
  purposeHint: 'purposeHint',
  retention: 'retentionDays',
  'retention.days': 'retentionDays',
  'retention.from': 'retentionFrom',
  visibility: 'visibility.customer',
  'visibility.customer': 'visibility.customer',
  'visibility.engineer': 'visibility.engineer',
  'visibility.dpo': 'visibility.dpo',
  'visibility.admin': 'visibility.admin',
  masking: 'masking',
};

/** Names for the API's short messages ("must be at least 1" -> "Days must be at least 1."). */
const FIELD_NAMES: Record<DraftField, string> = {
  collection: 'Collection',
  lawfulBasis: 'Lawful basis',
  purposes: 'Purposes',
  purposeHint: 'Purpose hint',
  retentionDays: 'Days',
  retentionFrom: 'Counted from',
  'visibility.customer': 'Visibility',
  'visibility.engineer': 'Visibility',
  'visibility.dpo': 'Visibility',
  'visibility.admin': 'Visibility',
  masking: 'Masking',
};

function readable(field: DraftField, message: string): string {
  const text = message.trim().replace(/\.$/, '');
  const sentence = /^[a-z]/.test(text) ? `${FIELD_NAMES[field]}: ${text}` : text;
  return `${sentence}.`;
}

function toDraft(policy: FieldPolicy): Draft {
  return {
    collection: policy.collection,
    lawfulBasis: policy.lawfulBasis,
    purposes: policy.purposes.join('\n'),
    purposeHint: policy.purposeHint ?? '',
    retentionDays: policy.retention ? String(policy.retention.days) : '',
    retentionFrom:
      policy.retention?.from ?? (policy.field.startsWith('ticket.') ? 'ticket_closed' : 'collected'),
    // Always in the same order, so two drafts compare equal as JSON.
    visibility: Object.fromEntries(
      VISIBILITY_ROLES.map((role) => [role, policy.visibility[role] ?? 'hidden']),
    ) as Record<Role, Visibility>,
    masking: policy.masking,
  };
}

const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

function parsePurposes(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Checks the draft and turns it into a patch of only what changed. */
function toPatch(
  draft: Draft,
  policy: FieldPolicy,
): { patch: FieldPolicyUpdate; errors: FieldErrorMap<DraftField> } {
  const errors: FieldErrorMap<DraftField> = {};
  const patch: FieldPolicyUpdate = {};

  if (draft.collection !== policy.collection) patch.collection = draft.collection;
  if (draft.lawfulBasis !== policy.lawfulBasis) patch.lawfulBasis = draft.lawfulBasis;

  const purposes = parsePurposes(draft.purposes);
  if (draft.collection !== 'off' && purposes.length === 0) {
    errors.purposes = 'Add at least one purpose: a field that is collected needs one.';
  }
  if (JSON.stringify(purposes) !== JSON.stringify(policy.purposes)) patch.purposes = purposes;

  const hint = draft.purposeHint.trim() || null;
  if (hint !== policy.purposeHint) patch.purposeHint = hint;

  let retention: Retention | null = null;
  const daysText = draft.retentionDays.trim();
  if (daysText) {
    const days = Number(daysText);
    if (!/^\d+$/.test(daysText) || days < 1 || days > MAX_RETENTION_DAYS) {
      errors.retentionDays = `Enter a whole number of days from 1 to ${String(MAX_RETENTION_DAYS)}, or leave it empty.`;
    } else {
      retention = { days, from: draft.retentionFrom };
    }
  }
  const retentionChanged =
    (retention === null) !== (policy.retention === null) ||
    (retention !== null &&
      policy.retention !== null &&
      (retention.days !== policy.retention.days || retention.from !== policy.retention.from));
  if (retentionChanged && !errors.retentionDays) patch.retention = retention;

  if (VISIBILITY_ROLES.some((role) => draft.visibility[role] !== policy.visibility[role])) {
    patch.visibility = { ...draft.visibility };
  }
  if (draft.masking !== policy.masking) patch.masking = draft.masking;

  return { patch, errors };
}

function storedText(count: number): string {
  if (count === 0) return 'No values stored';
  return count === 1 ? '1 value stored' : `${String(count)} values stored`;
}

function FieldPolicyCard({ policy }: { policy: FieldPolicyView }) {
  const update = useUpdateFieldPolicy(policy.field);
  const [draft, setDraft] = useState<Draft>(() => toDraft(policy));
  const [errors, setErrors] = useState<FormErrors<DraftField>>(NO_ERRORS);
  const [status, setStatus] = useState<string | null>(null);

  // Follow the saved policy when it changes (a save, or someone else's), unless there are edits here.
  const [synced, setSynced] = useState<FieldPolicy>(policy);
  if (synced !== policy) {
    setSynced(policy);
    if (sameDraft(draft, toDraft(synced))) setDraft(toDraft(policy));
  }

  const slug = slugOf(policy.field);
  const ids: Record<DraftField, string> = {
    collection: `${slug}-collection`,
    lawfulBasis: `${slug}-lawful-basis`,
    purposes: `${slug}-purposes`,
    purposeHint: `${slug}-purpose-hint`,
    retentionDays: `${slug}-retention-days`,
    retentionFrom: `${slug}-retention-from`,
    'visibility.customer': `${slug}-visibility-customer`,
    'visibility.engineer': `${slug}-visibility-engineer`,
    'visibility.dpo': `${slug}-visibility-dpo`,
    'visibility.admin': `${slug}-visibility-admin`,
    masking: `${slug}-masking`,
  };
  const titleId = `${slug}-title`;
  const label = policy.label;
  const dirty = !sameDraft(draft, toDraft(policy));

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setStatus(null);
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus(null);
    const { patch, errors: fields } = toPatch(draft, policy);
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      focusFirstInvalid(ids, fields);
      return;
    }
    setErrors(NO_ERRORS);
    if (Object.keys(patch).length === 0) {
      setStatus(`Nothing to save: the policy for ${label} is unchanged.`);
      return;
    }
    update.mutate(patch, {
      onSuccess: (saved) => {
        setDraft(toDraft(saved));
        setStatus(`Saved the policy for ${label}.`);
      },
      onError: (error) => {
        const next = toFormErrors(error, API_FIELDS);
        const fields: FieldErrorMap<DraftField> = {};
        for (const [key, message] of Object.entries(next.fields) as [DraftField, string][]) {
          fields[key] = readable(key, message);
        }
        setErrors({ form: next.form, fields });
        focusFirstInvalid(ids, fields);
      },
    });
  };

  // Only what the field can honour (the API says which); the current value stays listed, so a
  // policy saved before this rule still shows what it is.
  const collectionChoices = COLLECTION_OPTIONS.filter(
    (option) => policy.collections.includes(option) || option === policy.collection,
  );

  const collectionHint: Record<Collection, string> = {
    required: 'Every form asks for it and it cannot be left empty.',
    optional: 'Forms offer it with the purpose hint; people may leave it empty.',
    off: 'No form asks for it and the API refuses new values.',
  };

  return (
    <section className="card policy-card" aria-labelledby={titleId} data-field={policy.field}>
      <header className="policy-card__header">
        <div className="policy-card__heading">
          <h2 className="card__title" id={titleId}>
            {label}
          </h2>
          <p className="policy-card__meta">
            <span>{policy.category}</span>
            <code>{policy.field}</code>
          </p>
        </div>
        <div className="policy-card__status">
          <Badge tone={COLLECTION_TONE[policy.collection]}>{COLLECTION_LABELS[policy.collection]}</Badge>
          <span className="policy-card__stored">{storedText(policy.storedValues)}</span>
        </div>
      </header>

      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}

      <form className="policy-form" onSubmit={handleSubmit} noValidate aria-label={`Policy for ${label}`}>
        <div className="policy-form__grid">
          <div className="policy-form__column">
            <div className="field-pair">
              <SelectField
                id={ids.collection}
                label="Collection"
                aria-label={`Collection for ${label}`}
                hint={
                  policy.collectionNote && collectionChoices.length === 1
                    ? policy.collectionNote
                    : collectionHint[draft.collection]
                }
                value={draft.collection}
                disabled={collectionChoices.length === 1}
                onChange={(event) => {
                  set('collection', event.target.value as Collection);
                }}
                error={errors.fields.collection}
              >
                {collectionChoices.map((option) => (
                  <option key={option} value={option}>
                    {COLLECTION_LABELS[option]}
                  </option>
                ))}
              </SelectField>
              <SelectField
                id={ids.lawfulBasis}
                label="Lawful basis"
                aria-label={`Lawful basis for ${label}`}
                value={draft.lawfulBasis}
                onChange={(event) => {
                  set('lawfulBasis', event.target.value as Draft['lawfulBasis']);
                }}
                error={errors.fields.lawfulBasis}
              >
                {LAWFUL_BASIS_OPTIONS.map((option) => (
                  <option key={option} value={option}>
                    {LAWFUL_BASIS_LABELS[option]}
                  </option>
                ))}
              </SelectField>
            </div>
            <TextAreaField
              id={ids.purposes}
              label="Purposes"
              aria-label={`Purposes for ${label}`}
              rows={3}
              hint="One per line. They appear in the privacy notice and the record of processing."
              value={draft.purposes}
              onChange={(event) => {
                set('purposes', event.target.value);
              }}
              error={errors.fields.purposes}
            />
            <TextField
              id={ids.purposeHint}
              label="Purpose hint"
              aria-label={`Purpose hint for ${label}`}
              autoComplete="off"
              hint={
                draft.purposeHint.trim()
                  ? `Forms show: “Optional — ${draft.purposeHint.trim()}”.`
                  : 'Shown next to the field in forms, e.g. “to call you back about a fault”.'
              }
              value={draft.purposeHint}
              onChange={(event) => {
                set('purposeHint', event.target.value);
              }}
              error={errors.fields.purposeHint}
            />
          </div>

          <div className="policy-form__column">
            <fieldset className="policy-form__group">
              <legend className="policy-form__legend">Retention</legend>
              <div className="field-pair">
                <TextField
                  id={ids.retentionDays}
                  label="Days"
                  aria-label={`Retention days for ${label}`}
                  inputMode="numeric"
                  autoComplete="off"
                  hint="Empty: kept as long as its record."
                  value={draft.retentionDays}
                  onChange={(event) => {
                    set('retentionDays', event.target.value);
                  }}
                  error={errors.fields.retentionDays}
                />
                <SelectField
                  id={ids.retentionFrom}
                  label="Counted from"
                  aria-label={`Retention counted from, for ${label}`}
                  value={draft.retentionFrom}
                  disabled={!draft.retentionDays.trim()}
                  onChange={(event) => {
                    set('retentionFrom', event.target.value as RetentionEvent);
                  }}
                  error={errors.fields.retentionFrom}
                >
                  {RETENTION_EVENT_OPTIONS.map((option) => (
                    <option key={option} value={option}>
                      After {RETENTION_EVENT_LABELS[option]}
                    </option>
                  ))}
                </SelectField>
              </div>
              <p className="field__hint">Now: {policy.retentionText}.</p>
            </fieldset>

            <fieldset className="policy-form__group">
              <legend className="policy-form__legend">Who sees it</legend>
              <div className="policy-form__roles">
                {VISIBILITY_ROLES.map((role) => {
                  const key = `visibility.${role}` as DraftField;
                  return (
                    <SelectField
                      key={role}
                      id={ids[key]}
                      label={ROLE_LABELS[role]}
                      aria-label={`${ROLE_LABELS[role]} visibility for ${label}`}
                      value={draft.visibility[role]}
                      onChange={(event) => {
                        const value = event.target.value as Visibility;
                        set('visibility', { ...draft.visibility, [role]: value });
                      }}
                      error={errors.fields[key]}
                    >
                      {VISIBILITY_OPTIONS.map((option) => (
                        <option key={option} value={option}>
                          {VISIBILITY_LABELS[option]}
                        </option>
                      ))}
                    </SelectField>
                  );
                })}
              </div>
              <SelectField
                id={ids.masking}
                label="Masking"
                aria-label={`Masking for ${label}`}
                hint="How a masked value looks. People always see their own data in clear."
                value={draft.masking}
                onChange={(event) => {
                  set('masking', event.target.value as MaskingStyle);
                }}
                error={errors.fields.masking}
              >
                {MASKING_OPTIONS.map((option) => (
                  <option key={option} value={option}>
                    {MASKING_LABELS[option]}
                  </option>
                ))}
              </SelectField>
            </fieldset>
          </div>
        </div>

        <div className="policy-form__actions">
          {dirty ? <span className="policy-form__dirty">Unsaved changes</span> : null}
          <BusyButton type="submit" className="button button--primary" busy={update.isPending}>
            Save<span className="visually-hidden"> {label}</span>
          </BusyButton>
        </div>
        <StatusMessage tone="success">{status}</StatusMessage>
      </form>

      {policy.collection === 'off' && policy.storedValues > 0 ? (
        <PurgePanel field={policy.field} label={label} stored={policy.storedValues} onPurged={setStatus} />
      ) : null}
    </section>
  );
}
