import type { ReactNode } from 'react';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage } from '../../../ui/Feedback';
import { AdminDialog } from './AdminDialog';

/** Asks before an admin deletes something for good: Cancel has the focus, the API's refusal shows inside. */
export function ConfirmDeleteDialog({
  title,
  description,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: Error | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <AdminDialog title={title} description={description} onClose={onClose}>
      {error ? <ErrorMessage>{error.message}</ErrorMessage> : null}
      <div className="admin-dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose} autoFocus>
          Cancel
        </button>
        <BusyButton type="button" className="button button--danger" busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </BusyButton>
      </div>
    </AdminDialog>
  );
}
