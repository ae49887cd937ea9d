import type { CreateDsarRequest, CreateDsarResponse } from '@hushdesk/api-client';
import { DSAR_KIND_LABELS, DSAR_KINDS, type DsarKind } from '@hushdesk/contracts';
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import {
  fieldSentence,
  focusFirstInvalid,
  NO_ERRORS,
  toFormErrors,
  type FieldErrorMap,
  type FormErrors,
} from '../../../lib/form-errors';
import { formatDate } from '../../../lib/format';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { useCreateDsar } from '../hooks/use-dsar';
import { EvidenceUpload } from './EvidenceUpload';
import './dsar.css';

type IntakeChannel = 'email' | 'phone' | 'post';
type Relation = 'subject' | 'third_party';
type IntakeField =
  'kind' | 'email' | 'phone' | 'fullName' | 'channel' | 'receivedAt' | 'thirdPartyName' | 'details';

const CHANNELS: { value: IntakeChannel; label: string }[] = [
  { value: 'email', label: 'Email' },
  { value: 'phone', label: 'Phone' },
  { value: 'post', label: 'Post' },
];

const IDS: Record<IntakeField, string> = {
  kind: 'intake-kind',
  email: 'intake-email',
  phone: 'intake-phone',
  fullName: 'intake-full-name',
  channel: 'intake-channel',
  receivedAt: 'intake-received',
  thirdPartyName: 'intake-third-party-name',
  details: 'intake-details',
};

const LABELS: Record<IntakeField, string> = {
  kind: 'Kind of request',
  email: 'Email',
  phone: 'Phone',
  fullName: 'Full name',
  channel: 'Channel',
  receivedAt: 'Date received',
  thirdPartyName: 'Third party’s name',
  details: 'Details',
};

const API_FIELDS: Record<string, IntakeField> = {
  kind: 'kind',
  'subject.email': 'email',
  'subject.phone': 'phone',
  'subject.fullName': 'fullName',
  channel: 'channel',
  receivedAt: 'receivedAt',
  'requester.name': 'thirdPartyName',
  details: 'details',
};

/** Today as YYYY-MM-DD in the browser's calendar, for the date input. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The moment to record for a date received: now for today; midday UTC for an earlier day, which
 * is that same calendar day in London whatever the season.
 */
function receivedAtIso(date: string): string {
  return date === today() ? new Date().toISOString() : `${date}T12:00:00.000Z`;
}

/**
 * The DPO's intake of a request that arrived by email, phone or post: who it is about, how and
 * when it came, and who is asking. A third party's authority is uploaded once it exists.
 */
