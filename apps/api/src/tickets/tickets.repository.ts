import { Injectable } from '@nestjs/common';
import type { TicketChannel } from '@hushdesk/contracts';
import { AUTO_CLOSE_AFTER_DAYS, TICKET_STATUSES, type TicketStatus } from '@hushdesk/ticketing';
import type { QueryResultRow } from 'pg';
import type { Actor } from '../common/auth/actor';
import { limitPlusOne } from '../common/pagination/keyset';
import type { RunQuery } from '../database/prepared-query';
import { SqlParams } from '../database/sql-params';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';
import type { TicketQueryDto } from './dto/ticket.dto';
import {
  DETAIL_COLUMNS,
  SUMMARY_COLUMNS,
  TICKET_FROM,
  TICKET_JOINS,
  type TicketDetailRow,
  type TicketRow,
} from './ticket-rows';
import { isStaff, ticketsFor, visibleTo } from './ticket-scope';
import { searchCondition, type NameSearch } from './ticket-search';

const OPEN_STATUSES = "('new', 'open', 'pending_customer', 'on_hold')";

/** Per-status counts in the queue stop here: enough to show "1,000+", cheap at any size. */
export const COUNTS_LIMIT = 1000;

/** A new ticket's columns, as the service settled them (SLA clocks included). */
export interface NewTicket {
  type: string;
  priority: string;
  category: string | null;
  subject: string;
  description: string;
  requesterId: string;
  createdById: string;
  organisationId: string;
  groupId: string | null;
  tags: string[];
  equipmentAssetTag: string | null;
  equipmentModel: string | null;
  equipmentSerialNumber: string | null;
  equipmentLocation: string | null;
  contactPhone: string | null;
  firstResponseDueAt: Date | null;
  firstResponseAtRiskAt: Date | null;
  resolutionDueAt: Date | null;
  resolutionAtRiskAt: Date | null;
  nextDueAt: Date | null;
  nextAtRiskAt: Date | null;
  createdAt: Date;
  channel: TicketChannel;
}

export interface StatusCounts {
  rows: { status: TicketStatus; n: number }[];
  partial: boolean;
}

/**
 * Every statement on `tickets`. Reads for a caller take the caller and apply `visibleTo`
 * (`ticket-scope.ts`) here, so a service cannot read another's ticket by forgetting a filter;
 * the unscoped reads are for the system's own work (jobs, events after a change).
 */
@Injectable()
export class TicketsRepository extends SqlRepository {
  /**
   * One prepared statement, so one round trip, planned once per connection, and atomic without
   * a transaction: the insert, its index entries (`mentions` writes them, over `t`), the mail it
   * queues (`outbox`, over `t`: the transactional outbox), and the row as the response needs it.
   */
  async create(
    input: NewTicket,
    mentions: (add: (value: unknown) => string) => string,
    outbox: (from: string) => string,
    tx?: Tx,
  ): Promise<TicketDetailRow> {
    const p = new SqlParams();
    const values = [
      input.type,
      input.priority,
      input.category,
      input.subject,
      input.description,
      input.requesterId,
      input.createdById,
      input.organisationId,
      input.groupId,
      input.tags,
      input.equipmentAssetTag,
      input.equipmentModel,
      input.equipmentSerialNumber,
      input.equipmentLocation,
      input.contactPhone,
      input.firstResponseDueAt,
      input.firstResponseAtRiskAt,
      input.resolutionDueAt,
      input.resolutionAtRiskAt,
      input.nextDueAt,
      input.nextAtRiskAt,
      input.createdAt,
      input.channel,
    ].map(p.add);
    const mentionsSql = mentions(p.add);
    const [row] = await this.prepared<TicketDetailRow>(
      `WITH t AS (INSERT INTO tickets (type, status, priority, category, subject, description, requester_id,
         created_by_id, organisation_id, group_id, tags, equipment_asset_tag, equipment_model,
         equipment_serial_number, equipment_location, contact_phone, first_response_due_at,
         first_response_at_risk_at, resolution_due_at, resolution_at_risk_at, next_due_at, next_at_risk_at,
         created_at, channel, updated_at)
       VALUES (${values[0]}, 'new', ${values.slice(1).join(', ')}, ${values[21]})
       RETURNING *), m AS (${mentionsSql}), o AS (${outbox('t')})
       SELECT ${DETAIL_COLUMNS} FROM t ${TICKET_JOINS}`,
      p.values,
      tx,
    );
    return row;
  }

