import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLE_HOME } from '@hushdesk/contracts';
import { useNavigate } from 'react-router';
import { useState, type ChangeEvent, type SubmitEvent } from 'react';
import {
  fieldSentence,
  focusFirstInvalid,
  NO_ERRORS,
  toFormErrors,
  type FieldErrorMap,
  type FormErrors,
} from '../../../lib/form-errors';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage, StatusMessage } from '../../../ui/Feedback';
import { KeyIcon, LockIcon, SignOutIcon } from '../../../ui/icons';
import { Card, PageHeader } from '../../../ui/Layout';
import { useCurrentUser } from '../hooks/use-auth';
import { useChangePassword } from '../hooks/use-change-password';
import './account.css';

type Field = 'current' | 'next' | 'confirm';

/** In the order they appear, so the first invalid one gets focus. */
const FIELD_IDS: Record<Field, string> = {
  current: 'password-current',
  next: 'password-new',
  confirm: 'password-confirm',
};

/** The API's field names, mapped to this form's fields. */
const API_FIELDS: Record<string, Field> = {
  currentPassword: 'current',
  newPassword: 'next',
};

/**
 * How the API's field messages ("is not your current password") are completed into sentences;
 * "Current password is not your current password" would read oddly.
 */
const API_SUBJECTS: Partial<Record<Field, string>> = {
  current: 'That password',
  next: 'The new password',
};

const EMPTY: Record<Field, string> = { current: '', next: '', confirm: '' };

function validate(values: Record<Field, string>): FieldErrorMap<Field> {
  const fields: FieldErrorMap<Field> = {};
  if (!values.current) fields.current = 'Enter your current password.';
  if (!values.next) fields.next = 'Enter a new password.';
  else if (values.next.length < PASSWORD_MIN_LENGTH)
    fields.next = `Use at least ${String(PASSWORD_MIN_LENGTH)} characters.`;
  else if (values.next.length > PASSWORD_MAX_LENGTH)
    fields.next = `Use at most ${String(PASSWORD_MAX_LENGTH)} characters.`;
  else if (values.next === values.current) fields.next = 'Choose a password different from your current one.';
  if (!values.confirm) fields.confirm = 'Enter the new password again.';
  else if (values.next && values.confirm !== values.next)
    fields.confirm = 'This does not match the new password.';
  return fields;
}

/** `/account/password`: any signed-in account changes its own password. */
export function ChangePasswordPage() {
  useDocumentTitle('Change password');
  const { data: user } = useCurrentUser();
  const changePassword = useChangePassword();
  const navigate = useNavigate();
  const required = user?.mustChangePassword ?? false;
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const [status, setStatus] = useState<string | null>(null);

  const setValue = (field: Field) => (event: ChangeEvent<HTMLInputElement>) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
    setStatus(null);
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus(null);
    const fields = validate(values);
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      focusFirstInvalid(FIELD_IDS, fields);
      return;
    }
    setErrors(NO_ERRORS);
    changePassword.mutate(
      { currentPassword: values.current, newPassword: values.next },
      {
        onSuccess: (response) => {
          setValues(EMPTY);
          if (required) {
            void navigate(ROLE_HOME[response.user.role], { replace: true });
            return;
          }
          setStatus(
            'Your password has been changed. Every other browser and device has been signed out; this one stays signed in.',
          );
        },
        onError: (error) => {
          const next = toFormErrors(error, API_FIELDS);
          for (const [field, subject] of Object.entries(API_SUBJECTS) as [Field, string][]) {
            const message = next.fields[field];
            if (message) next.fields[field] = fieldSentence(subject, message);
          }
          setErrors(next);
          focusFirstInvalid(FIELD_IDS, next.fields);
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title="Change password"
        description="Choose a new password for signing in to Hushdesk. You will need your current one to do it."
      />
      <div className="home-grid">
        <div className="card password-card home-grid__main">
          {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
          {required ? (
            <p className="notice notice--warning" data-testid="password-reset-note">
              An administrator reset your password. Choose a new one to continue: enter the temporary password
              you were given as your current password.
            </p>
          ) : null}
          <form className="form-stack" onSubmit={handleSubmit} noValidate aria-label="Change password">
            <p className="notice notice--info password-card__warning" data-testid="sign-out-note">
              <SignOutIcon size={20} />
              <span>
                Changing your password <strong>signs you out on every other browser and device</strong>. This
                browser stays signed in.
              </span>
            </p>
            {/* Lets password managers file the new password under the right account. */}
            <input
              type="email"
              name="username"
              autoComplete="username"
              value={user?.email ?? ''}
              readOnly
              hidden
            />
            <TextField
              id={FIELD_IDS.current}
              label="Current password"
              type="password"
              name="currentPassword"
              autoComplete="current-password"
              value={values.current}
              onChange={setValue('current')}
              error={errors.fields.current}
            />
            <TextField
              id={FIELD_IDS.next}
              label="New password"
              type="password"
              name="newPassword"
              autoComplete="new-password"
              hint={`At least ${String(PASSWORD_MIN_LENGTH)} characters. Very common passwords, and ones containing your name or email address, are refused.`}
              value={values.next}
              onChange={setValue('next')}
              error={errors.fields.next}
            />
            <TextField
              id={FIELD_IDS.confirm}
              label="Confirm new password"
              type="password"
              name="confirmPassword"
              autoComplete="new-password"
              value={values.confirm}
              onChange={setValue('confirm')}
              error={errors.fields.confirm}
            />
            <div className="password-card__actions">
              <BusyButton type="submit" className="button button--primary" busy={changePassword.isPending}>
                Change password
              </BusyButton>
            </div>
            <StatusMessage tone="success">{status}</StatusMessage>
          </form>
        </div>
        <Card title="A good password" titleId="password-advice-title" className="home-grid__aside">
          <ul className="checklist">
            <li>
              <KeyIcon size={18} />
              <span>
                Use {String(PASSWORD_MIN_LENGTH)} characters or more. A few unrelated words are easy to
                remember and hard to guess.
              </span>
            </li>
            <li>
              <LockIcon size={18} />
              <span>
                Use it only for Hushdesk, and leave out your name and email address. The most common leaked
                passwords are refused, however long.
              </span>
            </li>
            <li>
              <SignOutIcon size={18} />
              <span>
                If you think someone else knows your password, change it: their session ends at once.
              </span>
            </li>
          </ul>
        </Card>
      </div>
    </>
  );
}
