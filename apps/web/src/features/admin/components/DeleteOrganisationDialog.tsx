import type { Organisation } from '@hushdesk/api-client';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage } from '../../../ui/Feedback';
import { useDeleteOrganisation } from '../hooks/use-organisations';
import { AdminDialog } from './AdminDialog';

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
    <AdminDialog
      title={`Delete ${organisation.name}?`}
      description="Only an organisation with no user accounts and no tickets can be deleted. This cannot be undone."
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
          onClick={() => remove.mutate(organisation.id, { onSuccess: () => onDeleted(organisation) })}
        >
          Delete organisation
        </BusyButton>
      </div>
    </AdminDialog>
  );
}
