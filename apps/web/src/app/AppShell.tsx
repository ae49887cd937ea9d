import { ROLE_LABELS } from '@hushdesk/contracts';
import { NavLink, Outlet } from 'react-router';
import { useCurrentUser, useLogout } from '../features/auth';
import { SlaWarningsTray, useLiveTickets } from '../features/tickets';
import { isApiError } from '../lib/api-client';
import { initials } from '../lib/format';
import { useSessionSocket } from '../lib/socket';
import { SignOutIcon } from '../ui/icons';
import { Wordmark } from '../ui/Logo';
import { ACCOUNT_NAVIGATION, AREA_NAMES, NAVIGATION } from './navigation';

/** The frame around every signed-in page: sidebar with navigation and account, then the page. */
export function AppShell() {
  const { data: user } = useCurrentUser();
  const logout = useLogout();
  // Live updates for as long as someone is signed in.
  // Not while a reset password must be replaced: the API refuses that handshake.
  useSessionSocket(user?.mustChangePassword ? undefined : user?.id);
  useLiveTickets();
  if (!user) return null;

  const displayName = user.fullName?.trim() || user.email;
  const logoutFailed = logout.isError && !(isApiError(logout.error) && logout.error.status === 401);

  return (
    <div className="shell">
      <a className="skip-link" href="#main-content">
        Skip to content
      </a>
      <header className="sidebar">
        <div className="sidebar__brand">
          <Wordmark tone="light" />
          <span className="sidebar__area">{AREA_NAMES[user.role]}</span>
          <SlaWarningsTray role={user.role} />
        </div>

        <nav className="sidebar__nav" aria-label="Main">
          <ul>
            {(user.mustChangePassword ? [] : NAVIGATION[user.role]).map(({ to, label, icon: Icon, end }) => (
              <li key={to}>
                <NavLink to={to} end={end} className="nav-link">
                  <Icon />
                  <span>{label}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>

        <div className="sidebar__account">
          <div className="account">
            <span className="account__avatar" aria-hidden="true">
              {initials(displayName)}
            </span>
            <div className="account__text">
              <p className="account__name" data-testid="current-user-name">
                {displayName}
              </p>
              <p className="account__role" data-testid="current-user-role">
                {ROLE_LABELS[user.role]}
              </p>
            </div>
          </div>
          <nav className="sidebar__account-nav" aria-label="Account">
            <ul>
              {ACCOUNT_NAVIGATION[user.role].map(({ to, label, icon: Icon }) => (
                <li key={to}>
                  <NavLink to={to} className="nav-link">
                    <Icon />
                    <span>{label}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          {logoutFailed ? (
            <p className="sidebar__error" role="alert">
              Could not sign out. {logout.error.message}
            </p>
          ) : null}
          <button
            type="button"
            className="button button--sidebar"
            onClick={() => {
              logout.mutate();
            }}
            disabled={logout.isPending}
          >
            <SignOutIcon size={18} />
            Sign out
          </button>
        </div>
      </header>

      <main className="shell__main" id="main-content" tabIndex={-1}>
        <div className="shell__content">
          <Outlet />
        </div>
      </main>
    </div>
  );
}
