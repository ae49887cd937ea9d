import { useState, type SubmitEvent } from 'react';
import { toFormErrors } from '../../../lib/form-errors';
import { TextField } from '../../../ui/Field';
import { ErrorMessage, Spinner } from '../../../ui/Feedback';
import { EyeIcon } from '../../../ui/icons';
import { Badge } from '../../../ui/Layout';
import { PERSON_FIELDS, type PersonField } from '../../people/api/people-api';
import { usePerson, useRevealPersonField } from '../../people/hooks/use-people';
import { useCollection } from '../../privacy/hooks/use-privacy';
import './requester.css';

/** Used until the registry's own labels arrive. */
const FALLBACK_LABELS: Record<PersonField, string> = {
  fullName: 'Full name',
  email: 'Email address',
  phone: 'Phone number',
  jobTitle: 'Job title',
  employer: 'Employer',
  workAddress: 'Work address',
  imHandle: 'Instant messaging handle',
};

const MIN_REASON = 5;

/**
 * The requester's contact details, as the field policies let an engineer see them: masked values
 * can be revealed one at a time, with a reason that goes into the audit trail.
 */
export function RequesterCard({ personId }: { personId: string }) {
  const person = usePerson(personId);
  const collection = useCollection();
  const label = (field: PersonField) =>
    collection.data?.find((entry) => entry.field === `person.${field}`)?.label ?? FALLBACK_LABELS[field];

  let body;
  if (person.isPending) {
    body = <Spinner label="Loading the contact details…" />;
  } else if (person.error) {
    body = <ErrorMessage>The contact details could not be loaded. {person.error.message}</ErrorMessage>;
  } else {
    const record = person.data;
    const shown = PERSON_FIELDS.filter((field) => record[field] !== undefined);
    body = (
      <>
        {record.doNotContact ? (
          <div className="requester-card__dnc">
            <Badge tone="danger">Do not contact</Badge>
            <p>This person has asked not to be contacted. Reply only on this ticket.</p>
          </div>
        ) : null}
        {shown.length === 0 ? (
          <p className="side-card__empty">No contact details are visible to you.</p>
        ) : (
          <dl className="requester-facts">
            {shown.map((field) => (
              <ContactRow
                key={field}
                personId={personId}
                field={field}
                label={label(field)}
                value={record[field] ?? null}
                masked={record.masked.includes(field)}
              />
            ))}
          </dl>
        )}
      </>
    );
  }

  return (
    <section className="card side-card requester-card" aria-labelledby="requester-title">
      <h2 className="card__title side-card__title" id="requester-title">
        Requester
      </h2>
      {body}
    </section>
  );
}

function ClearValue({ field, value }: { field: PersonField; value: string }) {
  if (field === 'phone') return <a href={`tel:${value.replace(/[^\d+]/g, '')}`}>{value}</a>;
  if (field === 'email') return <a href={`mailto:${value}`}>{value}</a>;
  return <>{value}</>;
}

function ContactRow({
  personId,
  field,
  label,
  value,
  masked,
}: {
  personId: string;
  field: PersonField;
  label: string;
  value: string | null;
  masked: boolean;
}) {
  const reveal = useRevealPersonField(personId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  // Only ever held here: the clear value is gone when the ticket page closes.
  const [revealed, setRevealed] = useState<string | null | undefined>(undefined);
  const reasonId = `reveal-${field}-reason`;

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < MIN_REASON) {
      setError(`Say why you need it, in at least ${String(MIN_REASON)} characters.`);
      document.getElementById(reasonId)?.focus();
      return;
    }
    setError(undefined);
    setFormError(undefined);
    reveal.mutate(
      { field, reason: text },
      {
        onSuccess: (result) => {
          setRevealed(result.value);
          setOpen(false);
          setReason('');
        },
        onError: (failure) => {
          const next = toFormErrors(failure, { reason: 'reason' });
          setError(next.fields.reason);
          setFormError(next.form);
        },
      },
    );
  };

  let shown;
  if (revealed !== undefined) {
    shown =
      revealed === null ? (
        <span className="muted">Not given</span>
      ) : (
        <ClearValue field={field} value={revealed} />
      );
  } else if (value === null) {
    shown = <span className="muted">Not given</span>;
  } else if (masked) {
    shown = (
      <span className="masked-value" data-testid={`masked-${field}`}>
        {value}
      </span>
    );
  } else {
    shown = <ClearValue field={field} value={value} />;
  }

  const canReveal = masked && value !== null && revealed === undefined;

  return (
    <div className="requester-facts__row">
      <dt>{label}</dt>
      <dd>
        <div className="requester-facts__value">
          {shown}
          {canReveal && !open ? (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                setOpen(true);
                window.requestAnimationFrame(() => document.getElementById(reasonId)?.focus());
              }}
            >
              <EyeIcon size={16} />
              Reveal<span className="visually-hidden"> {label}</span>
            </button>
          ) : null}
        </div>
        {revealed !== undefined ? (
          <p className="requester-facts__note" role="status">
            Revealed for you; recorded in the audit trail.
          </p>
        ) : null}
        {canReveal && open ? (
          <form className="reveal-form" onSubmit={handleSubmit} noValidate aria-label={`Reveal ${label}`}>
            {formError ? <ErrorMessage>{formError}</ErrorMessage> : null}
            <TextField
              id={reasonId}
              label="Reason"
              autoComplete="off"
              hint={`Why you need the full ${label.toLowerCase()}. It is recorded in the audit trail.`}
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
                if (error) setError(undefined);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Escape') setOpen(false);
              }}
              error={error}
            />
            <div className="reveal-form__actions">
              <button
                type="submit"
                className="button button--primary button--small"
                disabled={reveal.isPending}
                aria-busy={reveal.isPending}
              >
                {reveal.isPending ? <span className="spinner spinner--inverse" aria-hidden="true" /> : null}
                Show {label.toLowerCase()}
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  setOpen(false);
                  setError(undefined);
                  setFormError(undefined);
                }}
              >
                Cancel
              </button>
            </div>
          </form>
        ) : null}
      </dd>
    </div>
  );
}
