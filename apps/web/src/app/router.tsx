import { createBrowserRouter, Outlet } from 'react-router';
import { OrganisationsPage } from '../features/admin/components/OrganisationsPage';
import { UsersPage } from '../features/admin/components/UsersPage';
import { LoginPage } from '../features/auth/components/LoginPage';
import { ConsoleHomePage } from '../features/console/components/ConsoleHomePage';
import { ConsoleTicketPage } from '../features/console/components/ConsoleTicketPage';
import { DashboardPage } from '../features/console/components/DashboardPage';
import { DpoHomePage } from '../features/dpo/components/DpoHomePage';
import { NewTicketPage } from '../features/portal/components/NewTicketPage';
import { PortalHomePage } from '../features/portal/components/PortalHomePage';
import { PortalTicketPage } from '../features/portal/components/PortalTicketPage';
import { AppShell } from './AppShell';
import { NotFoundPage, RouteErrorPage } from './ErrorPages';
import { HomeRedirect, RequireAuth, RequireRole } from './guards';
import { RootLayout } from './RootLayout';

/**
 * Routes:
 *   /             -> the signed-in role's home, or /login
 *   /login        -> sign in (?expired=1 explains a lapsed session)
 *   /portal                     -> customer: their requests
 *   /portal/new                 -> customer: log a fault or request
 *   /portal/tickets/:ticketId   -> customer: one request, its thread and files
 *   /console                    -> engineer: the queue (filters in the query string)
 *   /console/tickets/:ticketId  -> engineer: one ticket
 *   /console/dashboard          -> engineer: charts of open tickets
 *   /dpo          -> Data Protection Officer
 *   /admin        -> administrator: organisations
 *   /admin/users  -> administrator: users
 */
export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/', element: <HomeRedirect /> },
      { path: '/login', element: <LoginPage /> },
      {
        element: (
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        ),
        children: [
          {
            path: '/portal',
            element: (
              <RequireRole roles={['customer']}>
                <Outlet />
              </RequireRole>
            ),
            children: [
              { index: true, element: <PortalHomePage /> },
              { path: 'new', element: <NewTicketPage /> },
              { path: 'tickets/:ticketId', element: <PortalTicketPage /> },
            ],
          },
          {
            path: '/console',
            element: (
              <RequireRole roles={['engineer']}>
                <Outlet />
              </RequireRole>
            ),
            children: [
              { index: true, element: <ConsoleHomePage /> },
              { path: 'tickets/:ticketId', element: <ConsoleTicketPage /> },
              { path: 'dashboard', element: <DashboardPage /> },
            ],
          },
          {
            path: '/dpo',
            element: (
              <RequireRole roles={['dpo']}>
                <Outlet />
              </RequireRole>
            ),
            children: [{ index: true, element: <DpoHomePage /> }],
          },
          {
            path: '/admin',
            element: (
              <RequireRole roles={['admin']}>
                <Outlet />
              </RequireRole>
            ),
            children: [
              { index: true, element: <OrganisationsPage /> },
              { path: 'users', element: <UsersPage /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
