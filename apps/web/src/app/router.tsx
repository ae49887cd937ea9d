import { createBrowserRouter, Outlet } from 'react-router';
import {
  ControllerSettingsPage,
  GroupsPage,
  OrganisationsPage,
  SharedViewsPage,
  SlaSettingsPage,
  TagsPage,
  UsersPage,
} from '../features/admin';
import { ChangePasswordPage, LoginPage } from '../features/auth';
import { ConsoleHomePage, ConsoleTicketPage, DashboardPage } from '../features/console';
import { AuditTrailPage, DpoHomePage, DpoTicketPage, FieldPoliciesPage, RopaPage } from '../features/dpo';
import { DsarDownloadPage, DsarRequestPage } from '../features/dsar';
import { MailboxesPage, MailPreferencesPage, OutboxPage } from '../features/mail';
import {
  MyDetailsPage,
  NewTicketPage,
  PortalHomePage,
  PortalTicketPage,
  PrivacyNoticePage,
  PrivacyRequestsPage,
} from '../features/portal';
import { RetentionPage } from '../features/retention';
import { MacrosPage } from '../features/tickets';
import { AppShell } from './AppShell';
import { NotFoundPage, RouteErrorPage } from './ErrorPages';
import { HomeRedirect, RequireAuth, RequireRole } from './guards';
import { RootLayout } from './RootLayout';

/**
 * Routes:
 *   /             -> the signed-in role's home, or /login
 *   /login        -> sign in (?expired=1 explains a lapsed session)
 *   /download/:token -> anyone with a released DSAR link: downloads it signed in as the requester,
 *                 or with the one-time code the DPO gave
 *   /portal                     -> customer: their requests
 *   /portal/new                 -> customer: log a fault or request
 *   /portal/tickets/:ticketId   -> customer: one request, its thread and files
 *   /portal/details             -> customer: their own contact details (rectification)
 *   /portal/privacy             -> customer: the privacy notice, generated from the field policies
 *   /portal/requests            -> customer: privacy requests (copy, correct, delete, stop contact) and answers
 *   /console                    -> engineer: the queue (filters in the query string)
 *   /console/tickets/:ticketId  -> engineer: one ticket
 *   /console/dashboard          -> engineer: charts of open tickets
 *   /console/macros             -> engineer: their own macros (new, edit, delete) and the shared ones, read-only
 *   /dpo          -> Data Protection Officer: data-subject requests by due date, counters, intake of a new one
 *   /dpo/requests/:dsarId -> DPO: one request (verify, pause, extend, collect, review, release, erase...)
 *   /dpo/tickets/:ticketId -> DPO: one ticket (redact a message or a text file, the share-safe copy)
 *   /dpo/fields   -> DPO: field policies (collection, purposes, retention, visibility, purge)
 *   /dpo/retention -> DPO: recordings due to expire, retention runs (dry run first), legal holds, periods
 *   /dpo/audit    -> DPO: the audit trail and its chain check (filters in the query string)
 *   /dpo/ropa     -> DPO: the record of processing activities, printable
 *   /admin        -> administrator: organisations
 *   /admin/tickets -> administrator: the same queue as the console's, to work tickets (no share-safe copies)
 *   /admin/tickets/:ticketId -> administrator: one ticket, e.g. from an SLA warning
 *   /admin/users  -> administrator: users
 *   /admin/controller -> administrator: the controller's name, address and DPO contact
 *   /admin/sla    -> administrator: business hours, bank holidays and SLA targets
 *   /admin/tags   -> administrator: the tags tickets carry, renamed or removed on every ticket
 *   /admin/groups -> administrator: ticket groups and their members, who are warned about SLAs
 *   /admin/mailboxes -> administrator: IMAP mailboxes (add, test, pause, last error, quarantine)
 *   /admin/outbox -> administrator: mail sent, or kept without SMTP_URL, and whether mail is sent
 *   /admin/macros -> administrator: the same macros page; creates, edits and deletes shared macros
 *   /admin/fields, /admin/retention, /admin/audit, /admin/ropa -> administrator: the same privacy
 *                 screens as the DPO (legal holds are the DPO's alone: shown, not changed)
 *   /account/password -> every role: change one's own password (other sessions end)
 *   /account/email -> staff: which notifications are emailed to them (new, assigned tickets)
 */
/** The privacy-office screens: under /dpo for the DPO, and under /admin for administrators. */
const privacyOfficeRoutes = [
  { path: 'fields', element: <FieldPoliciesPage /> },
  { path: 'retention', element: <RetentionPage /> },
  { path: 'audit', element: <AuditTrailPage /> },
  { path: 'ropa', element: <RopaPage /> },
];

export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/', element: <HomeRedirect /> },
      { path: '/login', element: <LoginPage /> },
      // Public: the requester proves who they are on the page (sign-in or a one-time code).
      { path: '/download/:token', element: <DsarDownloadPage /> },
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
              { path: 'details', element: <MyDetailsPage /> },
              { path: 'privacy', element: <PrivacyNoticePage /> },
              { path: 'requests', element: <PrivacyRequestsPage /> },
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
              { path: 'macros', element: <MacrosPage canShare={false} /> },
            ],
          },
          {
            path: '/dpo',
            element: (
              <RequireRole roles={['dpo']}>
                <Outlet />
              </RequireRole>
            ),
            children: [
              { index: true, element: <DpoHomePage /> },
              { path: 'requests/:dsarId', element: <DsarRequestPage /> },
              { path: 'tickets/:ticketId', element: <DpoTicketPage /> },
              ...privacyOfficeRoutes,
            ],
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
              { path: 'tickets', element: <ConsoleHomePage /> },
              { path: 'tickets/:ticketId', element: <ConsoleTicketPage /> },
              { path: 'users', element: <UsersPage /> },
              { path: 'controller', element: <ControllerSettingsPage /> },
              { path: 'sla', element: <SlaSettingsPage /> },
              { path: 'tags', element: <TagsPage /> },
              { path: 'groups', element: <GroupsPage /> },
              { path: 'views', element: <SharedViewsPage /> },
              { path: 'mailboxes', element: <MailboxesPage /> },
              { path: 'outbox', element: <OutboxPage /> },
              { path: 'macros', element: <MacrosPage canShare /> },
              ...privacyOfficeRoutes,
            ],
          },
          { path: '/account/password', element: <ChangePasswordPage /> },
          {
            path: '/account/email',
            element: (
              <RequireRole roles={['engineer', 'dpo', 'admin']}>
                <MailPreferencesPage />
              </RequireRole>
            ),
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
