import { ROLE_HOME, type Role } from '@hushdesk/contracts';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useCurrentUser, type LoginLocationState, sessionMarker } from '../features/auth';
import { ErrorMessage, FullPageSpinner } from '../ui/Feedback';

/** Shown when we cannot tell who is signed in because the API is unreachable or failing. */
function SessionCheckFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <main className="full-page-center" id="main-content">
      <div className="card card--narrow">
        <h1 className="card__title">Hushdesk is not responding</h1>
        <ErrorMessage>{message}</ErrorMessage>
        <button type="button" className="button button--primary" onClick={onRetry}>
          Try again
        </button>
      </div>
    </main>
  );
}

const PASSWORD_PATH = '/account/password';

/** Renders its children only for a signed-in visitor; everyone else goes to the sign-in page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data: user, isPending, error, refetch } = useCurrentUser();
  const location = useLocation();

  // After an admin's password reset, choosing a new password comes before anything else.
  if (user?.mustChangePassword && location.pathname !== PASSWORD_PATH) {
    return <Navigate to={PASSWORD_PATH} replace />;
  }
  if (user) return children;
  if (isPending) return <FullPageSpinner />;
  if (error) return <SessionCheckFailed message={error.message} onRetry={() => void refetch()} />;

  const state: LoginLocationState = { from: `${location.pathname}${location.search}` };
  return <Navigate to={loginPath()} replace state={state} />;
}

/**
 * Renders its children only for the given roles. Anyone else is sent to their own home, so a
 * customer who follows a link into the console lands back in the portal. Use inside RequireAuth.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { data: user } = useCurrentUser();
  if (!user) return null;
  if (!roles.includes(user.role)) return <Navigate to={ROLE_HOME[user.role]} replace />;
  return children;
}

/** `/`: the signed-in role's home, or the sign-in page. */
export function HomeRedirect() {
  const { data: user, isPending, error, refetch } = useCurrentUser();
  if (user) return <Navigate to={ROLE_HOME[user.role]} replace />;
  if (isPending) return <FullPageSpinner />;
  if (error) return <SessionCheckFailed message={error.message} onRetry={() => void refetch()} />;
  return <Navigate to={loginPath()} replace />;
}

/** The sign-in page, explaining an expired session when this browser was signed in before. */
function loginPath(): string {
  return sessionMarker.wasSignedIn() ? '/login?expired=1' : '/login';
}
