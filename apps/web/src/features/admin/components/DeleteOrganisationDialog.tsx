import type { Organisation } from '@hushdesk/api-client';
import { useDeleteOrganisation } from '../hooks/use-organisations';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog';

/** Deletes an empty organisation; the API refuses (and says why) while it has accounts or tickets. */
export function DeleteOrganisationDialog({
  organisation,
  onDeleted,
  onClose,
}: {
  organisation: Organisation;
  onDeleted: (organisation: Organisation) => void;
  onClose: () => void;
}) {
  const remove = useDeleteOrganisation();
  return (
    <ConfirmDeleteDialog
      title={`Delete ${organisation.name}?`}
      description="Only an organisation with no user accounts and no tickets can be deleted. This cannot be undone."
      confirmLabel="Delete organisation"
      busy={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate(organisation.id, { onSuccess: () => onDeleted(organisation) })}
      onClose={onClose}
    />
  );
}
