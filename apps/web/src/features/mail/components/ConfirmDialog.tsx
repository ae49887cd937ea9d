import { useEffect, useId, useRef, type ReactNode } from 'react';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage } from '../../../ui/Feedback';

/**
 * Asks before something that cannot be undone. A native modal dialog: focus stays inside, Escape
 * cancels, and focus returns to the button that opened it.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error?: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="mail-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-what`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="mail-dialog__body">
        <h2 className="mail-dialog__title" id={`${id}-title`}>
          {title}
        </h2>
        <div className="mail-dialog__what" id={`${id}-what`}>
          {children}
        </div>
        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
        <div className="mail-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>
            Cancel
          </button>
          <BusyButton type="button" className="button button--danger" busy={busy} onClick={onConfirm}>
            {confirmLabel}
          </BusyButton>
        </div>
      </div>
    </dialog>
  );
}
