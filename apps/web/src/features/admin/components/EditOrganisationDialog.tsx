import type { Organisation } from '@hushdesk/api-client';
import { useState, type SubmitEvent } from 'react';
import { isApiError } from '../../../lib/api-client';
import { focusFirstInvalid, NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { useUpdateOrganisation } from '../hooks/use-organisations';
import { AdminDialog } from './AdminDialog';

type Field = 'name' | 'shared';
const FIELD_IDS: Record<Field, string> = {
  name: 'edit-organisation-name',
  shared: 'edit-organisation-shared',
};
const API_FIELDS: Record<string, Field> = { name: 'name', sharedTicketVisibility: 'shared' };

/** Rename an organisation, or let its customers see each other's tickets. */
export function EditOrganisationDialog({
  organisation,
  onSaved,
  onClose,
}: {
  organisation: Organisation;
  onSaved: (organisation: Organisation) => void;
  onClose: () => void;
}) {
  const update = useUpdateOrganisation();
  const [name, setName] = useState(organisation.name);
  const [shared, setShared] = useState(organisation.sharedTicketVisibility);
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) {
      const fields = { name: 'Enter the organisation’s name.' };
      setErrors({ fields });
      focusFirstInvalid(FIELD_IDS, fields);
      return;
    }
    setErrors(NO_ERRORS);
    update.mutate(
      { id: organisation.id, name: name.trim(), sharedTicketVisibility: shared },
      {
        onSuccess: onSaved,
        onError: (error) => {
          let next = toFormErrors(error, API_FIELDS);
          // 409: another organisation has this name.
          if (isApiError(error) && error.status === 409) next = { fields: { name: error.message } };
          setErrors(next);
          focusFirstInvalid(FIELD_IDS, next.fields);
        },
      },
    );
  };

  return (
    <AdminDialog title={`Edit ${organisation.name}`} onClose={onClose}>
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <form className="form-stack" onSubmit={handleSubmit} noValidate aria-label="Edit organisation">
        <TextField
          id={FIELD_IDS.name}
          label="Name"
          name="name"
          autoComplete="off"
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.fields.name}
        />
        <div className={errors.fields.shared ? 'field field--invalid' : 'field'}>
          <span className="field__label">Tickets</span>
          <label className="admin-check" htmlFor={FIELD_IDS.shared}>
            <input
              id={FIELD_IDS.shared}
              type="checkbox"
              checked={shared}
              aria-describedby={`${FIELD_IDS.shared}-hint`}
              onChange={(event) => setShared(event.target.checked)}
            />
            Shared: every customer of this organisation sees all its tickets
          </label>
          <p className="field__hint" id={`${FIELD_IDS.shared}-hint`}>
            When off, each customer sees only the tickets they raised. The change applies at once.
          </p>
          {errors.fields.shared ? <p className="field__error">{errors.fields.shared}</p> : null}
        </div>
        <div className="admin-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <BusyButton type="submit" className="button button--primary" busy={update.isPending}>
            Save changes
          </BusyButton>
        </div>
      </form>
    </AdminDialog>
  );
}
