import { useCurrentUser } from '../auth';

/** Where a member of staff's queue and ticket pages are. */
export interface StaffTicketPaths {
  queue: string;
  ticket: (id: string) => string;
}

const CONSOLE: StaffTicketPaths = { queue: '/console', ticket: (id) => `/console/tickets/${id}` };
const ADMIN: StaffTicketPaths = { queue: '/admin/tickets', ticket: (id) => `/admin/tickets/${id}` };

/**
 * Engineers work tickets in the console. Admins may work them too (the API lets them change and
 * answer tickets, and SLA warnings reach them as group members), but each role keeps to its own
 * area of the app, so theirs are under /admin. Other roles have no queue.
 */
export function staffTicketPaths(role: string | undefined): StaffTicketPaths | null {
  if (role === 'engineer') return CONSOLE;
  if (role === 'admin') return ADMIN;
  return null;
}

/** The signed-in member of staff's paths (the console's while the account loads). */
export function useStaffTicketPaths(): StaffTicketPaths {
  const { data: user } = useCurrentUser();
  return staffTicketPaths(user?.role) ?? CONSOLE;
}
