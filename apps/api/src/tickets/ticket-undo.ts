import type { Priority, TicketStatus } from '@hushdesk/ticketing';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import type { UpdateTicketDto } from './dto/ticket.dto';
import type { TicketRow } from './ticket-rows';

/**
 * How long after a change its author may take it back: long enough for the confirmation's Undo,
 * short enough that an undo means "I slipped" rather than a decision revisited.
 */
export const UNDO_WINDOW_MINUTES = 5;

interface LastChangeRow {
  field: 'status' | 'priority' | 'assignee' | 'group' | 'tags';
  from_value: string | null;
  to_value: string | null;
  too_old: boolean;
  changed_since: boolean;
}

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
  }
}

const refuse = (message: string) => new DomainError(DomainErrorCode.InvalidState, message);

/**
 * The change that takes back the caller's own last change on this ticket (every field of it), or
 * a 409 saying why it cannot: there is none, it is too old, or someone changed those fields since.
 * A status a reply moved on with (New to Open) is not such a change: the reply stands.
 * Runs inside the caller's transaction, after the ticket row is locked.
 */
export async function undoOfLastChange(
  manager: EntityManager,
  actor: Actor,
  ticket: TicketRow,
  now: Date,
): Promise<UpdateTicketDto> {
  const rows: LastChangeRow[] = await manager.query(
    `WITH mine AS (
       SELECT max(y.at) AS at FROM ticket_history y
        WHERE y.ticket_id = $1 AND y.actor_id = $2
          -- A status a reply moved on with shares its message's instant: the reply's doing, not a
          -- change made in the controls, so Undo takes back the caller's change before it.
          AND NOT EXISTS (SELECT 1 FROM ticket_messages m
                           WHERE m.ticket_id = y.ticket_id AND m.author_id = y.actor_id AND m.created_at = y.at))
     SELECT h.field, h.from_value, h.to_value,
            $3::timestamptz - h.at > make_interval(mins => $4) AS too_old,
            EXISTS (SELECT 1 FROM ticket_history l
                     WHERE l.ticket_id = h.ticket_id AND l.field = h.field AND l.at > h.at) AS changed_since
       FROM ticket_history h JOIN mine ON h.at = mine.at
      WHERE h.ticket_id = $1 AND h.actor_id = $2`,
    [ticket.id, actor.userId, now, UNDO_WINDOW_MINUTES],
  );
  if (!rows.length) throw refuse('There is nothing of yours to undo on this ticket.');
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
