import type { CreateUserRequest, UserSummary } from '@hushdesk/api-client';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLE_LABELS, type Role } from '@hushdesk/contracts';
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../../lib/api-client';
import {
  focusFirstInvalid,
  NO_ERRORS,
  toFormErrors,
  type FieldErrorMap,
  type FormErrors,
} from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextField } from '../../../ui/Field';
import { ErrorMessage, StatusMessage } from '../../../ui/Feedback';
import { Card } from '../../../ui/Layout';
import { useOrganisationOptions } from '../hooks/use-organisations';
import { useCreateUser } from '../hooks/use-users';
import { RoleSelect } from './RoleSelect';

type Field = 'fullName' | 'email' | 'password' | 'role' | 'organisation';

/** In the order they appear, so the first invalid one gets focus. */
const FIELD_IDS: Record<Field, string> = {
  fullName: 'user-full-name',
  email: 'user-email',
  password: 'user-password',
  role: 'user-role',
  organisation: 'user-organisation',
};

/** The API's dotted field paths, mapped to this form's fields. */
const API_FIELDS: Record<string, Field> = {
  'person.fullName': 'fullName',
  person: 'fullName',
  fullName: 'fullName',
  email: 'email',
  password: 'password',
  role: 'role',
  organisationId: 'organisation',
};

const EMPTY = { fullName: '', email: '', password: '' };

export function NewUserForm({ onCreated }: { onCreated: (user: UserSummary) => void }) {
  const createUser = useCreateUser();
  const [values, setValues] = useState(EMPTY);
  const [role, setRole] = useState<Role>('customer');
  const [organisationId, setOrganisationId] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const [created, setCreated] = useState<string | null>(null);

  const isCustomer = role === 'customer';
  const organisations = useOrganisationOptions({ enabled: isCustomer });

  const setValue = (field: keyof typeof EMPTY) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
  };

  const validate = (): FieldErrorMap<Field> => {
    const fields: FieldErrorMap<Field> = {};
    if (!values.fullName.trim()) fields.fullName = 'Enter the person’s full name.';
    if (!values.email.trim()) fields.email = 'Enter an email address.';
    if (values.password.length < PASSWORD_MIN_LENGTH) {
      fields.password = `Use at least ${String(PASSWORD_MIN_LENGTH)} characters.`;
    } else if (values.password.length > PASSWORD_MAX_LENGTH) {
      fields.password = `Use at most ${String(PASSWORD_MAX_LENGTH)} characters.`;
    }
    if (isCustomer && !organisationId)
      fields.organisation = 'Choose the organisation this customer works for.';
    return fields;
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    const fields = validate();
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      focusFirstInvalid(FIELD_IDS, fields);
      return;
    }
    setErrors(NO_ERRORS);

    const request: CreateUserRequest = {
      email: values.email.trim(),
      password: values.password,
      role,
      organisationId: isCustomer ? organisationId : undefined,
      person: { fullName: values.fullName.trim() },
    };
    createUser.mutate(request, {
      onSuccess: (user) => {
        setValues(EMPTY);
        setCreated(`Created an account for ${user.fullName ?? user.email} (${ROLE_LABELS[user.role]}).`);
        onCreated(user);
      },
      onError: (error) => {
        let next = toFormErrors(error, API_FIELDS);
        // 409: the email address already has an account.
        if (isApiError(error) && error.status === 409 && Object.keys(next.fields).length === 0) {
          next = { fields: { email: error.message } };
        }
        setErrors(next);
        focusFirstInvalid(FIELD_IDS, next.fields);
      },
    });
  };

  const organisationHint =
    organisations.data && organisations.data.length === 0 ? (
      <>
        There are no organisations yet. <Link to="/admin">Create one first</Link>.
      </>
    ) : undefined;

  return (
    <Card
      title="New user"
      titleId="new-user-title"
      description="The person signs in with this email and password. Share the password with them securely."
    >
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <form className="form-grid" onSubmit={handleSubmit} noValidate aria-labelledby="new-user-title">
        <TextField
          id={FIELD_IDS.fullName}
          label="Full name"
          name="fullName"
          autoComplete="off"
          value={values.fullName}
          onChange={setValue('fullName')}
          error={errors.fields.fullName}
        />
        <TextField
          id={FIELD_IDS.email}
          label="Email"
          type="email"
          name="email"
          inputMode="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={values.email}
          onChange={setValue('email')}
          error={errors.fields.email}
        />
        <TextField
          id={FIELD_IDS.password}
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          hint={`At least ${String(PASSWORD_MIN_LENGTH)} characters, not a common password, and without the person’s name or email address.`}
          value={values.password}
          onChange={setValue('password')}
          error={errors.fields.password}
        />
        <RoleSelect id={FIELD_IDS.role} role={role} onChange={setRole} error={errors.fields.role} />
        {isCustomer ? (
          <SelectField
            id={FIELD_IDS.organisation}
            label="Organisation"
            name="organisationId"
            hint={organisationHint}
            value={organisationId}
            onChange={(event) => {
              setOrganisationId(event.target.value);
            }}
            disabled={organisations.isPending}
            error={
              errors.fields.organisation ??
              (organisations.error
                ? `Organisations could not be loaded. ${organisations.error.message}`
                : undefined)
            }
          >
            <option value="">
              {organisations.isPending ? 'Loading organisations…' : 'Choose an organisation'}
            </option>
            {organisations.data?.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <div className="form-grid__actions">
          <BusyButton type="submit" className="button button--primary" busy={createUser.isPending}>
            Create user
          </BusyButton>
        </div>
      </form>
      <StatusMessage tone="success">{created}</StatusMessage>
    </Card>
  );
}
