import { Injectable } from '@nestjs/common';
import { personKindOf, type TicketChannel } from '@hushdesk/contracts';
import {
  ALLOWED_TRANSITIONS,
  assertTransition,
  categoriesFor,
  IllegalTransitionError,
  PRIORITIES,
  TICKET_STATUSES,
  type Priority,
  type TicketStatus,
} from '@hushdesk/ticketing';
import { normalisePhone, project } from '@hushdesk/privacy';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage } from '../common/pagination/keyset';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { GroupsRepository } from '../groups/groups.repository';
import { MailNotifications } from '../mail/outbox/mail-notifications.service';
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { IdentifierIndex } from '../privacy/identifier-index.service';
import { TicketEvents, type TicketAudience } from '../realtime/ticket-events.service';
import { SlaClockService, type SlaFields } from '../sla/sla-clock.service';
import { UsersRepository } from '../users/users.repository';
import type {
  CreateTicketDto,
  DashboardStatsDto,
  TicketDetailDto,
  TicketHistoryEntryDto,
  TicketListDto,
  TicketQueryDto,
  UpdateTicketDto,
} from './dto/ticket.dto';
import { TicketHistoryRepository, type HistoryChange, type HistoryRow } from './ticket-history.repository';
import { formatReference, toDetail, toSummary, type TicketDetailRow, type TicketRow } from './ticket-rows';
import { isStaff } from './ticket-scope';
import { nameSearchFor } from './ticket-search';
import { planChange } from './ticket-change';
import { UNDO_WINDOW_MINUTES, undoOfLastChange } from './ticket-undo';
import { COUNTS_LIMIT, TicketsRepository } from './tickets.repository';

const audienceOf = (r: TicketRow): TicketAudience => ({
  requesterId: r.requester_id,
  organisationId: r.organisation_id,
  organisationShared: r.shared_ticket_visibility,
});

