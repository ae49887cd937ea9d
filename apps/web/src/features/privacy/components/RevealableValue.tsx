import { useState, type SubmitEvent } from 'react';
import { toFormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { EyeIcon } from '../../../ui/icons';
import './revealable.css';

const MIN_REASON = 5;

export type ValueKind = 'phone' | 'email' | 'text';

function ClearValue({ kind, value }: { kind: ValueKind; value: string }) {
  if (kind === 'phone') return <a href={`tel:${value.replace(/[^\d+]/g, '')}`}>{value}</a>;
  if (kind === 'email') return <a href={`mailto:${value}`}>{value}</a>;
  return <>{value}</>;
}

/**
 * One personal-data value as the field policy shows it to this user. A masked value can be revealed
 * with a reason, which the API records in the audit trail; the clear value lives only in this
 * component, so it is gone when the page closes.
 */
export function RevealableValue({
  id,
  label,
  kind,
  value,
  masked,
  onReveal,
}: {
  /** Unique on the page, for the reason input's id. */
  id: string;
  label: string;
  kind: ValueKind;
  value: string | null;
  masked: boolean;
  onReveal: (reason: string) => Promise<string | null>;
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [revealed, setRevealed] = useState<string | null | undefined>(undefined);
  const reasonId = `reveal-${id}-reason`;

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
    setPending(true);
    onReveal(text)
      .then((clear) => {
        setRevealed(clear);
        setOpen(false);
        setReason('');
      })
      .catch((failure: unknown) => {
        const next = toFormErrors(failure, { reason: 'reason' });
        setError(next.fields.reason);
        setFormError(next.form);
      })
      .finally(() => setPending(false));
  };

  let shown;
  if (revealed !== undefined) {
    shown =
      revealed === null ? (
        <span className="muted">Not given</span>
      ) : (
        <ClearValue kind={kind} value={revealed} />
      );
  } else if (value === null) {
    shown = <span className="muted">Not given</span>;
  } else if (masked) {
    shown = (
      <span className="masked-value" data-testid={`masked-${id}`} title="Masked by the field policy">
        {value}
      </span>
    );
  } else {
    shown = <ClearValue kind={kind} value={value} />;
  }
  const canReveal = masked && value !== null && revealed === undefined;

  return (
    <>
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
            <BusyButton type="submit" className="button button--primary button--small" busy={pending}>
              Show {label.toLowerCase()}
            </BusyButton>
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
    </>
  );
}
