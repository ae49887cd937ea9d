import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { isApiError } from '../../../lib/api-client';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage, StatusMessage } from '../../../ui/Feedback';
import { useRedaction } from '../hooks/use-privacy-tools';
import './privacy-tools.css';

/**
 * The DPO's redaction of one message or text file: every email, phone number and known name in it
 * is replaced for good, with the reason in the audit trail. `label` names what it acts on, so
 * each button says which message or file it is for.
 */
export function RedactAction({
  ticketId,
  kind,
  id,
  label,
}: {
  ticketId: string;
  kind: 'message' | 'attachment';
  id: string;
  label: string;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const redaction = useRedaction(ticketId);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const ids = { reason: useId(), hint: useId() };
  const what = kind === 'message' ? 'message' : 'file';

  useEffect(() => {
    if (open) reasonRef.current?.focus();
  }, [open]);

  const cancel = () => {
    setOpen(false);
    setReason('');
    redaction.reset();
    toggleRef.current?.focus();
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    redaction.mutate(
      { kind, id, reason },
      {
        onSuccess: (result) => {
          setOpen(false);
          setReason('');
          setDone(
            result.removed === 0
              ? `Nothing to redact: no email, phone number or known name was found in this ${what}.`
              : `Redacted: ${result.removed} ${result.removed === 1 ? 'identifier' : 'identifiers'} replaced for good.`,
          );
        },
      },
    );
  };

  const fieldError = isApiError(redaction.error) ? redaction.error.fields.reason : undefined;

  return (
    <div className="redact-action">
      {open ? null : (
        <button
          ref={toggleRef}
          type="button"
          className="button button--secondary button--small"
          aria-expanded={false}
          onClick={() => {
            setDone(null);
            setOpen(true);
          }}
        >
          Redact…<span className="visually-hidden"> {label}</span>
        </button>
      )}
      {open ? (
        <form className="redact-action__form" onSubmit={submit} aria-label={`Redact ${label}`}>
          <div className="field">
            <label className="field__label" htmlFor={ids.reason}>
              Why redact this {what}?
            </label>
            <textarea
              ref={reasonRef}
              id={ids.reason}
              className="input"
              rows={2}
              value={reason}
              required
              minLength={5}
              maxLength={500}
              aria-describedby={ids.hint}
              aria-invalid={fieldError ? true : undefined}
              onChange={(event) => setReason(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') cancel();
              }}
            />
            <p className="field__hint" id={ids.hint}>
              Every email, phone number and known name in it is replaced for good; no copy is kept. Your
              reason goes into the audit trail.
            </p>
          </div>
          {redaction.error ? <ErrorMessage>{redaction.error.message}</ErrorMessage> : null}
          <div className="privacy-tools__actions">
            <BusyButton
              type="submit"
              className="button button--danger button--small"
              busy={redaction.isPending}
            >
              Redact {what}
            </BusyButton>
            <button type="button" className="button button--secondary button--small" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <StatusMessage tone="success">{done}</StatusMessage>
    </div>
  );
}
