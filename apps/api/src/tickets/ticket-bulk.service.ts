import { Injectable } from '@nestjs/common';
import type { TicketStatus } from '@hushdesk/ticketing';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { MailNotifications } from '../mail/outbox/mail-notifications.service';
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { TicketEvents } from '../realtime/ticket-events.service';
import { SlaClockService } from '../sla/sla-clock.service';
import type { UpdateTicketDto } from './dto/ticket.dto';
import {
  BULK_LIMIT,
  type BulkChangeResultDto,
  type BulkChangeTicketsDto,
  type BulkTicketChangesDto,
  type BulkUndoResultDto,
} from './dto/ticket-bulk.dto';
import { TicketBulkChangesRepository } from './ticket-bulk-changes.repository';
import { planChange, type PlannedChange } from './ticket-change';
import { TicketHistoryRepository, type LastChangeRow } from './ticket-history.repository';
import { toSummary, type TicketDetailRow } from './ticket-rows';
import { nameSearchFor } from './ticket-search';
import { UNDO_WINDOW_MINUTES, undoOfLastChange } from './ticket-undo';
import { TicketsRepository } from './tickets.repository';
import { TicketsService } from './tickets.service';

/** The fields a bulk change names, in the history's words (for the audit entry). */
function fieldsOf(c: BulkTicketChangesDto): string[] {
  const fields: string[] = [];
  if (c.status !== undefined) fields.push('status');
  if (c.priority !== undefined) fields.push('priority');
  if (c.assigneeId !== undefined) fields.push('assignee');
  if (c.groupId !== undefined) fields.push('group');
  if (c.addTags?.length || c.removeTags?.length) fields.push('tags');
  return fields;
}

/** One ticket's input for `planChange`: tags added and removed on its own tags. */
function inputFor(ticket: TicketDetailRow, c: BulkTicketChangesDto): UpdateTicketDto {
  const input: UpdateTicketDto = {};
  if (c.status !== undefined) input.status = c.status;
  if (c.priority !== undefined) input.priority = c.priority;
  if (c.assigneeId !== undefined) input.assigneeId = c.assigneeId;
  if (c.groupId !== undefined) input.groupId = c.groupId;
  if (c.addTags?.length || c.removeTags?.length) {
    const removed = new Set(c.removeTags ?? []);
    const tags = ticket.tags.filter((tag) => !removed.has(tag));
    for (const tag of c.addTags ?? []) if (!tags.includes(tag) && !removed.has(tag)) tags.push(tag);
    input.tags = tags;
  }
  return input;
}

/**
 * Bulk changes to the queue: many tickets changed as one, in one transaction of set-based
 * statements (lock and read the set, one UPDATE, one history insert), each ticket planned by the
 * same `planChange` as a single PATCH, so its columns, SLA clocks and history are the same. One
 * audit entry names the tickets; the change is remembered so its author can undo it as one.
 */
