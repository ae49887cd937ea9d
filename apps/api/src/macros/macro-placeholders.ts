import {
  isMacroPlaceholder,
  PLACEHOLDER_PATTERN,
  UNNAMED_PERSON,
  type MacroPlaceholder,
} from '@hushdesk/contracts';
import { PRIORITY_LABELS, STATUS_LABELS } from '@hushdesk/ticketing';
import type { TicketDetailDto } from '../tickets/dto/ticket.dto';

/** A placeholder's value, or null when the engineer's field policy hides it. */
export type PlaceholderValues = Record<MacroPlaceholder, string | null>;

const firstWord = (name: string | null): string | null => name?.trim().split(/\s+/)[0] || null;
const named = (name: string | null | undefined): string | null => name?.trim() || null;

/**
 * The values of every placeholder for one engineer and one ticket, taken only from what that
 * engineer's ticket page shows (`ticket` is the answer of `GET /api/tickets/:id` for them, names
 * and the contact phone already projected by their field policies) and their own name. A first
 * name is the first word of the name as shown, so a masked name gives a masked first name and
 * never the clear one.
 */
export function placeholderValues(ticket: TicketDetailDto, engineerName: string | null): PlaceholderValues {
  const requester = named(ticket.requester.name);
  const engineer = named(engineerName);
  return {
    'requester.name': requester,
    'requester.firstName': firstWord(requester),
    'organisation.name': ticket.organisation.name,
    'ticket.reference': ticket.reference,
    'ticket.subject': ticket.subject,
    'ticket.status': STATUS_LABELS[ticket.status],
    'ticket.priority': PRIORITY_LABELS[ticket.priority],
    'ticket.contactPhone': named(ticket.contactPhone),
    'assignee.name': ticket.assignee ? named(ticket.assignee.name) : null,
    'engineer.name': engineer,
    'engineer.firstName': firstWord(engineer),
  };
}

/** What stands in for a value the engineer may not see (or that is empty). */
const FALLBACK: Record<MacroPlaceholder, string> = {
  'requester.name': UNNAMED_PERSON.customer,
  'requester.firstName': UNNAMED_PERSON.customer,
  'organisation.name': '',
  'ticket.reference': '',
  'ticket.subject': '',
  'ticket.status': '',
  'ticket.priority': '',
  'ticket.contactPhone': '',
  'assignee.name': UNNAMED_PERSON.staff,
  'engineer.name': UNNAMED_PERSON.staff,
  'engineer.firstName': UNNAMED_PERSON.staff,
};

/**
 * The text with each known placeholder replaced, and the placeholders that had no value to show
 * (hidden by policy, or empty), so the engineer can be told. Unknown ones are left as written.
 */
export function expandPlaceholders(
  text: string,
  values: PlaceholderValues,
): { text: string; withheld: MacroPlaceholder[] } {
  const withheld = new Set<MacroPlaceholder>();
  const out = text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => {
    if (!isMacroPlaceholder(name)) return whole;
    const value = values[name];
    if (value === null) {
      withheld.add(name);
      return FALLBACK[name];
    }
    return value;
  });
  return { text: out, withheld: [...withheld] };
}