export function NewDsarForm({
  onCreated,
  onCancel,
}: {
  onCreated: (created: CreateDsarResponse) => void;
  onCancel: () => void;
}) {
  const create = useCreateDsar();
  const [kind, setKind] = useState<DsarKind>('access');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [fullName, setFullName] = useState('');
  const [channel, setChannel] = useState<IntakeChannel>('email');
  const [receivedDate, setReceivedDate] = useState(today);
  const [relation, setRelation] = useState<Relation>('subject');
  const [thirdPartyName, setThirdPartyName] = useState('');
  const [details, setDetails] = useState('');
  const [errors, setErrors] = useState<FormErrors<IntakeField>>(NO_ERRORS);
  /** A third party's request, created and waiting for its evidence. */
  const [awaitingEvidence, setAwaitingEvidence] = useState<CreateDsarResponse | null>(null);

  if (awaitingEvidence) {
    return (
      <div className="dsar-intake__evidence">
        <p className="notice notice--success" role="status">
          Created {awaitingEvidence.reference}, due {formatDate(awaitingEvidence.dueAt)}. Upload the third
          party’s authority to act for the person before you verify it.
        </p>
        <EvidenceUpload requestId={awaitingEvidence.id} />
        <div className="dsar-inline-form__actions">
          <Link to={`/dpo/requests/${awaitingEvidence.id}`} className="button button--secondary">
            Open {awaitingEvidence.reference}
          </Link>
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              onCreated(awaitingEvidence);
            }}
          >
            Done
          </button>
        </div>
      </div>
    );
  }

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields: FieldErrorMap<IntakeField> = {};
    let form: string | undefined;
    const subject = {
      email: email.trim() || undefined,
      phone: phone.trim() || undefined,
      fullName: fullName.trim() || undefined,
    };
    if (!subject.email && !subject.phone && !subject.fullName) {
      form = 'Give at least one way to find the person: their email, phone or full name.';
      fields.email = 'Enter their email, phone or full name.';
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedDate))
      fields.receivedAt = 'Enter the date the request reached us.';
    else if (receivedDate > today()) fields.receivedAt = 'The date received cannot be in the future.';
    if (relation === 'third_party' && !thirdPartyName.trim()) {
      fields.thirdPartyName = 'Enter the name of the person or organisation asking for them.';
    }
    if (form || Object.keys(fields).length > 0) {
      setErrors({ form, fields });
      focusFirstInvalid(IDS, fields);
      return;
    }
    setErrors(NO_ERRORS);

    const body: CreateDsarRequest = {
      kind,
      subject,
      channel,
      receivedAt: receivedAtIso(receivedDate),
      requester:
        relation === 'third_party' ? { relation, name: thirdPartyName.trim() } : { relation: 'subject' },
      details: details.trim() || undefined,
    };
    create.mutate(body, {
      onSuccess: (created) => {
        if (relation === 'third_party') setAwaitingEvidence(created);
        else onCreated(created);
      },
      onError: (error) => {
        const next = toFormErrors(error, API_FIELDS);
        const readable: FieldErrorMap<IntakeField> = {};
        for (const [key, message] of Object.entries(next.fields) as [IntakeField, string][]) {
          readable[key] = fieldSentence(LABELS[key], message);
        }
        setErrors({ form: next.form, fields: readable });
        focusFirstInvalid(IDS, readable);
      },
    });
  };

  const field = (name: IntakeField) => ({ id: IDS[name], label: LABELS[name], error: errors.fields[name] });

  return (
    <form className="dsar-intake" onSubmit={handleSubmit} noValidate aria-labelledby="dsar-intake-title">
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}

      <div className="form-grid">
        <SelectField
          {...field('kind')}
          value={kind}
          onChange={(event) => {
            setKind(event.target.value as DsarKind);
          }}
        >
          {DSAR_KINDS.map((value) => (
            <option key={value} value={value}>
              {DSAR_KIND_LABELS[value]}
            </option>
          ))}
        </SelectField>
        <SelectField
          {...field('channel')}
          hint="How the request reached us."
          value={channel}
          onChange={(event) => {
            setChannel(event.target.value as IntakeChannel);
          }}
        >
          {CHANNELS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <TextField
          {...field('receivedAt')}
          type="date"
          max={today()}
          required
          hint="The one-month clock starts from this day."
          value={receivedDate}
          onChange={(event) => {
            setReceivedDate(event.target.value);
          }}
        />
      </div>

      <fieldset className="dsar-fieldset">
        <legend className="dsar-fieldset__legend">Who the request is about</legend>
        <p className="field__hint">At least one. Hushdesk finds every record that matches any of them.</p>
        <div className="form-grid">
          <TextField
            {...field('email')}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
            }}
          />
          <TextField
            {...field('phone')}
            type="tel"
            autoComplete="off"
            value={phone}
            onChange={(event) => {
              setPhone(event.target.value);
            }}
          />
          <TextField
            {...field('fullName')}
            autoComplete="off"
            value={fullName}
            onChange={(event) => {
              setFullName(event.target.value);
            }}
          />
        </div>
      </fieldset>

      <fieldset className="dsar-fieldset">
        <legend className="dsar-fieldset__legend">Who is asking</legend>
        <div className="dsar-radios">
          <label className="dsar-radio">
            <input
              type="radio"
              name="intake-relation"
              value="subject"
              checked={relation === 'subject'}
              onChange={() => {
                setRelation('subject');
              }}
            />
            The person themselves
          </label>
          <label className="dsar-radio">
            <input
              type="radio"
              name="intake-relation"
              value="third_party"
              checked={relation === 'third_party'}
              onChange={() => {
                setRelation('third_party');
              }}
            />
            An authorised third party
          </label>
        </div>
        {relation === 'third_party' ? (
          <div className="form-grid dsar-intake__third-party">
            <TextField
              {...field('thirdPartyName')}
              autoComplete="off"
              hint="e.g. a solicitor, a relative with power of attorney. You upload their authority next."
              value={thirdPartyName}
              onChange={(event) => {
                setThirdPartyName(event.target.value);
              }}
            />
          </div>
        ) : null}
      </fieldset>

      <TextAreaField
        {...field('details')}
        hint="What they asked for, in their words: e.g. which details to correct, or a date range."
        rows={3}
        value={details}
        onChange={(event) => {
          setDetails(event.target.value);
        }}
      />

      <div className="dsar-inline-form__actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
        <BusyButton type="submit" className="button button--primary" busy={create.isPending}>
          Create request
        </BusyButton>
      </div>
    </form>
  );
}
