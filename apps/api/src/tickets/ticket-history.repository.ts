import { Injectable } from '@nestjs/common';
import type { Role } from '@hushdesk/contracts';
import type { TicketHistoryEntryDto } from './dto/ticket.dto';
import { SqlParams } from '../database/sql-params';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** One change in a ticket's history, with the names its ids stand for. */
export interface HistoryRow {
  id: string;
  field: TicketHistoryEntryDto['field'];
  from_value: string | null;
  to_value: string | null;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: Role | null;
  from_assignee: string | null;
  to_assignee: string | null;
  from_group: string | null;
  to_group: string | null;
  /** The other ticket's reference, for a merge. */
  to_ticket: string | null;
}

/** A field of the caller's last change on a ticket, and whether it can still be taken back. */
export interface LastChangeRow {
  field: 'status' | 'priority' | 'assignee' | 'group' | 'tags' | 'merged_into' | 'merged_from';
  from_value: string | null;
  to_value: string | null;
  too_old: boolean;
  changed_since: boolean;
}

/** A change to record: field, value before, value after. */
export type HistoryChange = [string, string | null, string | null];

/**
 * Every statement on `ticket_history`. Callers check the ticket is theirs to see (TicketsService)
 * before reading its history.
 */
@Injectable()
export class TicketHistoryRepository extends SqlRepository {
  async record(
    tx: Tx,
    ticketId: string,
    actorId: string | null,
    entries: HistoryChange[],
    at: Date,
  ): Promise<void> {
    if (!entries.length) return;
    const p = new SqlParams();
    const values = entries.map(
      ([field, from, to]) =>
        `(${p.add(ticketId)}, ${p.add(actorId)}, ${p.add(field)}, ${p.add(from)}, ${p.add(to)}, ${p.add(at)})`,
    );
    await this.query(
      `INSERT INTO ticket_history (ticket_id, actor_id, field, from_value, to_value, at) VALUES ${values.join(', ')}`,
      p.values,
      tx,
    );
  }

  /** Many tickets' changes by one actor at one instant (a bulk change), in one statement. */
  async recordMany(
    tx: Tx,
    actorId: string,
    entries: { ticketId: string; change: HistoryChange }[],
    at: Date,
  ): Promise<void> {
    if (!entries.length) return;
    await this.query(
      `INSERT INTO ticket_history (ticket_id, actor_id, field, from_value, to_value, at)
       SELECT c.ticket_id, $5, c.field, c.from_value, c.to_value, $6
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS c(ticket_id, field, from_value, to_value)`,
      [
        entries.map((e) => e.ticketId),
        entries.map((e) => e.change[0]),
        entries.map((e) => e.change[1]),
        entries.map((e) => e.change[2]),
        actorId,
        at,
      ],
      tx,
    );
  }

  /**
   * The fields a bulk change (this actor, this instant) changed on each of `ticketIds`, each with
   * whether anyone changed that field of that ticket since: `lastChangeBy` for many tickets at once.
   */
  changesAt(
    tx: Tx,
    ticketIds: string[],
    actorId: string,
    at: Date,
  ): Promise<(LastChangeRow & { ticket_id: string })[]> {
    return this.query(
      `SELECT h.ticket_id, h.field, h.from_value, h.to_value, FALSE AS too_old,
              EXISTS (SELECT 1 FROM ticket_history l
                       WHERE l.ticket_id = h.ticket_id AND l.field = h.field AND l.at > h.at) AS changed_since
         FROM ticket_history h
        WHERE h.ticket_id = ANY ($1::uuid[]) AND h.actor_id = $2 AND h.at = $3`,
      [ticketIds, actorId, at],
      tx,
    );
  }

  /** Newest first, with people's and groups' names for the ids the history holds. */
  list(ticketId: string): Promise<HistoryRow[]> {
    return this.query<HistoryRow>(
      `SELECT h.id, h.field, h.from_value, h.to_value, h.at, h.actor_id, p.full_name AS actor_name, u.role AS actor_role,
              fa.full_name AS from_assignee, ta.full_name AS to_assignee, fg.name AS from_group, tg.name AS to_group,
              mt.reference AS to_ticket
         FROM ticket_history h
         LEFT JOIN users u ON u.id = h.actor_id LEFT JOIN people p ON p.id = u.person_id
         LEFT JOIN users fu ON h.field = 'assignee' AND fu.id::text = h.from_value LEFT JOIN people fa ON fa.id = fu.person_id
         LEFT JOIN users tu ON h.field = 'assignee' AND tu.id::text = h.to_value LEFT JOIN people ta ON ta.id = tu.person_id
         LEFT JOIN ticket_groups fg ON h.field = 'group' AND fg.id::text = h.from_value
         LEFT JOIN ticket_groups tg ON h.field = 'group' AND tg.id::text = h.to_value
         LEFT JOIN tickets mt ON h.field IN ('merged_into', 'merged_from') AND mt.id::text = h.to_value
        WHERE h.ticket_id = $1
        ORDER BY h.at DESC, h.id DESC`,
      [ticketId],
    );
  }

  /**
   * The fields of this actor's last change on the ticket, each with whether it is older than
   * `windowMinutes` and whether anyone changed that field since. Runs in the caller's
   * transaction, after the ticket row is locked.
   */
  lastChangeBy(
    tx: Tx,
    ticketId: string,
    actorId: string,
    now: Date,
    windowMinutes: number,
  ): Promise<LastChangeRow[]> {
    return this.query<LastChangeRow>(
      `WITH mine AS (
       SELECT max(y.at) AS at FROM ticket_history y
        WHERE y.ticket_id = $1 AND y.actor_id = $2 AND y.merged_from_ticket_id IS NULL
          -- A status a reply moved on with shares its message's instant: the reply's doing, not a
          -- change made in the controls, so Undo takes back the caller's change before it.
          AND NOT EXISTS (SELECT 1 FROM ticket_messages m
                           WHERE m.ticket_id = y.ticket_id AND m.author_id = y.actor_id AND m.created_at = y.at))
     SELECT h.field, h.from_value, h.to_value,
            $3::timestamptz - h.at > make_interval(mins => $4) AS too_old,
            EXISTS (SELECT 1 FROM ticket_history l
                     WHERE l.ticket_id = h.ticket_id AND l.field = h.field AND l.at > h.at) AS changed_since
       FROM ticket_history h JOIN mine ON h.at = mine.at
      WHERE h.ticket_id = $1 AND h.actor_id = $2 AND h.merged_from_ticket_id IS NULL`,
      [ticketId, actorId, now, windowMinutes],
      tx,
    );
  }
}
