import type { Priority, TicketStatus } from '@hushdesk/ticketing';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import type { UpdateTicketDto } from './dto/ticket.dto';
import type { LastChangeRow } from './ticket-history.repository';
import type { TicketRow } from './ticket-rows';

/**
 * How long after a change its author may take it back: long enough for the confirmation's Undo,
 * short enough that an undo means "I slipped" rather than a decision revisited.
 */
export const UNDO_WINDOW_MINUTES = 5;

/** The value a history row's field holds on the ticket now, in the history's own words. */
function currentValue(ticket: TicketRow, field: LastChangeRow['field']): string | null {
  switch (field) {
    case 'status':
      return ticket.status;
    case 'priority':
      return ticket.priority;
    case 'assignee':
      return ticket.assignee_id;
    case 'group':
      return ticket.group_id;
    case 'tags':
      return ticket.tags.join(', ') || null;
    case 'merged_into':
    case 'merged_from':
      return null; // refused before it is asked
  }
}

const refuse = (message: string) => new DomainError(DomainErrorCode.InvalidState, message);

/**
 * The change that takes back the caller's own last change on this ticket (every field of it), or
 * a 409 saying why it cannot: there is none, it is too old, or someone changed those fields since.
 * A status a reply moved on with (New to Open) is not such a change: the reply stands. `rows` are
 * that change's fields (`TicketHistoryRepository.lastChangeBy`), read after the ticket was locked.
 */
export function undoOfLastChange(rows: LastChangeRow[], ticket: TicketRow): UpdateTicketDto {
  if (!rows.length) throw refuse('There is nothing of yours to undo on this ticket.');
  if (rows.some((r) => r.field === 'merged_into' || r.field === 'merged_from')) {
    throw refuse(
      'Your last change here was a merge, which cannot be undone: its thread moved to another ticket.',
    );
  }
  if (rows.some((r) => r.too_old)) {
    throw refuse(
      `Your last change was too long ago to undo (more than ${UNDO_WINDOW_MINUTES} minutes); change the fields instead.`,
    );
  }
  if (rows.some((r) => r.changed_since || currentValue(ticket, r.field) !== r.to_value)) {
    throw refuse(
      'These fields were changed since by someone else, so your change was not undone; change them instead.',
    );
  }
  const input: UpdateTicketDto = {};
  for (const r of rows) {
    if (r.field === 'status') input.status = r.from_value as TicketStatus;
    else if (r.field === 'priority') input.priority = r.from_value as Priority;
    else if (r.field === 'assignee') input.assigneeId = r.from_value;
    else if (r.field === 'group') input.groupId = r.from_value;
    else input.tags = r.from_value ? r.from_value.split(', ') : [];
  }
  return input;
}
