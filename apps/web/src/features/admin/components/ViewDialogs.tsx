import type { TicketView } from '@hushdesk/api-client';
import { useDeleteView, useUpdateView } from '../../tickets';
import { AdminDialog } from './AdminDialog';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog';
import { ViewForm } from './ViewForm';

/** Changes a shared view's name or filters; engineers see the change at their next refresh. */
export function EditViewDialog({
  view,
  onSaved,
  onClose,
}: {
  view: TicketView;
  onSaved: (name: string) => void;
  onClose: () => void;
}) {
  const update = useUpdateView();
  return (
    <AdminDialog title={`Edit ${view.name}`} onClose={onClose}>
      <ViewForm
        view={view}
        busy={update.isPending}
        submitLabel="Save view"
        onCancel={onClose}
        onSubmit={(draft, { onError }) => {
          update.mutate({ id: view.id, ...draft }, { onSuccess: (saved) => onSaved(saved.name), onError });
        }}
      />
    </AdminDialog>
  );
}

/** Deletes a shared view for everyone, after asking. */
export function DeleteViewDialog({
  view,
  onDeleted,
  onClose,
}: {
  view: TicketView;
  onDeleted: () => void;
  onClose: () => void;
}) {
  const remove = useDeleteView();
  return (
    <ConfirmDeleteDialog
      title={`Delete ${view.name}?`}
      description="It goes from every engineer’s views column. The tickets in it stay as they are."
      confirmLabel="Delete view"
      busy={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate(view.id, { onSuccess: onDeleted })}
      onClose={onClose}
    />
  );
}