/** Ticket use cases: create, the queue, one ticket, changes with their history, auto-close. */
@Injectable()
export class TicketsService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly ticketHistory: TicketHistoryRepository,
    private readonly groups: GroupsRepository,
    private readonly users: UsersRepository,
    private readonly transactions: Transactions,
    private readonly sla: SlaClockService,
    private readonly events: TicketEvents,
    private readonly policies: FieldPoliciesService,
    private readonly index: IdentifierIndex,
    private readonly mail: MailNotifications,
  ) {}

  async create(actor: Actor, input: CreateTicketDto): Promise<TicketDetailDto> {
    const created = await this.createIn(undefined, actor, input);
    await created.publish();
    return this.detail(actor, created.row, created.now);
  }

  /**
   * Creates a ticket, inside the caller's transaction when given one (the email intake writes its
   * own rows in it); `publish` tells the live clients, once committed. The channel is `phone` when
   * staff log it for a customer, unless the caller names it.
   */
  async createIn(
    tx: Tx | undefined,
    actor: Actor,
    input: CreateTicketDto,
    channel?: TicketChannel,
  ): Promise<{ row: TicketDetailRow; now: Date; publish: () => Promise<void> }> {
    const requester = await this.resolveRequester(actor, input.requesterId, tx);
    if (input.category && !(categoriesFor(input.type) as readonly string[]).includes(input.category)) {
      throw DomainError.invalidField('category', `must be one of: ${categoriesFor(input.type).join(', ')}`);
    }
    if (input.equipment && input.type !== 'fault') {
      throw DomainError.invalidField('equipment', 'is only recorded for faults');
    }
    if (input.groupId) await this.assertGroup(input.groupId, tx);
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
    const row = await this.tickets.create(
      {
        type: input.type,
        priority,
        category: input.category ?? null,
        subject: input.subject,
        description: input.description,
        requesterId: requester.userId,
        createdById: actor.userId,
        organisationId: requester.organisationId,
        groupId: input.groupId ?? null,
        tags: input.tags ?? [],
        equipmentAssetTag: input.equipment?.assetTag ?? null,
        equipmentModel: input.equipment?.model ?? null,
        equipmentSerialNumber: input.equipment?.serialNumber ?? null,
        equipmentLocation: input.equipment?.location ?? null,
        contactPhone,
        firstResponseDueAt: fields.firstResponseDueAt,
        firstResponseAtRiskAt: fields.firstResponseAtRiskAt,
        resolutionDueAt: fields.resolutionDueAt,
        resolutionAtRiskAt: fields.resolutionAtRiskAt,
        nextDueAt: fields.nextDueAt,
        nextAtRiskAt: fields.nextAtRiskAt,
        createdAt: now,
        channel: channel ?? (requester.userId === actor.userId ? 'portal' : 'phone'),
      },
      // Its identifiers are indexed by the same statement, atomically with the insert.
      (add) =>
        this.index.insertNewSourceSql(
          { type: 'ticket', from: 't', idSql: 't.id', ticketIdSql: 't.id' },
          [input.subject, input.description],
          add,
        ),
      // And the mail it queues (received; new, for subscribed staff), in the same statement.
      (from) => this.mail.newTicketSql(from),
      tx,
    );
    return {
      row,
      now,
      publish: async () => {
        this.mail.sent();
        await this.events.ticketCreated(toSummary(row, this.sla, now), audienceOf(row));
      },
    };
  }

  /** The full ticket for this caller, with names and the contact phone as their field policies say. */
  private async detail(actor: Actor, row: TicketDetailRow, now: Date): Promise<TicketDetailDto> {
    const detail = toDetail(row, this.sla, now, this.transitionsFor(actor, row.status));
    const [policy, names] = await Promise.all([
      this.policies.get('ticket.contactPhone'),
      this.policies.names(actor),
    ]);
    const shown = project(row.contact_phone, policy, actor.role, actor.userId === row.requester_id);
    detail.contactPhone = shown ?? null;
    // A merged ticket points where it went, for whoever may see that ticket (a 404 otherwise).
    const target = row.merged_into_id ? await this.tickets.findVisible(actor, row.merged_into_id) : undefined;
    if (target && row.merged_at) {
      detail.mergedInto = {
        id: target.id,
        reference: formatReference(target.reference),
        at: row.merged_at.toISOString(),
      };
    }
    return names.ticket(detail);
  }

  /** Customers log for themselves; staff must name the customer account the ticket is for. */
  private async resolveRequester(actor: Actor, requesterId?: string, tx?: Tx) {
    if (!isStaff(actor)) {
      if (requesterId && requesterId !== actor.userId) {
        throw DomainError.invalidField('requesterId', 'can only be set by staff');
      }
      return { userId: actor.userId, organisationId: actor.organisationId as string };
    }
    if (!requesterId) throw DomainError.invalidField('requesterId', 'is required when staff log a ticket');
    const customer = await this.users.activeCustomer(requesterId, tx);
    if (!customer) throw DomainError.invalidField('requesterId', 'does not match a customer account');
    return { userId: customer.id, organisationId: customer.organisation_id };
  }

  async list(actor: Actor, query: TicketQueryDto): Promise<TicketListDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const staff = isStaff(actor);
    // From the cached policy: projecting the page's names costs no query.
    const names = await this.policies.names(actor);
    const nameSearch = query.q?.trim()
      ? nameSearchFor(await this.policies.get('person.fullName'), actor)
      : 'none';
    const after = decodeCursor(query.cursor, 2);
    const { rows, counts } = await this.tickets.queue(actor, query, { after, limit }, nameSearch);
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
    return {
      ...page,
      counts: byStatus,
      countsLimit: COUNTS_LIMIT,
      countsPartial: counts.partial,
      countsExact: counts.exact,
    };
  }

  async get(actor: Actor, id: string): Promise<TicketDetailDto> {
    const row = await this.findVisible(actor, id);
    return this.detail(actor, row, new Date());
  }

  /** The ticket if the caller may see it; otherwise 404, so ids of others' tickets reveal nothing. */
  async findVisible(actor: Actor, id: string, tx?: Tx): Promise<TicketDetailRow> {
    const row = await this.tickets.findVisible(actor, id, tx);
    if (!row) throw DomainError.notFound('Ticket');
    return row;
  }

  /** Whether a ticket exists: for staff, who may see every ticket (following one live). */
  exists(id: string): Promise<boolean> {
    return this.tickets.exists(id);
  }

  private transitionsFor(actor: Actor, status: TicketStatus): TicketStatus[] {
    return isStaff(actor) ? [...ALLOWED_TRANSITIONS[status]] : [];
  }

  /** Staff change status, priority, assignee, group or tags; each change lands in the history. */
  update(actor: Actor, id: string, input: UpdateTicketDto): Promise<TicketDetailDto> {
    return this.change(actor, id, () => Promise.resolve({ input, workflow: true }));
  }

  /**
   * A customer marks a request they may see solved (their own, or a colleague's when their
   * organisation shares tickets): a status change like any other, in the history and live. Already
   * solved: nothing changes. Closed: 409, as for staff. Replying reopens it (MessagesService).
   */
  solve(actor: Actor, id: string): Promise<TicketDetailDto> {
    return this.change(actor, id, () => Promise.resolve({ input: { status: 'resolved' }, workflow: true }));
  }

  /**
   * Takes back the caller's own last change, shortly after it (`ticket-undo.ts`). The status goes
   * back even where the workflow would not go (to New, out of Closed): it is where it just was.
   */
  undoLastChange(actor: Actor, id: string): Promise<TicketDetailDto> {
    return this.change(actor, id, async (tx, before, now) => ({
      input: undoOfLastChange(
        await this.ticketHistory.lastChangeBy(tx, before.id, actor.userId, now, UNDO_WINDOW_MINUTES),
        before,
      ),
      workflow: false,
    }));
  }

  /** Applies a change to a locked ticket, writes its history, and publishes it. */
  private async change(
    actor: Actor,
    id: string,
    plan: (
      tx: Tx,
      before: TicketDetailRow,
      now: Date,
    ) => Promise<{ input: UpdateTicketDto; workflow: boolean }>,
  ): Promise<TicketDetailDto> {
    const now = new Date();
    const { row, changed, mailed } = await this.transactions.run(async (tx) => {
      const before = await this.lockVisible(tx, actor, id);
      this.assertNotRestricted(actor, before);
      const { input, workflow } = await plan(tx, before, now);
      if (input.assigneeId && input.assigneeId !== before.assignee_id) {
        await this.assertEngineer(input.assigneeId, tx);
      }
      if (input.groupId && input.groupId !== before.group_id) await this.assertGroup(input.groupId, tx);
      const planned = planChange(before, input, now, this.sla, (from, to) => {
        if (workflow) this.assertTransition(from, to);
      });
      if (!planned) return { row: before, changed: false, mailed: false };
      const { columns, history } = planned;
      await this.tickets.writeChanges(tx, id, columns, now);
      await this.ticketHistory.record(tx, id, actor.userId, history, now);
      // Mail for what the caller did, not for what an undo puts back, nor to a requester who
      // solved it themselves.
      let mailed = false;
      if (workflow && planned.status === 'resolved' && actor.userId !== before.requester_id) {
        await this.mail.resolved(tx, { id, requesterId: before.requester_id });
        mailed = true;
      }
      if (workflow && input.assigneeId && columns.assignee_id !== undefined) {
        mailed = (await this.mail.assigned(tx, id, input.assigneeId, actor.userId)) || mailed;
      }
      return { row: await this.tickets.load(id, tx), changed: true, mailed };
    });
    if (mailed) this.mail.sent();
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

  assertTransition(from: TicketStatus, to: TicketStatus): void {
    try {
      assertTransition(from, to);
    } catch (e) {
      if (e instanceof IllegalTransitionError) throw new DomainError(DomainErrorCode.InvalidState, e.message);
      throw e;
    }
  }

  /** Locks the row for the rest of the transaction, after checking the caller may see it. */
  async lockVisible(tx: Tx, actor: Actor, id: string): Promise<TicketDetailRow> {
    const row = await this.tickets.lockVisible(tx, actor, id);
    if (!row) throw DomainError.notFound('Ticket');
    return row;
  }

  /** Sets columns of a ticket (and its updatedAt) in the caller's transaction. */
  writeChanges(tx: Tx, id: string, changes: Record<string, unknown>, now: Date): Promise<void> {
    return this.tickets.writeChanges(tx, id, changes, now);
  }

  /** A public reply moves the ticket's updatedAt, in the caller's transaction. */
  touch(tx: Tx, id: string, now: Date): Promise<void> {
    return this.tickets.touch(tx, id, now);
  }

  recordHistory(
    tx: Tx,
    ticketId: string,
    actorId: string | null,
    entries: HistoryChange[],
    at: Date,
  ): Promise<void> {
    return this.ticketHistory.record(tx, ticketId, actorId, entries, at);
  }

  /** Publishes the current state of a ticket after a change made elsewhere (a reply). */
  async publishUpdated(id: string): Promise<void> {
    const row = await this.tickets.load(id);
    await this.events.ticketUpdated(toSummary(row, this.sla, new Date()), audienceOf(row));
  }

  async history(actor: Actor, id: string): Promise<TicketHistoryEntryDto[]> {
    await this.findVisible(actor, id);
    const names = await this.policies.names(actor);
    const rows = await this.ticketHistory.list(id);
    // Ids of people and groups are shown as their names (people's as the viewer may see them);
    // the stored values stay ids.
    const shown = (
      field: HistoryRow['field'],
      id: string | null,
      person: string | null,
      group: string | null,
    ) => (field === 'assignee' ? names.staffLabel(person, id) : field === 'group' ? group : id);
    return rows.map((r): TicketHistoryEntryDto => ({
      id: String(r.id),
      field: r.field,
      from: shown(r.field, r.from_value, r.from_assignee, r.from_group),
      // A merge names the other ticket by its reference.
      to: r.to_ticket ? formatReference(r.to_ticket) : shown(r.field, r.to_value, r.to_assignee, r.to_group),
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
      const ids = await this.transactions.run(async (tx) => {
        const ids = await this.tickets.closeStaleResolved(tx, now, batchSize);
        for (const id of ids)
          await this.ticketHistory.record(tx, id, null, [['status', 'resolved', 'closed']], now);
        return ids;
      });
      for (const id of ids) await this.publishUpdated(id);
      closed += ids.length;
      if (ids.length < batchSize) return closed;
    }
  }

  async dashboard(): Promise<DashboardStatsDto> {
    const rows = await this.tickets.openBySlaAndPriority();
    const openByPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<
      Priority,
      number
    > satisfies DashboardStatsDto['openByPriority'];
    const openBySla: DashboardStatsDto['openBySla'] = { ok: 0, at_risk: 0, breached: 0, paused: 0 };
    for (const r of rows) {
      openByPriority[r.priority as keyof typeof openByPriority] += r.n;
      openBySla[r.sla as keyof typeof openBySla] += r.n;
    }
    return { openByPriority, openBySla };
  }

  async assertGroup(groupId: string, tx?: Tx): Promise<void> {
    if (!(await this.groups.exists(groupId, tx)))
      throw DomainError.invalidField('groupId', 'does not match a group');
  }

  async assertEngineer(userId: string, tx: Tx): Promise<void> {
    if (!(await this.users.isActiveEngineer(userId, tx)))
      throw DomainError.invalidField('assigneeId', 'does not match an engineer');
  }
}
