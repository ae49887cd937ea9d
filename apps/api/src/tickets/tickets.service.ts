import { Injectable } from '@nestjs/common';
import {
  personKindOf,
  type DashboardStats,
  type Role,
  type TicketDetail,
  type TicketHistoryEntry,
  type TicketListResponse,
} from '@hushdesk/contracts';
import {
  ALLOWED_TRANSITIONS,
  assertTransition,
  AUTO_CLOSE_AFTER_DAYS,
  categoriesFor,
  IllegalTransitionError,
  PRIORITIES,
  TICKET_STATUSES,
  type TicketStatus,
} from '@hushdesk/ticketing';
import { normalisePhone, project } from '@hushdesk/privacy';
import type { QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { DEFAULT_PAGE_SIZE, decodeCursor, limitPlusOne, toPage } from '../common/pagination/keyset';
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { IdentifierIndex } from '../privacy/identifier-index.service';
import { TicketEvents, type TicketAudience } from '../realtime/ticket-events';
import { SlaClockService, slaColumns, type SlaFields } from '../sla/sla-clock';
import type { CreateTicketDto, TicketQueryDto, UpdateTicketDto } from './dto/ticket.dto';
import {
  DETAIL_COLUMNS,
  slaFieldsOf,
  SUMMARY_COLUMNS,
  TICKET_FROM,
  toDetail,
  toSummary,
  type TicketDetailRow,
  type TicketRow,
  TICKET_JOINS,
} from './ticket-rows';
import { SqlParams } from '../database/sql-params';
import { preparedQuery, queryIn, type RunQuery } from '../database/prepared-query';
import { isStaff, ticketsFor, visibleTo } from './ticket-scope';
import { nameSearchFor, searchCondition } from './ticket-search';
import { undoOfLastChange } from './ticket-undo';

interface HistoryRow {
  id: string;
  field: TicketHistoryEntry['field'];
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
}

const OPEN_STATUSES = "('new', 'open', 'pending_customer', 'on_hold')";

const audienceOf = (r: TicketRow): TicketAudience => ({
  requesterId: r.requester_id,
  organisationId: r.organisation_id,
  organisationShared: r.shared_ticket_visibility,
});

/** Per-status counts in the queue stop here: enough to show "1,000+", cheap at any size. */
export const COUNTS_LIMIT = 1000;

/** Ticket use cases: create, the queue, one ticket, changes with their history, auto-close. */
@Injectable()
export class TicketsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sla: SlaClockService,
    private readonly events: TicketEvents,
    private readonly policies: FieldPoliciesService,
    private readonly index: IdentifierIndex,
  ) {}

  async create(actor: Actor, input: CreateTicketDto): Promise<TicketDetail> {
    const requester = await this.resolveRequester(actor, input.requesterId);
    if (input.category && !(categoriesFor(input.type) as readonly string[]).includes(input.category)) {
      throw DomainError.invalidField('category', `must be one of: ${categoriesFor(input.type).join(', ')}`);
    }
    if (input.equipment && input.type !== 'fault') {
      throw DomainError.invalidField('equipment', 'is only recorded for faults');
    }
    if (input.groupId) await this.assertGroup(this.dataSource.manager, input.groupId);
    await this.policies.assertCollected(
      { 'ticket.contactPhone': input.contactPhone },
      { 'ticket.contactPhone': 'contactPhone' },
    );
    let contactPhone: string | null = null;
    if (input.contactPhone) {
      contactPhone = normalisePhone(input.contactPhone);
      if (!contactPhone) throw DomainError.invalidField('contactPhone', 'is not a recognisable phone number');
    }

    const now = new Date();
    const priority = input.priority ?? 'P3';
    const clocks = this.sla.start(now, priority);
    const fields: SlaFields = {
      ...clocks,
      priority,
      status: 'new',
      createdAt: now,
      nextDueAt: null,
      nextAtRiskAt: null,
      slaPausedAt: null,
      firstRespondedAt: null,
      resolvedAt: null,
    };
    this.sla.pointAtRunningClock(fields);
    const p = new SqlParams();
    const values = [
      input.type,
      priority,
      input.category ?? null,
      input.subject,
      input.description,
      requester.userId,
      actor.userId,
      requester.organisationId,
      input.groupId ?? null,
      input.tags ?? [],
      input.equipment?.assetTag ?? null,
      input.equipment?.model ?? null,
      input.equipment?.serialNumber ?? null,
      input.equipment?.location ?? null,
      contactPhone,
      fields.firstResponseDueAt,
      fields.firstResponseAtRiskAt,
      fields.resolutionDueAt,
      fields.resolutionAtRiskAt,
      fields.nextDueAt,
      fields.nextAtRiskAt,
      now,
    ].map(p.add);
    const mentions = this.index.insertNewSourceSql(
      { type: 'ticket', from: 't', idSql: 't.id', ticketIdSql: 't.id' },
      [input.subject, input.description],
      p.add,
    );
    // One prepared statement, so one round trip, planned once per connection, and atomic without
    // a transaction: the insert, its index entries, and the row as the response needs it.
    const [row] = await preparedQuery<TicketDetailRow>(
      this.dataSource,
      `WITH t AS (INSERT INTO tickets (type, status, priority, category, subject, description, requester_id,
         created_by_id, organisation_id, group_id, tags, equipment_asset_tag, equipment_model,
         equipment_serial_number, equipment_location, contact_phone, first_response_due_at,
         first_response_at_risk_at, resolution_due_at, resolution_at_risk_at, next_due_at, next_at_risk_at,
         created_at, updated_at)
       VALUES (${values[0]}, 'new', ${values.slice(1).join(', ')}, ${values[21]})
       RETURNING *), m AS (${mentions})
       SELECT ${DETAIL_COLUMNS} FROM t ${TICKET_JOINS}`,
      p.values,
    );
    await this.events.ticketCreated(toSummary(row, this.sla, now), audienceOf(row));
    return this.detail(actor, row, now);
  }

  /** The full ticket for this caller, with names and the contact phone as their field policies say. */
  private async detail(actor: Actor, row: TicketDetailRow, now: Date): Promise<TicketDetail> {
    const detail = toDetail(row, this.sla, now, this.transitionsFor(actor, row.status));
    const [policy, names] = await Promise.all([
      this.policies.get('ticket.contactPhone'),
      this.policies.names(actor),
    ]);
    const shown = project(row.contact_phone, policy, actor.role, actor.userId === row.requester_id);
    detail.contactPhone = shown ?? null;
    return names.ticket(detail);
  }

  /** Customers log for themselves; staff must name the customer account the ticket is for. */
  private async resolveRequester(actor: Actor, requesterId?: string) {
    if (!isStaff(actor)) {
      if (requesterId && requesterId !== actor.userId) {
        throw DomainError.invalidField('requesterId', 'can only be set by staff');
      }
      return { userId: actor.userId, organisationId: actor.organisationId as string };
    }
    if (!requesterId) throw DomainError.invalidField('requesterId', 'is required when staff log a ticket');
    const rows = await this.dataSource.query(
      "SELECT id, organisation_id FROM users WHERE id = $1 AND role = 'customer' AND disabled_at IS NULL",
      [requesterId],
    );
    if (!rows.length) throw DomainError.invalidField('requesterId', 'does not match a customer account');
    return { userId: rows[0].id as string, organisationId: rows[0].organisation_id as string };
  }

  async list(actor: Actor, query: TicketQueryDto): Promise<TicketListResponse> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const staff = isStaff(actor);
    // From the cached policy: projecting the page's names costs no query.
    const names = await this.policies.names(actor);
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
    if (q) {
      const names = nameSearchFor(await this.policies.get('person.fullName'), actor);
      where.push(searchCondition(q, actor, names, p.add));
    }
    // A search is planned for its words (a rare word through the index, a common one by scanning
    // until enough match), so it is not prepared: a generic plan would pick one way for all words.
    const run: RunQuery = <T extends QueryResultRow>(text: string, values: unknown[]) =>
      q
        ? (this.dataSource.query(text, values) as Promise<T[]>)
        : preparedQuery<T>(this.dataSource, text, values);

    const countsWhere = where.join(' AND ');
    const countParams = [...p.values];
    // A customer's tickets, or any filter, make a small set best counted from its own index.
    const narrowed = !staff || where.length > 1;
    if (query.status) where.push(`t.status = ${p.add(query.status)}`);

    // Staff work the queue by the next SLA deadline; customers see their newest first.
    const after = decodeCursor(query.cursor, 2);
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
    const now = new Date();
    const page = toPage(
      rows,
      limit,
      (r) => names.ticket(toSummary(r, this.sla, now)),
      (r) =>
        staff ? [r.next_due_at?.toISOString() ?? 'infinity', r.id] : [r.created_at.toISOString(), r.id],
    );
    const byStatus = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
    for (const c of counts.rows) byStatus[c.status] = c.n;
    return { ...page, counts: byStatus, countsLimit: COUNTS_LIMIT, countsPartial: counts.partial };
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
  ): Promise<{ rows: { status: TicketStatus; n: number }[]; partial: boolean }> {
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

  async get(actor: Actor, id: string): Promise<TicketDetail> {
    const row = await this.findVisible(actor, id);
    return this.detail(actor, row, new Date());
  }

  /** The ticket if the caller may see it; otherwise 404, so ids of others' tickets reveal nothing. */
  async findVisible(actor: Actor, id: string, manager?: EntityManager): Promise<TicketDetailRow> {
    const p = new SqlParams();
    const rows = await queryIn<TicketDetailRow>(
      this.dataSource,
      manager,
      `SELECT ${DETAIL_COLUMNS} FROM ${TICKET_FROM} WHERE t.id = ${p.add(id)} AND ${visibleTo(actor, p.add)}`,
      p.values,
    );
    if (!rows[0]) throw DomainError.notFound('Ticket');
    return rows[0];
  }

  private async loadRow(id: string, manager?: EntityManager): Promise<TicketDetailRow> {
    const rows = await queryIn<TicketDetailRow>(
      this.dataSource,
      manager,
      `SELECT ${DETAIL_COLUMNS} FROM ${TICKET_FROM} WHERE t.id = $1`,
      [id],
    );
    return rows[0];
  }

  private transitionsFor(actor: Actor, status: TicketStatus): TicketStatus[] {
    return isStaff(actor) ? [...ALLOWED_TRANSITIONS[status]] : [];
  }

  /** Staff change status, priority, assignee, group or tags; each change lands in the history. */
  update(actor: Actor, id: string, input: UpdateTicketDto): Promise<TicketDetail> {
    return this.change(actor, id, () => Promise.resolve({ input, workflow: true }));
  }

  /**
   * Takes back the caller's own last change, shortly after it (`ticket-undo.ts`). The status goes
   * back even where the workflow would not go (to New, out of Closed): it is where it just was.
   */
  undoLastChange(actor: Actor, id: string): Promise<TicketDetail> {
    return this.change(actor, id, async (manager, before, now) => ({
      input: await undoOfLastChange(manager, actor, before, now),
      workflow: false,
    }));
  }

  /** Applies a change to a locked ticket, writes its history, and publishes it. */
  private async change(
    actor: Actor,
    id: string,
    plan: (
      manager: EntityManager,
      before: TicketDetailRow,
      now: Date,
    ) => Promise<{ input: UpdateTicketDto; workflow: boolean }>,
  ): Promise<TicketDetail> {
    const now = new Date();
    const { row, changed } = await this.dataSource.transaction(async (manager) => {
      const before = await this.lockVisible(manager, actor, id);
      this.assertNotRestricted(actor, before);
      const { input, workflow } = await plan(manager, before, now);
      const changes: Record<string, unknown> = {};
      const history: [string, string | null, string | null][] = [];

      if (input.status !== undefined && input.status !== before.status) {
        if (workflow) this.assertTransition(before.status, input.status);
        changes.status = input.status;
        history.push(['status', before.status, input.status]);
        if (input.status === 'resolved') changes.resolved_at = now;
        else if (before.status === 'resolved') changes.resolved_at = null;
        if (input.status === 'closed') changes.closed_at = now;
        else if (before.status === 'closed') changes.closed_at = null;
      }
      if (input.priority !== undefined && input.priority !== before.priority) {
        changes.priority = input.priority;
        history.push(['priority', before.priority, input.priority]);
      }
      if (input.assigneeId !== undefined && input.assigneeId !== before.assignee_id) {
        if (input.assigneeId) await this.assertEngineer(manager, input.assigneeId);
        changes.assignee_id = input.assigneeId;
        history.push(['assignee', before.assignee_id, input.assigneeId]);
      }
      if (input.groupId !== undefined && input.groupId !== before.group_id) {
        if (input.groupId) await this.assertGroup(manager, input.groupId);
        changes.group_id = input.groupId;
        history.push(['group', before.group_id, input.groupId]);
      }
      if (input.tags !== undefined && JSON.stringify(input.tags) !== JSON.stringify(before.tags)) {
        changes.tags = input.tags;
        history.push(['tags', before.tags.join(', ') || null, input.tags.join(', ') || null]);
      }
      if (!history.length) return { row: before, changed: false };

      const sla = this.sla.apply(
        slaFieldsOf(before),
        {
          ...(changes.status ? { status: changes.status as TicketStatus } : {}),
          ...(changes.priority ? { priority: input.priority } : {}),
        },
        now,
      );
      await this.writeChanges(manager, id, { ...changes, ...slaColumns(sla) }, now);
      await this.recordHistory(manager, id, actor.userId, history, now);
      return { row: await this.loadRow(id, manager), changed: true };
    });
    if (changed) {
      await this.events.ticketUpdated(toSummary(row, this.sla, now), audienceOf(row));
    }
    return this.detail(actor, row, now);
  }

  /** A restriction of processing (Art. 18) freezes the requester's tickets for all but the DPO. */
  assertNotRestricted(actor: Actor, ticket: Pick<TicketDetailRow, 'processing_restricted'>): void {
    if (ticket.processing_restricted && actor.role !== 'dpo') {
      throw new DomainError(
        DomainErrorCode.InvalidState,
        'processingRestricted: the requester has restricted the processing of their data; only the DPO can change this ticket until it is lifted',
      );
    }
  }

  private assertTransition(from: TicketStatus, to: TicketStatus): void {
    try {
      assertTransition(from, to);
    } catch (e) {
      if (e instanceof IllegalTransitionError) throw new DomainError(DomainErrorCode.InvalidState, e.message);
      throw e;
    }
  }

  /** Locks the row for the rest of the transaction, after checking the caller may see it. */
  async lockVisible(manager: EntityManager, actor: Actor, id: string): Promise<TicketDetailRow> {
    await this.findVisible(actor, id, manager);
    await manager.query('SELECT 1 FROM tickets WHERE id = $1 FOR UPDATE', [id]);
    return this.loadRow(id, manager);
  }

  async writeChanges(
    manager: EntityManager,
    id: string,
    changes: Record<string, unknown>,
    now: Date,
  ): Promise<void> {
    const p = new SqlParams();
    const sets = Object.entries(changes).map(([column, value]) => `${column} = ${p.add(value)}`);
    sets.push(`updated_at = ${p.add(now)}`);
    await manager.query(`UPDATE tickets SET ${sets.join(', ')} WHERE id = ${p.add(id)}`, p.values);
  }

  async recordHistory(
    manager: EntityManager,
    ticketId: string,
    actorId: string | null,
    entries: [string, string | null, string | null][],
    at: Date,
  ): Promise<void> {
    if (!entries.length) return;
    const p = new SqlParams();
    const values = entries.map(
      ([field, from, to]) =>
        `(${p.add(ticketId)}, ${p.add(actorId)}, ${p.add(field)}, ${p.add(from)}, ${p.add(to)}, ${p.add(at)})`,
    );
    await manager.query(
      `INSERT INTO ticket_history (ticket_id, actor_id, field, from_value, to_value, at) VALUES ${values.join(', ')}`,
      p.values,
    );
  }

  /** Publishes the current state of a ticket after a change made elsewhere (a reply). */
  async publishUpdated(id: string): Promise<void> {
    const row = await this.loadRow(id);
    await this.events.ticketUpdated(toSummary(row, this.sla, new Date()), audienceOf(row));
  }

  async history(actor: Actor, id: string): Promise<TicketHistoryEntry[]> {
    await this.findVisible(actor, id);
    const names = await this.policies.names(actor);
    const rows = await this.dataSource.query(
      `SELECT h.id, h.field, h.from_value, h.to_value, h.at, h.actor_id, p.full_name AS actor_name, u.role AS actor_role,
              fa.full_name AS from_assignee, ta.full_name AS to_assignee, fg.name AS from_group, tg.name AS to_group
         FROM ticket_history h
         LEFT JOIN users u ON u.id = h.actor_id LEFT JOIN people p ON p.id = u.person_id
         LEFT JOIN users fu ON h.field = 'assignee' AND fu.id::text = h.from_value LEFT JOIN people fa ON fa.id = fu.person_id
         LEFT JOIN users tu ON h.field = 'assignee' AND tu.id::text = h.to_value LEFT JOIN people ta ON ta.id = tu.person_id
         LEFT JOIN ticket_groups fg ON h.field = 'group' AND fg.id::text = h.from_value
         LEFT JOIN ticket_groups tg ON h.field = 'group' AND tg.id::text = h.to_value
        WHERE h.ticket_id = $1
        ORDER BY h.at DESC, h.id DESC`,
      [id],
    );
    // Ids of people and groups are shown as their names (people's as the viewer may see them);
    // the stored values stay ids.
    const shown = (
      field: HistoryRow['field'],
      id: string | null,
      person: string | null,
      group: string | null,
    ) => (field === 'assignee' ? names.staffLabel(person, id) : field === 'group' ? group : id);
    return rows.map((r: HistoryRow): TicketHistoryEntry => ({
      id: String(r.id),
      field: r.field,
      from: shown(r.field, r.from_value, r.from_assignee, r.from_group),
      to: shown(r.field, r.to_value, r.to_assignee, r.to_group),
      actor: r.actor_id
        ? {
            id: r.actor_id,
            name: names.of(r.actor_name, r.actor_id),
            kind: personKindOf(r.actor_role ?? 'engineer'),
          }
        : { id: null, name: 'Hushdesk', kind: 'staff' },
      at: r.at.toISOString(),
    }));
  }

  /** Resolved tickets close by themselves after 7 days. Idempotent; safe to run on any instance. */
  async closeStaleResolved(now = new Date(), batchSize = 500): Promise<number> {
    let closed = 0;
    for (;;) {
      const ids: string[] = await this.dataSource.transaction(async (manager) => {
        // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
        const [rows]: [{ id: string }[], number] = await manager.query(
          `UPDATE tickets SET status = 'closed', closed_at = $1, updated_at = $1
            WHERE id IN (SELECT id FROM tickets WHERE status = 'resolved'
                           AND resolved_at <= $1::timestamptz - make_interval(days => $2)
                         ORDER BY resolved_at LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING id`,
          [now, AUTO_CLOSE_AFTER_DAYS, batchSize],
        );
        for (const { id } of rows)
          await this.recordHistory(manager, id, null, [['status', 'resolved', 'closed']], now);
        return rows.map((r) => r.id);
      });
      for (const id of ids) await this.publishUpdated(id);
      closed += ids.length;
      if (ids.length < batchSize) return closed;
    }
  }

  async dashboard(): Promise<DashboardStats> {
    const rows: { priority: string; sla: string; n: number }[] = await this.dataSource.query(
      `SELECT priority,
              CASE WHEN next_due_at < now() THEN 'breached'
                   WHEN next_at_risk_at <= now() THEN 'at_risk'
                   WHEN sla_paused_at IS NOT NULL THEN 'paused'
                   ELSE 'ok' END AS sla,
              count(*)::int AS n
         FROM tickets WHERE status IN ${OPEN_STATUSES}
        GROUP BY 1, 2`,
    );
    const openByPriority = Object.fromEntries(
      PRIORITIES.map((p) => [p, 0]),
    ) as DashboardStats['openByPriority'];
    const openBySla: DashboardStats['openBySla'] = { ok: 0, at_risk: 0, breached: 0, paused: 0 };
    for (const r of rows) {
      openByPriority[r.priority as keyof typeof openByPriority] += r.n;
      openBySla[r.sla as keyof typeof openBySla] += r.n;
    }
    return { openByPriority, openBySla };
  }

  private async assertGroup(manager: EntityManager, groupId: string): Promise<void> {
    const rows = await manager.query('SELECT 1 FROM ticket_groups WHERE id = $1', [groupId]);
    if (!rows.length) throw DomainError.invalidField('groupId', 'does not match a group');
  }

  private async assertEngineer(manager: EntityManager, userId: string): Promise<void> {
    const rows = await manager.query(
      "SELECT 1 FROM users WHERE id = $1 AND role = 'engineer' AND disabled_at IS NULL",
      [userId],
    );
    if (!rows.length) throw DomainError.invalidField('assigneeId', 'does not match an engineer');
  }
}
