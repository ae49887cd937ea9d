/** The auth feature as other features and the app shell see it. */
export { ChangePasswordPage } from './components/ChangePasswordPage';
export { LoginPage } from './components/LoginPage';
export { authKeys, useCurrentUser, useLogout, useSessionExpiryRedirect } from './hooks/use-auth';
export type { LoginLocationState } from './hooks/use-auth';
export { sessionMarker } from './session-marker';
