import type { UserSummary } from '@hushdesk/api-client';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@hushdesk/contracts';
import { useState, type SubmitEvent } from 'react';
import { fieldSentence, toFormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { useResetPassword } from '../hooks/use-users';

const FIELD_ID = 'reset-temporary-password';

/** A temporary password the admin hands over; the person must choose their own at next sign-in. */
export function ResetPasswordSection({
  user,
  onReset,
}: {
  user: UserSummary;
  onReset: (user: UserSummary, message: string) => void;
}) {
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(undefined);
    if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
      setError(`Use ${String(PASSWORD_MIN_LENGTH)} to ${String(PASSWORD_MAX_LENGTH)} characters.`);
      document.getElementById(FIELD_ID)?.focus();
      return;
    }
    setError(undefined);
    reset.mutate(
      { id: user.id, temporaryPassword: password },
      {
        onSuccess: (saved) => {
          setPassword('');
          onReset(
            saved,
            `Reset the password of ${saved.fullName ?? saved.email}. They were signed out everywhere and must choose a new password when they sign in with the temporary one.`,
          );
        },
        onError: (failure) => {
          const next = toFormErrors(failure, { temporaryPassword: 'password' as const });
          if (next.fields.password) {
            setError(fieldSentence('The temporary password', next.fields.password));
            document.getElementById(FIELD_ID)?.focus();
          }
          setFormError(next.form);
        },
      },
    );
  };

  return (
    <section className="admin-dialog__section" aria-labelledby="reset-password-title">
      <h3 id="reset-password-title">Reset password</h3>
      {formError ? <ErrorMessage>{formError}</ErrorMessage> : null}
      <form className="form-stack" onSubmit={handleSubmit} noValidate aria-labelledby="reset-password-title">
        <TextField
          id={FIELD_ID}
          label="Temporary password"
          type="password"
          name="temporaryPassword"
          autoComplete="new-password"
          hint="Give it to them in person or by phone. It ends their sessions now; when they sign in with it, they must choose their own password before anything else."
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={error}
        />
        <div className="admin-dialog__actions">
          <BusyButton type="submit" className="button button--danger" busy={reset.isPending}>
            Reset password
          </BusyButton>
        </div>
      </form>
    </section>
  );
}