  /**
   * A page of the queue this caller may see, after the sort key `after`, with its counts per
   * status. `names` says whose names a search may match (`ticket-search.ts`); it is only read
   * when the query has `q`.
   */
  async queue(
    actor: Actor,
    query: Omit<TicketQueryDto, 'cursor' | 'limit'>,
    page: { after: (string | number)[] | undefined; limit: number },
    names: NameSearch,
  ): Promise<{ rows: TicketRow[]; counts: StatusCounts }> {
    const { after, limit } = page;
    const staff = isStaff(actor);
    const p = new SqlParams();
    const where = [visibleTo(actor, p.add)];
    if (query.priority) where.push(`t.priority = ${p.add(query.priority)}`);
    if (query.assigneeId === 'unassigned') where.push('t.assignee_id IS NULL');
    else if (query.assigneeId) {
      where.push(`t.assignee_id = ${p.add(query.assigneeId === 'me' ? actor.userId : query.assigneeId)}`);
    }
    if (query.requesterId) where.push(`t.requester_id = ${p.add(query.requesterId)}`);
    if (query.groupId) where.push(`t.group_id = ${p.add(query.groupId)}`);
    if (query.organisationId) where.push(`t.organisation_id = ${p.add(query.organisationId)}`);
    // Written on the queue index's expression (a NULL due date never breaches), so it is a range scan.
    if (query.sla === 'breached') where.push(`COALESCE(t.next_due_at, 'infinity'::timestamptz) < now()`);
    if (query.sla === 'at_risk') where.push('t.next_at_risk_at <= now() AND t.next_due_at >= now()');
    const q = query.q?.trim();
    if (q) where.push(searchCondition(q, actor, names, p.add));
    // A search is planned for its words (a rare word through the index, a common one by scanning
    // until enough match), so it is not prepared: a generic plan would pick one way for all words.
    const run: RunQuery = <T extends QueryResultRow>(text: string, values: unknown[]) =>
      q ? this.query<T>(text, values) : this.prepared<T>(text, values);

    const countsWhere = where.join(' AND ');
    const countParams = [...p.values];
    // A customer's tickets, or any filter, make a small set best counted from its own index.
    const narrowed = !staff || where.length > 1;
    if (query.status) where.push(`t.status = ${p.add(query.status)}`);

    // Staff work the queue by the next SLA deadline; customers see their newest first.
    let order: string;
    if (staff) {
      const sortKey = `COALESCE(t.next_due_at, 'infinity'::timestamptz)`;
      if (after)
        where.push(`(${sortKey}, t.id) > (${p.add(after[0])}::timestamptz, ${p.add(after[1])}::uuid)`);
      order = `${sortKey} ASC, t.id ASC`;
    } else {
      if (after)
        where.push(`(t.created_at, t.id) < (${p.add(after[0])}::timestamptz, ${p.add(after[1])}::uuid)`);
      order = 't.created_at DESC, t.id DESC';
    }
    const [rows, counts] = await Promise.all([
      // The page's ids first, then names joined for those rows only: a search sorts thousands of
      // matches, and joining each of them before the sort cost more than the search itself.
      run<TicketRow>(
        `SELECT ${SUMMARY_COLUMNS}
           FROM (SELECT t.id FROM ${ticketsFor(staff)}
                  WHERE ${where.join(' AND ')} ORDER BY ${order} ${limitPlusOne(limit)}) page
           JOIN tickets t ON t.id = page.id ${TICKET_JOINS}
          ORDER BY ${order}`,
        p.values,
      ),
      this.countByStatus(run, staff, narrowed, countsWhere, countParams),
    ]);
    return { rows, counts };
  }

