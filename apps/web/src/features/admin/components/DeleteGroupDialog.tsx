import type { TicketGroup } from '@hushdesk/api-client';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage } from '../../../ui/Feedback';
import { useDeleteGroup } from '../hooks/use-groups';
import { AdminDialog } from './AdminDialog';

/**
 * Deletes a group once none of its tickets is open (the API says how many are, otherwise); its
 * closed tickets lose the group, and each one's history records it.
 */
export function DeleteGroupDialog({
  group,
  onDeleted,
  onClose,
}: {
  group: TicketGroup;
  onDeleted: () => void;
  onClose: () => void;
}) {
  const remove = useDeleteGroup();
  return (
    <AdminDialog
      title={`Delete ${group.name}?`}
      description="Only a group with no open tickets can be deleted: move them to another group first. Its closed tickets keep no group, and its members are no longer warned about them. This cannot be undone."
      onClose={onClose}
    >
      {remove.error ? <ErrorMessage>{remove.error.message}</ErrorMessage> : null}
      <div className="admin-dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose} autoFocus>
          Cancel
        </button>
        <BusyButton
          type="button"
          className="button button--danger"
          busy={remove.isPending}
          onClick={() => remove.mutate(group.id, { onSuccess: onDeleted })}
        >
          Delete group
        </BusyButton>
      </div>
    </AdminDialog>
  );
}
