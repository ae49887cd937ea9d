import { ROLE_LABELS } from '@hushdesk/contracts';
import { useEffect, useState, type SubmitEvent } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { isApiError } from '../../../lib/api-client';
import {
  focusFirstInvalid,
  NO_ERRORS,
  toFormErrors,
  type FieldErrorMap,
  type FormErrors,
} from '../../../lib/form-errors';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage, FullPageSpinner, StatusMessage } from '../../../ui/Feedback';
import { ClockIcon, EyeOffIcon, ShieldIcon } from '../../../ui/icons';
import { Wordmark } from '../../../ui/Logo';
import {
  destinationAfterLogin,
  useCurrentUser,
  useDemoInfo,
  useLogin,
  type LoginLocationState,
} from '../hooks/use-auth';
import { sessionMarker } from '../session-marker';
import './login.css';

type LoginField = 'email' | 'password';

const FIELD_IDS: Record<LoginField, string> = { email: 'login-email', password: 'login-password' };
const API_FIELDS: Record<string, LoginField> = { email: 'email', password: 'password' };

export function LoginPage() {
  useDocumentTitle('Sign in');
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const from = (location.state as LoginLocationState | null)?.from;
  const sessionExpired = searchParams.get('expired') === '1';
  // The message has been shown: a later plain visit to this page should not repeat it.
  useEffect(() => {
    if (sessionExpired) sessionMarker.clear();
  }, [sessionExpired]);

  const currentUser = useCurrentUser();
  const demo = useDemoInfo().data;
  const login = useLogin();

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [errors, setErrors] = useState<FormErrors<LoginField>>(NO_ERRORS);

  if (currentUser.data) {
    return <Navigate to={destinationAfterLogin(currentUser.data, from)} replace />;
  }
  if (currentUser.isPending) return <FullPageSpinner />;

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields: FieldErrorMap<LoginField> = {};
    if (!email.trim()) fields.email = 'Enter your email address.';
    if (!password) fields.password = 'Enter your password.';
    if (fields.email || fields.password) {
      setErrors({ fields });
      focusFirstInvalid(FIELD_IDS, fields);
      return;
    }

    setErrors(NO_ERRORS);
    login.mutate(
      { email: email.trim(), password },
      {
        onError: (error) => {
          const next = toFormErrors(error, API_FIELDS);
          setErrors(next);
          if (isApiError(error) && error.status === 401) {
            setPassword('');
            focusFirstInvalid(FIELD_IDS, { password: 'retry' });
          } else {
            focusFirstInvalid(FIELD_IDS, next.fields);
          }
        },
      },
    );
    // On success the cached account changes and the <Navigate> above takes over.
  };

  const fillDemoAccount = (demoEmail: string) => {
    setEmail(demoEmail);
    setErrors(NO_ERRORS);
    // With a known demo password the form is ready to submit; otherwise the password is typed.
    if (demo?.password) {
      setPassword(demo.password);
      document.getElementById('login-submit')?.focus();
    } else {
      document.getElementById(FIELD_IDS.password)?.focus();
    }
  };

  return (
    <div className="auth-layout">
      <section className="auth-brand" aria-label="About Hushdesk">
        <Wordmark tone="light" className="auth-brand__wordmark" />
        <div className="auth-brand__pitch">
          <p className="auth-brand__tagline">Support that keeps personal data quiet.</p>
          <p className="auth-brand__lede">
            Hushdesk is the helpdesk for IT and telecoms service companies that treats every customer detail
            as something borrowed, not owned.
          </p>
          <ul className="auth-brand__points">
            <li>
              <EyeOffIcon />
              <span>Personal details stay hidden until someone has a reason to see them.</span>
            </li>
            <li>
              <ShieldIcon />
              <span>Every look at personal data is recorded for your Data Protection Officer.</span>
            </li>
            <li>
              <ClockIcon />
              <span>Data-subject requests are tracked against their legal deadlines.</span>
            </li>
          </ul>
        </div>
        <p className="auth-brand__footer">Hushdesk · Privacy-first support</p>
      </section>

      <main className="auth-main" id="main-content">
        <div className="auth-card">
          <h1 className="auth-card__title" id="login-title">
            Sign in to Hushdesk
          </h1>
          <p className="auth-card__subtitle">
            Use the email address your service provider registered for you.
          </p>

          <StatusMessage tone="warning">
            {sessionExpired ? 'Your session has expired. Please sign in again.' : null}
          </StatusMessage>

          {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}

          <form className="form-stack" onSubmit={handleSubmit} noValidate aria-labelledby="login-title">
            <TextField
              id={FIELD_IDS.email}
              label="Email"
              type="email"
              name="email"
              inputMode="email"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={email}
              onChange={(event) => {
                setEmail(event.target.value);
              }}
              error={errors.fields.email}
            />
            <div className="password-field">
              <TextField
                id={FIELD_IDS.password}
                label="Password"
                type={showPassword ? 'text' : 'password'}
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => {
                  setPassword(event.target.value);
                }}
                error={errors.fields.password}
              />
              <button
                type="button"
                className="password-field__toggle"
                aria-controls={FIELD_IDS.password}
                aria-pressed={showPassword}
                onClick={() => {
                  setShowPassword((shown) => !shown);
                }}
              >
                {showPassword ? 'Hide' : 'Show'}
                <span className="visually-hidden"> password</span>
              </button>
            </div>
            <BusyButton
              id="login-submit"
              type="submit"
              className="button button--primary button--block"
              busy={login.isPending}
            >
              Sign in
            </BusyButton>
          </form>

          {demo ? (
            <section className="demo-accounts" aria-labelledby="demo-accounts-title">
              <h2 className="demo-accounts__title" id="demo-accounts-title">
                Demo accounts
              </h2>
              <p className="demo-accounts__hint">
                {demo.password ? (
                  <>
                    Every demo account uses the password <code>{demo.password}</code>.{' '}
                  </>
                ) : (
                  'Every demo account uses the password your administrator set. '
                )}
                Choose one to fill in the form.
              </p>
              <ul className="demo-accounts__list">
                {demo.accounts.map((account) => (
                  <li key={account.email}>
                    <button
                      type="button"
                      className="demo-account"
                      onClick={() => {
                        fillDemoAccount(account.email);
                      }}
                    >
                      <span className="demo-account__email">{account.email}</span>
                      <span className="demo-account__role">{ROLE_LABELS[account.role]}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </main>
    </div>
  );
}
