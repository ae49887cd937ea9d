import type { TicketGroup } from '@hushdesk/api-client';
import { useState, type SubmitEvent } from 'react';
import { isApiError } from '../../../lib/api-client';
import { focusFirstInvalid, NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { useRenameGroup } from '../hooks/use-groups';
import { AdminDialog } from './AdminDialog';

type Field = 'name';
const FIELD_IDS: Record<Field, string> = { name: 'rename-group-name' };
const API_FIELDS: Record<string, Field> = { name: 'name' };

/** Renames a group; its tickets and members stay as they are. */
export function RenameGroupDialog({
  group,
  onSaved,
  onClose,
}: {
  group: TicketGroup;
  onSaved: (name: string) => void;
  onClose: () => void;
}) {
  const rename = useRenameGroup();
  const [name, setName] = useState(group.name);
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      const fields = { name: 'Enter the group’s name.' };
      setErrors({ fields });
      focusFirstInvalid(FIELD_IDS, fields);
      return;
    }
    setErrors(NO_ERRORS);
    rename.mutate(
      { id: group.id, name: trimmed },
      {
        onSuccess: (saved) => onSaved(saved.name),
        onError: (error) => {
          let next = toFormErrors(error, API_FIELDS);
          if (isApiError(error) && error.status === 409 && !next.fields.name) {
            next = { fields: { name: error.message } };
          }
          setErrors(next);
          focusFirstInvalid(FIELD_IDS, next.fields);
        },
      },
    );
  };

  return (
    <AdminDialog title={`Rename ${group.name}`} onClose={onClose}>
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <form className="form-stack" onSubmit={handleSubmit} noValidate aria-label="Rename group">
        <TextField
          id={FIELD_IDS.name}
          label="Name"
          name="name"
          autoComplete="off"
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.fields.name}
        />
        <div className="admin-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <BusyButton type="submit" className="button button--primary" busy={rename.isPending}>
            Save name
          </BusyButton>
        </div>
      </form>
    </AdminDialog>
  );
}