@Injectable()
export class TicketBulkService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly ticketHistory: TicketHistoryRepository,
    private readonly bulkChanges: TicketBulkChangesRepository,
    private readonly ticketService: TicketsService,
    private readonly transactions: Transactions,
    private readonly sla: SlaClockService,
    private readonly events: TicketEvents,
    private readonly audit: AuditService,
    private readonly mail: MailNotifications,
    private readonly policies: FieldPoliciesService,
  ) {}

  async change(actor: Actor, body: BulkChangeTicketsDto): Promise<BulkChangeResultDto> {
    const { changes } = body;
    if ((body.ticketIds === undefined) === (body.filter === undefined)) {
      throw DomainError.invalidField('ticketIds', 'or filter is required, and only one of them');
    }
    const fields = fieldsOf(changes);
    if (!fields.length) throw DomainError.invalidField('changes', 'must change at least one field');
    const ids = body.ticketIds ? [...new Set(body.ticketIds)] : await this.matching(actor, body);

    const now = new Date();
    const result = await this.transactions.run(async (tx) => {
      if (changes.assigneeId) await this.ticketService.assertEngineer(changes.assigneeId, tx);
      if (changes.groupId) await this.ticketService.assertGroup(changes.groupId, tx);
      const rows = await this.tickets.lockManyVisible(tx, actor, ids);
      // An id the caller may not see is told apart from none: the whole change is refused.
      if (body.ticketIds && rows.length < ids.length) throw DomainError.notFound('Ticket');

      let skipped = 0;
      let unchanged = 0;
      const planned: { row: TicketDetailRow; change: PlannedChange }[] = [];
      for (const row of rows) {
        if (row.processing_restricted && actor.role !== 'dpo') {
          skipped++;
          continue;
        }
        const change = this.plan(row, inputFor(row, changes), now, true);
        if (change === 'refused') skipped++;
        else if (change === null) unchanged++;
        else planned.push({ row, change });
      }
      if (!planned.length) {
        return { id: null, changed: 0, unchanged, skipped, mailed: false, changedIds: [] as string[] };
      }

      await this.write(tx, actor, planned, now);
      const changedIds = planned.map((p) => p.row.id);
      const id = await this.bulkChanges.insert(tx, actor.userId, now, changedIds, UNDO_WINDOW_MINUTES);
      await this.audit.record(tx, {
        actor,
        action: 'ticket.bulk_update',
        target: { type: 'ticket_bulk_change', id },
        fields,
        details: { tickets: changedIds, skipped, unchanged },
      });
      const resolved = planned.filter((p) => p.change.status === 'resolved');
      await this.mail.resolvedMany(
        tx,
        resolved.map((p) => ({ id: p.row.id, requesterId: p.row.requester_id })),
      );
      const assigned = changes.assigneeId
        ? planned.filter((p) => p.change.columns.assignee_id !== undefined).map((p) => p.row.id)
        : [];
      const mailedAssigned = changes.assigneeId
        ? await this.mail.assignedMany(tx, assigned, changes.assigneeId, actor.userId)
        : false;
      return {
        id,
        changed: planned.length,
        unchanged,
        skipped,
        mailed: resolved.length > 0 || mailedAssigned,
        changedIds,
      };
    });
    const { mailed, changedIds, ...answer } = result;
    if (mailed) this.mail.sent();
    await this.publish(changedIds, now);
    return {
      ...answer,
      undoableUntil: answer.id ? new Date(now.getTime() + UNDO_WINDOW_MINUTES * 60_000).toISOString() : null,
    };
  }

  /** Takes back the caller's own bulk change, ticket by ticket where nobody changed those fields since. */
  async undo(actor: Actor, id: string): Promise<BulkUndoResultDto> {
    const now = new Date();
    const result = await this.transactions.run(async (tx) => {
      const bulk = await this.bulkChanges.lockOwn(tx, id, actor.userId, now, UNDO_WINDOW_MINUTES);
      if (!bulk) throw DomainError.notFound('Bulk change');
      if (bulk.undone_at) throw refuse('This bulk change was already undone.');
      if (bulk.too_old) {
        throw refuse(
          `This bulk change was too long ago to undo (more than ${UNDO_WINDOW_MINUTES} minutes); change the tickets instead.`,
        );
      }
      const rows = await this.tickets.lockManyVisible(tx, actor, bulk.ticket_ids);
      const history = new Map<string, LastChangeRow[]>();
      for (const h of await this.ticketHistory.changesAt(tx, bulk.ticket_ids, actor.userId, bulk.at)) {
        history.set(h.ticket_id, [...(history.get(h.ticket_id) ?? []), h]);
      }
      let skipped = bulk.ticket_ids.length - rows.length;
      const planned: { row: TicketDetailRow; change: PlannedChange }[] = [];
      for (const row of rows) {
        if (row.processing_restricted && actor.role !== 'dpo') {
          skipped++;
          continue;
        }
        let input: UpdateTicketDto;
        try {
          input = undoOfLastChange(history.get(row.id) ?? [], row);
        } catch (e) {
          if (e instanceof DomainError) {
            skipped++;
            continue;
          }
          throw e;
        }
        const change = this.plan(row, input, now, false);
        if (change && change !== 'refused') planned.push({ row, change });
      }
      await this.write(tx, actor, planned, now);
      await this.bulkChanges.markUndone(tx, id, now);
      await this.audit.record(tx, {
        actor,
        action: 'ticket.bulk_undo',
        target: { type: 'ticket_bulk_change', id },
        details: { tickets: planned.map((p) => p.row.id), skipped },
      });
      return { restored: planned.length, skipped, restoredIds: planned.map((p) => p.row.id) };
    });
    const { restoredIds, ...answer } = result;
    await this.publish(restoredIds, now);
    return { id, ...answer };
  }

  /** "Select all matching": the filter resolved here, with the caller's scope, up to BULK_LIMIT. */
  private async matching(actor: Actor, body: BulkChangeTicketsDto): Promise<string[]> {
    const filter = body.filter ?? {};
    const names = filter.q?.trim()
      ? nameSearchFor(await this.policies.get('person.fullName'), actor)
      : 'none';
    const ids = await this.tickets.matchingIds(actor, filter, names, BULK_LIMIT + 1);
    if (ids.length > BULK_LIMIT) {
      throw DomainError.invalidField('filter', `matches more than ${BULK_LIMIT} tickets; narrow it first`);
    }
    return ids;
  }

  /** `planChange` for one ticket of the set: a status the workflow refuses skips that ticket. */
  private plan(
    row: TicketDetailRow,
    input: UpdateTicketDto,
    now: Date,
    workflow: boolean,
  ): PlannedChange | null | 'refused' {
    try {
      return planChange(row, input, now, this.sla, (from: TicketStatus, to: TicketStatus) => {
        if (workflow) this.ticketService.assertTransition(from, to);
      });
    } catch (e) {
      if (e instanceof DomainError && e.code === DomainErrorCode.InvalidState) return 'refused';
      throw e;
    }
  }

  /** The tickets' columns in one UPDATE, their history in one INSERT. */
  private async write(
    tx: Tx,
    actor: Actor,
    planned: { row: TicketDetailRow; change: PlannedChange }[],
    now: Date,
  ): Promise<void> {
    await this.tickets.writeManyChanges(
      tx,
      planned.map((p) => ({ id: p.row.id, columns: p.change.columns })),
      now,
    );
    await this.ticketHistory.recordMany(
      tx,
      actor.userId,
      planned.flatMap((p) => p.change.history.map((change) => ({ ticketId: p.row.id, change }))),
      now,
    );
  }

  /** Every changed ticket, to the live queues: each as its listeners may see it. */
  private async publish(ids: string[], now: Date): Promise<void> {
    if (!ids.length) return;
    const rows = await this.tickets.loadMany(ids);
    await Promise.all(
      rows.map((r) =>
        this.events.ticketUpdated(toSummary(r, this.sla, now), {
          requesterId: r.requester_id,
          organisationId: r.organisation_id,
          organisationShared: r.shared_ticket_visibility,
        }),
      ),
    );
  }
}

const refuse = (message: string) => new DomainError(DomainErrorCode.InvalidState, message);
