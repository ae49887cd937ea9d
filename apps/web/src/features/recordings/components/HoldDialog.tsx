import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { fieldSentence, toFormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { TextAreaField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import type { Recording } from '../api/recordings-api';
import { useLegalHold } from '../hooks/use-recordings';

const MIN_REASON = 5;

/**
 * Asks why a call must be kept past its retention, then places the hold (DPO only; audited). A
 * native modal dialog: focus stays inside it, Escape closes it, and focus returns to the button
 * that opened it.
 */
export function HoldDialog({
  recording,
  callName,
  onPlaced,
  onClose,
}: {
  recording: Pick<Recording, 'id'>;
  /** "the inbound call on 3 Mar 2026, 09:15". */
  callName: string;
  onPlaced: (message: string) => void;
  onClose: () => void;
}) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const hold = useLegalHold();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
    };
  }, []);

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < MIN_REASON) {
      setError(`Say why it must be kept, in at least ${String(MIN_REASON)} characters.`);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setError(undefined);
    setFormError(undefined);
    hold.mutate(
      { id: recording.id, reason: text },
      {
        onSuccess: () => {
          onPlaced(`Placed a legal hold on ${callName}. Retention runs keep it until the hold is released.`);
          onClose();
        },
        onError: (failure) => {
          const next = toFormErrors(failure, { reason: 'reason' as const });
          if (next.fields.reason) setError(fieldSentence('Reason', next.fields.reason));
          setFormError(next.form);
        },
      },
    );
  };

  return (
    <dialog
      ref={dialogRef}
      className="hold-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-what`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={handleSubmit} noValidate className="hold-dialog__form">
        <h2 className="hold-dialog__title" id={`${id}-title`}>
          Place a legal hold on {callName}
        </h2>
        <p className="hold-dialog__what" id={`${id}-what`}>
          The recording is kept past its retention, for a dispute or an investigation, until you release the
          hold. The reason goes into the audit trail.
        </p>
        {formError ? <ErrorMessage>{formError}</ErrorMessage> : null}
        <TextAreaField
          id={`${id}-reason`}
          label="Reason"
          rows={3}
          autoFocus
          hint="e.g. “Billing dispute, case 1042”."
          value={reason}
          error={error}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
        <div className="hold-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <BusyButton type="submit" className="button button--primary" busy={hold.isPending}>
            Place hold
          </BusyButton>
        </div>
      </form>
    </dialog>
  );
}
