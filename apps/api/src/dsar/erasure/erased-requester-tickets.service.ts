import { Injectable } from '@nestjs/common';
import type { TicketMessageDto } from '../../messages/dto/message.dto';
import type { Actor } from '../../common/auth/actor';
import type { Tx } from '../../database/tx';
import { MessageDsarRepository } from '../../messages/message-dsar.repository';
import { TicketEvents, type TicketAudience } from '../../realtime/ticket-events.service';
import { SlaClockService, slaColumns } from '../../sla/sla-clock.service';
import { TicketDsarRepository } from '../../tickets/ticket-dsar.repository';
import { slaFieldsOf } from '../../tickets/ticket-rows';
import { TicketsService } from '../../tickets/tickets.service';

/** Statuses before resolved: a ticket still waiting on someone. */
const UNRESOLVED = ['new', 'open', 'pending_customer', 'on_hold'];

/**
 * An erased requester's unresolved tickets. Nobody can answer on them any more (the account is
 * disabled, the contact details are gone), so leaving them open would keep an SLA clock running and
 * a line in the queue for work no one can finish. The erasure closes them: a system entry in the
 * history, an internal note saying why, the clocks stopped, and staff told as for any change.
 * Resolved tickets are left to close on their own, as usual; nothing is deleted by closing, so a
 * legal hold on a call of the ticket is untouched.
 */
@Injectable()
export class ErasedRequesterTickets {
  constructor(
    private readonly ticketRows: TicketDsarRepository,
    private readonly messages: MessageDsarRepository,
    private readonly tickets: TicketsService,
    private readonly sla: SlaClockService,
    private readonly events: TicketEvents,
  ) {}

  /** Which of these tickets are not yet resolved. */
  async unresolved(tx: Tx | undefined, ticketIds: string[]): Promise<string[]> {
    if (!ticketIds.length) return [];
    return this.ticketRows.unresolved(tx, ticketIds, UNRESOLVED);
  }

  /**
   * Closes the unresolved ones in the caller's transaction; `announce` then tells staff, once
   * the transaction has committed.
   */
  async close(
    tx: Tx,
    actor: Actor,
    ticketIds: string[],
    request: string,
  ): Promise<{ closed: string[]; announce: () => Promise<void> }> {
    if (!ticketIds.length) return { closed: [], announce: async () => undefined };
    const now = new Date();
    const rows = await this.ticketRows.lockUnresolved(tx, ticketIds, UNRESOLVED);
    const notes: { note: TicketMessageDto; audience: TicketAudience }[] = [];
    for (const row of rows) {
      const sla = this.sla.apply(slaFieldsOf(row), { status: 'closed' }, now);
      await this.tickets.writeChanges(
        tx,
        row.id,
        { status: 'closed', closed_at: now, ...slaColumns(sla) },
        now,
      );
      await this.tickets.recordHistory(tx, row.id, null, [['status', row.status, 'closed']], now);
      notes.push({
        note: await this.note(tx, actor, row.id, request, now),
        audience: {
          requesterId: row.requester_id,
          organisationId: row.organisation_id,
          organisationShared: row.shared_ticket_visibility,
        },
      });
    }
    return {
      closed: rows.map((r) => r.id),
      announce: async () => {
        for (const { note, audience } of notes) {
          await this.events.messageCreated(note, audience, actor.role);
          await this.tickets.publishUpdated(note.ticketId);
        }
      },
    };
  }

  private async note(
    tx: Tx,
    actor: Actor,
    ticketId: string,
    request: string,
    at: Date,
  ): Promise<TicketMessageDto> {
    const body =
      `Closed automatically: the requester's personal data was erased at their request (${request}). ` +
      'Their account is disabled and there is no one to reply to on this ticket. If the work is still ' +
      'needed, open a new ticket for another contact.';
    const row = await this.messages.addInternalNote(tx, ticketId, actor.userId, body, at);
    return {
      id: row.id,
      ticketId,
      visibility: 'internal',
      body,
      author: { id: actor.userId, name: row.author_name, kind: 'staff' },
      channel: 'portal',
      createdAt: at.toISOString(),
    };
  }
}
