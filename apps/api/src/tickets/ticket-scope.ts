import { STAFF_ROLES } from '@hushdesk/contracts';
import type { Actor } from '../common/auth/actor';

export const isStaff = (actor: Actor) => STAFF_ROLES.includes(actor.role);

/**
 * The tickets a caller may see, as a SQL condition over `TICKET_FROM` (aliases t and o). Every
 * ticket read goes through this, so a customer can never reach another's ticket by id or filter:
 * they see what they raised, and their organisation's only when it turned on shared visibility.
 * `param` appends a value and returns its placeholder.
 */
export function visibleTo(actor: Actor, param: (v: unknown) => string): string {
  if (isStaff(actor)) return 'TRUE';
  if (!actor.organisationId) return 'FALSE';
  return `(t.requester_id = ${param(actor.userId)}
          OR (t.organisation_id = ${param(actor.organisationId)} AND o.shared_ticket_visibility))`;
}

/** The tables `visibleTo` needs: staff see every ticket, so their queries skip the organisation. */
export const ticketsFor = (staff: boolean): string =>
  staff ? 'tickets t' : 'tickets t JOIN organisations o ON o.id = t.organisation_id';
