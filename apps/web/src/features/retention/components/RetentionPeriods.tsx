import { useState, type SubmitEvent } from 'react';
import { fieldSentence, toFormErrors } from '../../../lib/form-errors';
import { formatDateTime, formatShortDateTime } from '../../../lib/format';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage, LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { Badge } from '../../../ui/Layout';
import { useCurrentUser } from '../../auth';
import type { RetentionPolicy } from '../api/retention-api';
import { useRetentionPolicies, useUpdateRetentionPolicy } from '../hooks/use-retention';
import { CATEGORY_HINTS, CATEGORY_LABELS, categoryLabel, periodWords } from './retention-labels';

const KNOWN_ORDER = Object.keys(CATEGORY_LABELS);

/** Known categories in their usual order (recordings first), then any others by name. */
function byCategory(a: RetentionPolicy, b: RetentionPolicy): number {
  const rank = (policy: RetentionPolicy) => {
    const index = KNOWN_ORDER.indexOf(policy.category);
    return index === -1 ? KNOWN_ORDER.length : index;
  };
  return rank(a) - rank(b) || a.category.localeCompare(b.category);
}

/** How long each kind of record is kept, each saved on its own. */
export function RetentionPeriods({ notYetSwept }: { notYetSwept: readonly string[] }) {
  const policies = useRetentionPolicies();

  let body;
  if (policies.isPending) {
    body = <Spinner label="Loading the retention periods…" />;
  } else if (policies.error) {
    body = (
      <LoadError onRetry={() => void policies.refetch()}>
        The retention periods could not be loaded. {policies.error.message}
      </LoadError>
    );
  } else {
    body = (
      <ul className="periods">
        {[...policies.data].sort(byCategory).map((policy) => (
          <PeriodRow
            key={policy.category}
            policy={policy}
            enforced={!notYetSwept.includes(policy.category)}
          />
        ))}
      </ul>
    );
  }

  return (
    <section className="card periods-card" aria-labelledby="retention-periods-title">
      <div className="card__header">
        <h2 className="card__title" id="retention-periods-title">
          Retention periods
        </h2>
        <p className="card__description">
          How long each kind of record is kept. Changes are recorded in the audit trail.
        </p>
      </div>
      {body}
    </section>
  );
}

function PeriodRow({ policy, enforced }: { policy: RetentionPolicy; enforced: boolean }) {
  const update = useUpdateRetentionPolicy(policy.category);
  const role = useCurrentUser().data?.role;
  // Not editable until the role is known: no form flashes for a period the role may not change.
  const editable = role !== undefined && policy.editableBy.includes(role);
  const minDays = policy.minDays;
  const maxDays = policy.maxDays;
  const label = categoryLabel(policy.category);
  const [draft, setDraft] = useState(String(policy.days));
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [status, setStatus] = useState<string | null>(null);
  const inputId = `retention-days-${policy.category}`;

  // Follow the saved period when it changes, unless there are edits here.
  const [synced, setSynced] = useState(policy.days);
  if (synced !== policy.days) {
    setSynced(policy.days);
    if (draft === String(synced)) setDraft(String(policy.days));
  }

  const text = draft.trim();
  const days = Number(text);
  const shorter = policy.category === 'recordings' && /^\d+$/.test(text) && days >= 1 && days < policy.days;

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus(null);
    setFormError(undefined);
    if (!/^\d+$/.test(text) || days < minDays || days > maxDays) {
      setError(
        policy.category === 'audit'
          ? `Enter a whole number of days from ${String(minDays)} (one year) to ${String(maxDays)}: the audit trail is the proof of what was done.`
          : `Enter a whole number of days from ${String(minDays)} to ${String(maxDays)}.`,
      );
      document.getElementById(inputId)?.focus();
      return;
    }
    setError(undefined);
    if (days === policy.days) {
      setStatus(`Nothing to save. ${label}: already ${periodWords(days)}.`);
      return;
    }
    update.mutate(days, {
      onSuccess: (saved) => {
        setDraft(String(saved.days));
        setStatus(`Saved. ${label}: now ${periodWords(saved.days)}.`);
      },
      onError: (failure) => {
        const next = toFormErrors(failure, { days: 'days' as const });
        setError(next.fields.days ? fieldSentence('Days', next.fields.days) : undefined);
        setFormError(next.form);
        if (next.fields.days) document.getElementById(inputId)?.focus();
      },
    });
  };

  return (
    <li className="period">
      <form
        className="period__form"
        onSubmit={handleSubmit}
        noValidate
        aria-label={`Retention period for ${label}`}
      >
        <div className="period__text">
          <div className="period__heading">
            <h3 className="period__title">{label}</h3>
            {enforced ? null : <Badge>Not deleted automatically yet</Badge>}
          </div>
          <p className="period__hint">{CATEGORY_HINTS[policy.category] ?? null}</p>
          <p className="period__now">
            Now {periodWords(policy.days)}; last changed{' '}
            <time dateTime={policy.updatedAt} title={formatDateTime(policy.updatedAt)}>
              {formatShortDateTime(policy.updatedAt)}
            </time>
            .
          </p>
        </div>
        {editable ? (
          <div className="period__controls">
            <TextField
              id={inputId}
              label="Days"
              aria-label={`Retention days for ${label}`}
              inputMode="numeric"
              autoComplete="off"
              className="period__input"
              value={draft}
              onChange={(event) => {
                setDraft(event.target.value);
                setStatus(null);
                if (error) setError(undefined);
              }}
              error={error}
            />
            <BusyButton type="submit" className="button button--primary period__save" busy={update.isPending}>
              Save<span className="visually-hidden"> {label}</span>
            </BusyButton>
          </div>
        ) : (
          <p className="period__readonly">Only the Data Protection Officer can change this.</p>
        )}
      </form>
      {shorter ? (
        <p className="period__warning">
          Shorter than now: recordings older than {String(days)} days will be deleted by the next run.
        </p>
      ) : null}
      {formError ? <ErrorMessage>{formError}</ErrorMessage> : null}
      <StatusMessage tone="success">{status}</StatusMessage>
    </li>
  );
}
