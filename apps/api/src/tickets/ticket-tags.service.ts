import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import { TicketEvents } from '../realtime/ticket-events.service';
import { SlaClockService } from '../sla/sla-clock.service';
import { TAG_CHANGE_LIMIT, type TagChangeResultDto, type TagListDto } from './dto/ticket-tags.dto';
import { planChange, type PlannedChange } from './ticket-change';
import { TicketHistoryRepository } from './ticket-history.repository';
import { toSummary, type TicketDetailRow } from './ticket-rows';
import { TicketsRepository } from './tickets.repository';

/** Tags never move a ticket's status: a tag change needs no workflow check. */
const noTransition = (): void => undefined;

/**
 * The desk's tags as one list: how many tickets carry each, and a tag renamed or removed on every
 * ticket at once. Each ticket is planned by the same `planChange` as a PATCH of its tags, and the
 * set is written like a bulk change: one UPDATE, one history INSERT, one audit entry, one transaction.
 */
@Injectable()
export class TicketTagsService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly ticketHistory: TicketHistoryRepository,
    private readonly transactions: Transactions,
    private readonly sla: SlaClockService,
    private readonly events: TicketEvents,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<TagListDto> {
    return { items: await this.tickets.tagUsage() };
  }

  rename(actor: Actor, from: string, to: string): Promise<TagChangeResultDto> {
    if (from === to) throw DomainError.invalidField('to', 'must differ from from');
    return this.change(
      actor,
      from,
      (tags) => {
        const next: string[] = [];
        for (const tag of tags) {
          const name = tag === from ? to : tag;
          if (!next.includes(name)) next.push(name);
        }
        return next;
      },
      { action: 'tag.rename', details: { from, to } },
    );
  }

  remove(actor: Actor, tag: string): Promise<TagChangeResultDto> {
    return this.change(actor, tag, (tags) => tags.filter((t) => t !== tag), {
      action: 'tag.remove',
      details: { tag },
    });
  }

  private async change(
    actor: Actor,
    tag: string,
    retag: (tags: string[]) => string[],
    entry: { action: 'tag.rename' | 'tag.remove'; details: Record<string, string> },
  ): Promise<TagChangeResultDto> {
    const now = new Date();
    const result = await this.transactions.run(async (tx) => {
      const count = await this.tickets.countWithTag(tx, tag);
      if (count > TAG_CHANGE_LIMIT) {
        throw DomainError.conflict(
          `The tag is on ${count} tickets, more than the ${TAG_CHANGE_LIMIT} one change may touch.`,
        );
      }
      const rows = await this.tickets.lockWithTag(tx, tag);
      let skipped = 0;
      const planned: { row: TicketDetailRow; change: PlannedChange }[] = [];
      for (const row of rows) {
        // A restricted ticket is not processed, as in a bulk change (the DPO may).
        if (row.processing_restricted && actor.role !== 'dpo') {
          skipped++;
          continue;
        }
        const change = planChange(row, { tags: retag(row.tags) }, now, this.sla, noTransition);
        if (change) planned.push({ row, change });
      }
      if (planned.length) {
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
      const changedIds = planned.map((p) => p.row.id);
      await this.audit.record(tx, {
        actor,
        action: entry.action,
        fields: ['tags'],
        details: { ...entry.details, tickets: changedIds, skipped },
      });
      return { changed: planned.length, skipped, changedIds };
    });
    await this.publish(result.changedIds, now);
    return { changed: result.changed, skipped: result.skipped };
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
