import { Injectable } from '@nestjs/common';
import { AttachmentMergeRepository } from '../attachments/attachment-merge.repository';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { EmailMergeRepository } from '../mail/shared/email-merge.repository';
import { MessageMergeRepository } from '../messages/message-merge.repository';
import { MentionMergeRepository } from '../privacy/mention-merge.repository';
import { RecordingMergeRepository } from '../recordings/recording-merge.repository';
import { SlaClockService, slaColumns } from '../sla/sla-clock.service';
import type { TicketMergeDto } from './dto/ticket-merge.dto';
import { TicketMergeRepository } from './ticket-merge.repository';
import { formatReference, slaFieldsOf, type TicketDetailRow } from './ticket-rows';
import { TicketsService } from './tickets.service';

const refuse = (message: string) => new DomainError(DomainErrorCode.InvalidState, message);

/**
 * Whether the two tickets' requesters may see each other's tickets anyway: the same customer, or
 * one organisation that shares its tickets. Merging any others would show one customer's thread to
 * another, so it is refused.
 */
export function requestersShare(a: TicketDetailRow, b: TicketDetailRow): boolean {
  if (a.requester_id === b.requester_id) return true;
  return a.organisation_id === b.organisation_id && a.shared_ticket_visibility;
}

/**
 * Merging a duplicate into another ticket: its messages, files, calls and history move there, and
 * it closes pointing at it. One transaction; both tickets' history and the audit trail record it.
 */
@Injectable()
export class TicketMergeService {
  constructor(
    private readonly tickets: TicketsService,
    private readonly merges: TicketMergeRepository,
    private readonly messages: MessageMergeRepository,
    private readonly attachments: AttachmentMergeRepository,
    private readonly recordings: RecordingMergeRepository,
    private readonly emails: EmailMergeRepository,
    private readonly mentions: MentionMergeRepository,
    private readonly transactions: Transactions,
    private readonly sla: SlaClockService,
    private readonly audit: AuditService,
  ) {}

  /** What a merge would move, after the same checks as the merge itself; writes nothing. */
  async preview(actor: Actor, id: string, intoTicketId: string): Promise<TicketMergeDto> {
    return this.transactions.run(async (tx) => {
      const { source, target } = await this.lockPair(tx, actor, id, intoTicketId);
      // One after another: a transaction is one connection, which runs one statement at a time.
      const messages = await this.messages.count(id, tx);
      const attachments = await this.attachments.count(id, tx);
      const calls = await this.recordings.count(id, tx);
      const historyEntries = await this.merges.historyCount(id, tx);
      return this.receipt(source, target, { messages, attachments, calls, historyEntries });
    });
  }

  async merge(actor: Actor, id: string, intoTicketId: string): Promise<TicketMergeDto> {
    const now = new Date();
    const receipt = await this.transactions.run(async (tx) => {
      const { source, target } = await this.lockPair(tx, actor, id, intoTicketId);
      const messages = await this.messages.move(tx, id, intoTicketId);
      const attachments = await this.attachments.move(tx, id, intoTicketId);
      const calls = await this.recordings.move(tx, id, intoTicketId);
      await this.emails.moveReplies(tx, id, intoTicketId);
      await this.mentions.move(tx, id, intoTicketId);
      const historyEntries = await this.merges.moveHistory(tx, id, intoTicketId);

      const closes = source.status !== 'closed';
      const sla = this.sla.apply(slaFieldsOf(source), { status: 'closed' }, now);
      await this.tickets.writeChanges(
        tx,
        id,
        closes ? { status: 'closed', closed_at: now, ...slaColumns(sla) } : {},
        now,
      );
      await this.merges.markMerged(tx, id, intoTicketId, now);
      await this.tickets.touch(tx, intoTicketId, now);
      await this.tickets.recordHistory(
        tx,
        id,
        actor.userId,
        [
          ...(closes ? [['status', source.status, 'closed'] as [string, string, string]] : []),
          ['merged_into', null, intoTicketId],
        ],
        now,
      );
      await this.tickets.recordHistory(tx, intoTicketId, actor.userId, [['merged_from', null, id]], now);
      const moved = { messages, attachments, calls, historyEntries };
      // Ids and counts only: nothing personal goes into the append-only trail.
      await this.audit.record(tx, {
        actor,
        action: 'ticket.merge',
        target: { type: 'ticket', id },
        details: { intoTicketId, ...moved },
      });
      return this.receipt(source, target, moved);
    });
    await this.tickets.publishUpdated(id);
    await this.tickets.publishUpdated(intoTicketId);
    return receipt;
  }

  /** Both tickets locked (in id order, so two merges cannot deadlock) and the merge allowed. */
  private async lockPair(
    tx: Tx,
    actor: Actor,
    id: string,
    intoTicketId: string,
  ): Promise<{ source: TicketDetailRow; target: TicketDetailRow }> {
    if (id === intoTicketId) throw DomainError.invalidField('intoTicketId', 'must be another ticket');
    const rows = new Map<string, TicketDetailRow>();
    for (const key of [id, intoTicketId].sort()) {
      try {
        rows.set(key, await this.tickets.lockVisible(tx, actor, key));
      } catch (e) {
        if (key === intoTicketId && e instanceof DomainError && e.code === DomainErrorCode.NotFound) {
          throw DomainError.invalidField('intoTicketId', 'does not match a ticket');
        }
        throw e;
      }
    }
    const source = rows.get(id) as TicketDetailRow;
    const target = rows.get(intoTicketId) as TicketDetailRow;
    this.tickets.assertNotRestricted(actor, source);
    this.tickets.assertNotRestricted(actor, target);
    if (source.merged_into_id) throw refuse('This ticket was already merged into another.');
    if (target.merged_into_id) {
      throw refuse('The ticket chosen was itself merged into another; merge into that one instead.');
    }
    if (target.status === 'closed') throw refuse('A ticket cannot be merged into a closed ticket.');
    if (!requestersShare(source, target)) {
      throw refuse(
        'These tickets are for customers who may not see each other’s tickets (different requesters, not in one organisation that shares its tickets), so they cannot be merged.',
      );
    }
    return { source, target };
  }

  private receipt(
    source: TicketDetailRow,
    target: TicketDetailRow,
    moved: Pick<TicketMergeDto, 'messages' | 'attachments' | 'calls' | 'historyEntries'>,
  ): TicketMergeDto {
    return {
      ticketId: source.id,
      reference: formatReference(source.reference),
      intoTicketId: target.id,
      intoReference: formatReference(target.reference),
      intoSubject: target.subject,
      ...moved,
    };
  }
}
