import type { TicketGroup } from '@hushdesk/api-client';
import { useDeleteGroup } from '../hooks/use-groups';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog';

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
    <ConfirmDeleteDialog
      title={`Delete ${group.name}?`}
      description="Only a group with no open tickets can be deleted: move them to another group first. Its closed tickets keep no group, and its members are no longer warned about them. This cannot be undone."
      confirmLabel="Delete group"
      busy={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate(group.id, { onSuccess: onDeleted })}
      onClose={onClose}
    />
  );
}
