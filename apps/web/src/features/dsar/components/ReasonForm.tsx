import { useId, useState, type ReactNode, type SubmitEvent } from 'react';
import { isApiError } from '../../../lib/api-client';
import { BusyButton } from '../../../ui/BusyButton';
import { TextAreaField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import './dsar.css';

/** The message to show for a failed action: the reason field's own, else the API's message. */
export function reasonError(error: unknown): { field?: string; form?: string } {
  if (!isApiError(error)) return { form: 'Something went wrong. Please try again.' };
  const field = error.fields.reason?.join(' ');
  return field ? { field } : { form: error.message };
}

/**
 * A small inline form asking why, for an action that is recorded (and often told to the
 * requester): the reason, then the action's own button and Cancel.
 */
export function ReasonForm({
  submitLabel,
  hint,
  label = 'Reason',
  danger = false,
  pending,
  error,
  children,
  onSubmit,
  onCancel,
}: {
  submitLabel: string;
  hint?: ReactNode;
  label?: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  /** Extra fields above the reason. */
  children?: ReactNode;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const failure = error ? reasonError(error) : {};

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setMissing(false);
    onSubmit(text);
  };

  return (
    <form className="dsar-inline-form" onSubmit={handleSubmit} noValidate>
      {failure.form ? <ErrorMessage>{failure.form}</ErrorMessage> : null}
      {children}
      <TextAreaField
        id={`${id}-reason`}
        label={label}
        hint={hint}
        rows={2}
        autoFocus
        value={reason}
        error={missing ? 'Say why: it is recorded in the audit trail.' : failure.field}
        onChange={(event) => {
          setReason(event.target.value);
        }}
      />
      <div className="dsar-inline-form__actions">
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel
        </button>
        <BusyButton
          type="submit"
          className={`button button--small ${danger ? 'button--danger' : 'button--primary'}`}
          busy={pending}
        >
          {submitLabel}
        </BusyButton>
      </div>
    </form>
  );
}
