import { Injectable } from '@nestjs/common';
import type { TicketChannel } from '@hushdesk/contracts';
import { AUTO_CLOSE_AFTER_DAYS, type TicketStatus } from '@hushdesk/ticketing';
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

/** The columns a change (`ticket-change.ts`) may write, with their SQL types. */
const BULK_COLUMNS: Record<string, string> = {
  status: 'text',
  priority: 'text',
  assignee_id: 'uuid',
  group_id: 'uuid',
  tags: 'text[]',
  resolved_at: 'timestamptz',
  closed_at: 'timestamptz',
  first_response_due_at: 'timestamptz',
  first_response_at_risk_at: 'timestamptz',
  resolution_due_at: 'timestamptz',
  resolution_at_risk_at: 'timestamptz',
  next_due_at: 'timestamptz',
  next_at_risk_at: 'timestamptz',
  sla_paused_at: 'timestamptz',
};

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
  /** Exact counts of the whole queue, not bounded by COUNTS_LIMIT. */
  exact: boolean;
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
   * status, in one statement: one round trip and one pooled connection per page, where a page and
   * its counts as two statements cost a fifth more of the API's and PostgreSQL's time at 10
   * connections. `names` says whose names a search may match (`ticket-search.ts`); it is only read
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
    const where = this.filterConditions(actor, query, names, p);
    const q = query.q?.trim();
    // A search is planned for its words (a rare word through the index, a common one by scanning
    // until enough match), so it is not prepared: a generic plan would pick one way for all words.
    const run: RunQuery = <T extends QueryResultRow>(text: string, values: unknown[]) =>
      q ? this.query<T>(text, values) : this.prepared<T>(text, values);

    // The counts share the page's parameters: theirs are the first ones added.
    const counts = this.countsByStatus(staff, where);
    if (query.status) where.push(`t.status = ${p.add(query.status)}`);

    // Staff work the queue by the next SLA deadline; customers see their newest first.
    const order = (a: string) =>
      staff
        ? `COALESCE(${a}.next_due_at, 'infinity'::timestamptz) ASC, ${a}.id ASC`
        : `${a}.created_at DESC, ${a}.id DESC`;
    if (after) {
      const key = staff
        ? `(COALESCE(t.next_due_at, 'infinity'::timestamptz), t.id) > (${p.add(after[0])}::timestamptz, ${p.add(after[1])}::uuid)`
        : `(t.created_at, t.id) < (${p.add(after[0])}::timestamptz, ${p.add(after[1])}::uuid)`;
      where.push(key);
    }
    // The page's ids first, then names joined for those rows only: a search sorts thousands of
    // matches, and joining each of them before the sort cost more than the search itself. The
    // counts come as one row joined to the page, so an empty page still brings them.
    const result = await run<TicketRow & { status_counts: string }>(
      `SELECT c.status_counts, r.*
         FROM (${counts.sql}) c
         LEFT JOIN LATERAL (
           SELECT ${SUMMARY_COLUMNS}
             FROM (SELECT t.id FROM ${ticketsFor(staff)}
                    WHERE ${where.join(' AND ')} ORDER BY ${order('t')} ${limitPlusOne(limit)}) page
             JOIN tickets t ON t.id = page.id ${TICKET_JOINS}) r ON TRUE
        ORDER BY ${order('r')}`,
      p.values,
    );
    const countRows = JSON.parse(result[0].status_counts) as { status: TicketStatus; n: number }[];
    const total = countRows.reduce((a, r) => a + r.n, 0);
    const rows = result[0].id === null ? [] : result;
    return {
      rows,
      counts: { rows: countRows, partial: !counts.exact && total > COUNTS_LIMIT, exact: counts.exact },
    };
  }

  /**
   * Counts per status, as one row of JSON text. The whole queue (staff, who see every ticket, with
   * no filter but status): exact, from `ticket_status_counts`, which triggers on `tickets` keep in
   * every writer's own transaction (a bounded index scan per status was most of a queue request's
   * cost). A narrowed queue (a customer's, a filter or a search): the first COUNTS_LIMIT matches,
   * grouped; `partial` when there were more.
   */
  private countsByStatus(staff: boolean, where: string[]): { sql: string; exact: boolean } {
    const grouped = (from: string) =>
      `SELECT COALESCE(json_agg(json_build_object('status', x.status, 'n', x.n))::text, '[]') AS status_counts
         FROM (${from}) x`;
    // A customer's tickets, or any filter, make a small set best counted from its own index.
    if (staff && where.length === 1) {
      return {
        sql: grouped('SELECT status, sum(n)::int AS n FROM ticket_status_counts GROUP BY status'),
        exact: true,
      };
    }
    return {
      sql: grouped(
        `SELECT status, count(*)::int AS n
           FROM (SELECT t.status FROM ${ticketsFor(staff)} WHERE ${where.join(' AND ')} LIMIT ${COUNTS_LIMIT + 1}) c
          GROUP BY status`,
      ),
      exact: false,
    };
  }

  /** The conditions of the queue's filters, status aside, over `t`, scoped to what the caller may see. */
  private filterConditions(
    actor: Actor,
    query: Omit<TicketQueryDto, 'cursor' | 'limit' | 'status'>,
    names: NameSearch,
    p: SqlParams,
  ): string[] {
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
    return where;
  }

  /**
   * The ids of up to `limit` tickets this caller may see that match the queue's filters: "select
   * all matching" resolved on the server, with the caller's own scope.
   */
  async matchingIds(
    actor: Actor,
    query: Omit<TicketQueryDto, 'cursor' | 'limit'>,
    names: NameSearch,
    limit: number,
  ): Promise<string[]> {
    const p = new SqlParams();
    const where = this.filterConditions(actor, query, names, p);
    if (query.status) where.push(`t.status = ${p.add(query.status)}`);
    const rows = await this.query<{ id: string }>(
      `SELECT t.id FROM ${ticketsFor(isStaff(actor))} WHERE ${where.join(' AND ')} LIMIT ${Number(limit)}`,
      p.values,
    );
    return rows.map((r) => r.id);
  }

  /**
   * How many tickets this caller may see match each filter (saved views), in one statement: a
   * staff view of the whole queue or of one status exactly, from `ticket_status_counts`; any
   * other up to `limit` + 1 (so "more than `limit`" can be told), through the queue's indexes.
   */
  async countMatching(
    actor: Actor,
    filters: Omit<TicketQueryDto, 'cursor' | 'limit' | 'q'>[],
    limit: number,
  ): Promise<number[]> {
    if (!filters.length) return [];
    const staff = isStaff(actor);
    const p = new SqlParams();
    const columns = filters.map((f, i) => {
      const onlyStatus = Object.entries(f).every(([k, v]) => k === 'status' || v === undefined);
      if (staff && onlyStatus) {
        const where = f.status ? `WHERE status = ${p.add(f.status)}` : '';
        return `(SELECT COALESCE(sum(n), 0)::int FROM ticket_status_counts ${where}) AS v${i}`;
      }
      const where = this.filterConditions(actor, f, 'none', p);
      if (f.status) where.push(`t.status = ${p.add(f.status)}`);
      return `(SELECT count(*)::int FROM (SELECT 1 FROM ${ticketsFor(staff)}
                WHERE ${where.join(' AND ')} LIMIT ${Number(limit) + 1}) c) AS v${i}`;
    });
    const [row] = await this.query<Record<string, number>>(`SELECT ${columns.join(', ')}`, p.values);
    return filters.map((_, i) => row[`v${i}`]);
  }

  /**
   * Locks the tickets of `ids` this caller may see, in id order (so two bulk changes never wait on
   * each other in a circle), and reads them: one statement for the whole set.
   */
  lockManyVisible(tx: Tx, actor: Actor, ids: string[]): Promise<TicketDetailRow[]> {
    const p = new SqlParams();
    return this.query<TicketDetailRow>(
      `SELECT ${DETAIL_COLUMNS} FROM ${TICKET_FROM}
        WHERE t.id = ANY (${p.add(ids)}::uuid[]) AND ${visibleTo(actor, p.add)}
        ORDER BY t.id FOR UPDATE OF t`,
      p.values,
      tx,
    );
  }

  /** Every tag tickets carry, with how many tickets carry it (staff only: tags span every ticket). */
  tagUsage(): Promise<{ tag: string; tickets: number }[]> {
    return this.query(
      `SELECT tag, count(*)::int AS tickets
         FROM tickets t, unnest(t.tags) AS tag
        GROUP BY tag
        ORDER BY tag`,
    );
  }

  /** How many tickets carry the tag: the guard before a tag change locks them. */
  async countWithTag(tx: Tx, tag: string): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tickets WHERE tags @> ARRAY[$1]::text[]`,
      [tag],
      tx,
    );
    return row?.n ?? 0;
  }

  /** Every ticket carrying the tag, locked for the caller's transaction (staff: a tag change spans all). */
  lockWithTag(tx: Tx, tag: string): Promise<TicketDetailRow[]> {
    return this.query<TicketDetailRow>(
      `SELECT ${DETAIL_COLUMNS} FROM ${TICKET_FROM}
        WHERE t.tags @> ARRAY[$1]::text[]
        ORDER BY t.id FOR UPDATE OF t`,
      [tag],
      tx,
    );
  }

  /** Unscoped, like `load`: the rows of tickets the system just changed, to publish them. */
  loadMany(ids: string[], tx?: Tx): Promise<TicketDetailRow[]> {
    return this.query<TicketDetailRow>(
      `SELECT ${DETAIL_COLUMNS} FROM ${TICKET_FROM} WHERE t.id = ANY ($1::uuid[])`,
      [ids],
      tx,
    );
  }

  /**
   * Writes each ticket's own changed columns (`planChange`) in one UPDATE: every row carries its
   * changes as JSON, and a column a row does not change keeps its value.
   */
  async writeManyChanges(
    tx: Tx,
    rows: { id: string; columns: Record<string, unknown> }[],
    now: Date,
  ): Promise<void> {
    if (!rows.length) return;
    const used = new Set(rows.flatMap((r) => Object.keys(r.columns)));
    const sets = [...used].map((column) => {
      const type = BULK_COLUMNS[column];
      if (!type) throw new Error(`not a column a change may write: ${column}`);
      const value =
        type === 'text[]'
          ? `ARRAY(SELECT jsonb_array_elements_text(c.j -> '${column}'))`
          : `(c.j ->> '${column}')::${type}`;
      return `${column} = CASE WHEN c.j ? '${column}' THEN ${value} ELSE t.${column} END`;
    });
    await this.query(
      `UPDATE tickets t SET ${sets.join(', ')}, updated_at = $2
         FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, j jsonb)
        WHERE t.id = c.id`,
      [JSON.stringify(rows.map((r) => ({ id: r.id, j: r.columns }))), now],
      tx,
    );
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