  /**
   * Counts per status, bounded whatever the size of the queue (a full count of 1M tickets took
   * 0.7 s). The whole queue: each status up to COUNTS_LIMIT through the status index (statuses
   * are our constants, written into the SQL so the planner sees each one). A narrowed queue (a
   * filter or a search): the first COUNTS_LIMIT matches, grouped; `partial` when there were more.
   */
  private async countByStatus(
    run: RunQuery,
    staff: boolean,
    narrowed: boolean,
    where: string,
    params: unknown[],
  ): Promise<StatusCounts> {
    const from = ticketsFor(staff);
    if (!narrowed) {
      const rows = await run<{ status: TicketStatus; n: number }>(
        TICKET_STATUSES.map(
          (status) =>
            `SELECT '${status}' AS status, (SELECT count(*)::int FROM (
               SELECT 1 FROM ${from} WHERE ${where} AND t.status = '${status}' LIMIT ${COUNTS_LIMIT}) c) AS n`,
        ).join(' UNION ALL '),
        params,
      );
      return { rows, partial: false };
    }
    const rows = await run<{ status: TicketStatus; n: number }>(
      `SELECT status, count(*)::int AS n FROM (SELECT t.status FROM ${from} WHERE ${where} LIMIT ${COUNTS_LIMIT + 1}) c
        GROUP BY status`,
      params,
    );
    const total = rows.reduce((a, r) => a + r.n, 0);
    if (total <= COUNTS_LIMIT) return { rows, partial: false };
    return { rows, partial: true };
  }

  /** The ticket if this caller may see it, else undefined. */
  async findVisible(actor: Actor, id: string, tx?: Tx): Promise<TicketDetailRow | undefined> {
    const p = new SqlParams();
    const rows = await this.prepared<TicketDetailRow>(
      `SELECT ${DETAIL_COLUMNS} FROM ${TICKET_FROM} WHERE t.id = ${p.add(id)} AND ${visibleTo(actor, p.add)}`,
      p.values,
      tx,
    );
    return rows[0];
  }

  /** Locks the row for the rest of the transaction, if this caller may see it; then reads it. */
  async lockVisible(tx: Tx, actor: Actor, id: string): Promise<TicketDetailRow | undefined> {
    if (!(await this.findVisible(actor, id, tx))) return undefined;
    await this.query('SELECT 1 FROM tickets WHERE id = $1 FOR UPDATE', [id], tx);
    return this.load(id, tx);
  }

  /** Unscoped: for the system's own work on a ticket it already knows (events, jobs). */
  async load(id: string, tx?: Tx): Promise<TicketDetailRow> {
    const rows = await this.prepared<TicketDetailRow>(
      `SELECT ${DETAIL_COLUMNS} FROM ${TICKET_FROM} WHERE t.id = $1`,
      [id],
      tx,
    );
    return rows[0];
  }

  /** Whether a ticket of this id exists (staff following a ticket, who see every one). */
  async exists(id: string): Promise<boolean> {
    const [row] = await this.query('SELECT 1 FROM tickets WHERE id = $1', [id]);
    return !!row;
  }

  async writeChanges(tx: Tx, id: string, changes: Record<string, unknown>, now: Date): Promise<void> {
    const p = new SqlParams();
    const sets = Object.entries(changes).map(([column, value]) => `${column} = ${p.add(value)}`);
    sets.push(`updated_at = ${p.add(now)}`);
    await this.query(`UPDATE tickets SET ${sets.join(', ')} WHERE id = ${p.add(id)}`, p.values, tx);
  }

  /** A public reply moves the ticket's updatedAt and nothing else. */
  async touch(tx: Tx, id: string, now: Date): Promise<void> {
    await this.query('UPDATE tickets SET updated_at = $1 WHERE id = $2', [now, id], tx);
  }

  /** Closes up to `batchSize` tickets resolved long enough ago; their ids. */
  async closeStaleResolved(tx: Tx, now: Date, batchSize: number): Promise<string[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [rows] = (await this.query(
      `UPDATE tickets SET status = 'closed', closed_at = $1, updated_at = $1
            WHERE id IN (SELECT id FROM tickets WHERE status = 'resolved'
                           AND resolved_at <= $1::timestamptz - make_interval(days => $2)
                         ORDER BY resolved_at LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING id`,
      [now, AUTO_CLOSE_AFTER_DAYS, batchSize],
      tx,
    )) as unknown as [{ id: string }[], number];
    return rows.map((r) => r.id);
  }

  /** Open tickets counted by priority and by SLA state. */
  openBySlaAndPriority(): Promise<{ priority: string; sla: string; n: number }[]> {
    return this.query(
      `SELECT priority,
              CASE WHEN next_due_at < now() THEN 'breached'
                   WHEN next_at_risk_at <= now() THEN 'at_risk'
                   WHEN sla_paused_at IS NOT NULL THEN 'paused'
                   ELSE 'ok' END AS sla,
              count(*)::int AS n
         FROM tickets WHERE status IN ${OPEN_STATUSES}
        GROUP BY 1, 2`,
    );
  }
}
