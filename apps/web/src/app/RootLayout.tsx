import { Outlet } from 'react-router';
import { useSessionExpiryRedirect } from '../features/auth';

/** The top of the route tree: app-wide behaviour that needs the router. */
export function RootLayout() {
  useSessionExpiryRedirect();
  return <Outlet />;
}
