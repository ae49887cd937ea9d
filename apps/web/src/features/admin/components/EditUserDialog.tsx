import type { UserSummary } from '@hushdesk/api-client';
import type { Role } from '@hushdesk/contracts';
import { useState, type SubmitEvent } from 'react';
import {
  focusFirstInvalid,
  NO_ERRORS,
  toFormErrors,
  type FieldErrorMap,
  type FormErrors,
} from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { useOrganisationOptions } from '../hooks/use-organisations';
import { useUpdateUser } from '../hooks/use-users';
import { AdminDialog } from './AdminDialog';
import { ResetPasswordSection } from './ResetPasswordSection';
import { RoleSelect } from './RoleSelect';

type Field = 'fullName' | 'role' | 'organisation' | 'disabled';

const FIELD_IDS: Record<Field, string> = {
  fullName: 'edit-user-full-name',
  role: 'edit-user-role',
  organisation: 'edit-user-organisation',
  disabled: 'edit-user-disabled',
};

const API_FIELDS: Record<string, Field> = {
  fullName: 'fullName',
  role: 'role',
  organisationId: 'organisation',
  disabled: 'disabled',
};

/**
 * Name, role, organisation and enabled state of one account, and a password reset. Saving a new
 * role, organisation or state signs the person out everywhere at once, which the dialog says.
 */
export function EditUserDialog({
  user,
  onSaved,
  onClose,
}: {
  user: UserSummary;
  onSaved: (user: UserSummary, message: string) => void;
  onClose: () => void;
}) {
  const update = useUpdateUser();
  const [fullName, setFullName] = useState(user.fullName ?? '');
  const [role, setRole] = useState<Role>(user.role);
  const [organisationId, setOrganisationId] = useState(user.organisationId ?? '');
  const [disabled, setDisabled] = useState(user.disabled);
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const isCustomer = role === 'customer';
  const organisations = useOrganisationOptions({ enabled: isCustomer });

  const accessChanged =
    role !== user.role ||
    (isCustomer ? organisationId : '') !== (user.organisationId ?? '') ||
    disabled !== user.disabled;

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields: FieldErrorMap<Field> = {};
    const name = fullName.trim();
    const nameChanged = name !== (user.fullName ?? '');
    if (nameChanged && !name) fields.fullName = 'Enter the person’s full name.';
    if (isCustomer && !organisationId)
      fields.organisation = 'Choose the organisation this customer works for.';
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      focusFirstInvalid(FIELD_IDS, fields);
      return;
    }
    setErrors(NO_ERRORS);
    update.mutate(
      {
        user,
        fullName: nameChanged ? name : undefined,
        access: { role, organisationId: isCustomer ? organisationId : null, disabled },
      },
      {
        onSuccess: (saved) => {
          const who = saved.fullName ?? saved.email;
          onSaved(
            saved,
            !accessChanged
              ? `Saved ${who}.`
              : saved.disabled
                ? `Saved ${who}. They were signed out everywhere and can no longer sign in.`
                : `Saved ${who}. They were signed out everywhere; they sign in again to continue with the new access.`,
          );
        },
        onError: (error) => {
          const next = toFormErrors(error, API_FIELDS);
          setErrors(next);
          focusFirstInvalid(FIELD_IDS, next.fields);
        },
      },
    );
  };

  return (
    <AdminDialog title={`Edit ${user.fullName ?? user.email}`} description={user.email} onClose={onClose}>
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <form className="form-stack" onSubmit={handleSubmit} noValidate aria-label="Edit account">
        <TextField
          id={FIELD_IDS.fullName}
          label="Full name"
          name="fullName"
          autoComplete="off"
          value={fullName}
          onChange={(event) => setFullName(event.target.value)}
          error={errors.fields.fullName}
        />
        <RoleSelect id={FIELD_IDS.role} role={role} onChange={setRole} error={errors.fields.role} />
        {isCustomer ? (
          <SelectField
            id={FIELD_IDS.organisation}
            label="Organisation"
            name="organisationId"
            value={organisationId}
            onChange={(event) => setOrganisationId(event.target.value)}
            disabled={organisations.isPending}
            error={errors.fields.organisation}
          >
            <option value="">Choose an organisation…</option>
            {(organisations.data ?? []).map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <div className={errors.fields.disabled ? 'field field--invalid' : 'field'}>
          <span className="field__label">Sign-in</span>
          <label className="admin-check" htmlFor={FIELD_IDS.disabled}>
            <input
              id={FIELD_IDS.disabled}
              type="checkbox"
              checked={disabled}
              onChange={(event) => setDisabled(event.target.checked)}
            />
            Account disabled: they cannot sign in
          </label>
          {errors.fields.disabled ? <p className="field__error">{errors.fields.disabled}</p> : null}
        </div>
        {accessChanged ? (
          <p className="notice notice--warning" data-testid="sign-out-warning">
            Saving signs this person out on every browser and device at once.
          </p>
        ) : null}
        <div className="admin-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <BusyButton type="submit" className="button button--primary" busy={update.isPending}>
            Save changes
          </BusyButton>
        </div>
      </form>
      <ResetPasswordSection user={user} onReset={onSaved} />
    </AdminDialog>
  );
}
