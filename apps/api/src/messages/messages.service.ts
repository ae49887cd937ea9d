import { Injectable } from '@nestjs/common';
import { personKindOf, type MessageChannel } from '@hushdesk/contracts';
import {
  statusAfterCustomerReply,
  statusAfterEngineerPublicReply,
  type TicketStatus,
} from '@hushdesk/ticketing';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { decodeCursor, type Page, PageQueryDto, toPage } from '../common/pagination/keyset';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { MailNotifications } from '../mail/outbox/mail-notifications.service';
import { IdentifierIndex } from '../privacy/identifier-index.service';
import { TicketEvents } from '../realtime/ticket-events.service';
import { SlaClockService, slaColumns } from '../sla/sla-clock.service';
import { slaFieldsOf } from '../tickets/ticket-rows';
import { isStaff } from '../tickets/ticket-scope';
import { TicketsService } from '../tickets/tickets.service';
import type { CreateMessageDto, TicketMessageDto } from './dto/message.dto';
import { MessagesRepository, type MessageRow } from './messages.repository';

/** A thread loads whole in most cases; longer ones page on. */
const THREAD_PAGE_SIZE = 100;

const toMessage = (r: MessageRow): TicketMessageDto => ({
  id: r.id,
  ticketId: r.ticket_id,
  visibility: r.visibility,
  body: r.body,
  author: { id: r.author_id, name: r.author_name, kind: personKindOf(r.author_role) },
  channel: r.channel,
  createdAt: r.created_at.toISOString(),
});

/**
 * Replies and internal notes. Customers read and write public replies only; to them, internal notes
 * do not exist (not in lists, counts or events). A customer reply reopens a resolved ticket; the
 * first public staff reply stops the first-response clock.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly transactions: Transactions,
    private readonly tickets: TicketsService,
    private readonly sla: SlaClockService,
    private readonly events: TicketEvents,
    private readonly index: IdentifierIndex,
    private readonly policies: FieldPoliciesService,
    private readonly mail: MailNotifications,
  ) {}

  async list(actor: Actor, ticketId: string, query: PageQueryDto): Promise<Page<TicketMessageDto>> {
    await this.tickets.findVisible(actor, ticketId);
    const names = await this.policies.names(actor);
    const limit = query.limit ?? THREAD_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2);
    const rows = await this.messages.thread(ticketId, !isStaff(actor), after, limit);
    return toPage(
      rows,
      limit,
      (r) => names.message(toMessage(r)),
      (r) => [r.created_at.toISOString(), r.id],
    );
  }

  async create(actor: Actor, ticketId: string, input: CreateMessageDto): Promise<TicketMessageDto> {
    const added = await this.transactions.run((tx) => this.addIn(tx, actor, ticketId, input, 'portal'));
    await added.publish();
    return this.asAuthorSees(actor, added.message);
  }

  /** The author reads their own name; still through the view, like every other answer. */
  async asAuthorSees(actor: Actor, message: TicketMessageDto): Promise<TicketMessageDto> {
    return (await this.policies.names(actor)).message(message);
  }

  /**
   * Adds a message inside the caller's transaction (the email intake writes its own rows in the
   * same one); `publish` tells the live clients, and must be called once it has committed.
   */
  async addIn(
    tx: Tx,
    actor: Actor,
    ticketId: string,
    input: CreateMessageDto,
    channel: MessageChannel,
  ): Promise<{ message: TicketMessageDto; publish: () => Promise<void> }> {
    const staff = isStaff(actor);
    if (!staff && input.visibility !== 'public') {
      throw DomainError.invalidField('visibility', 'must be public for customers');
    }
    const now = new Date();
    const ticket = await this.tickets.lockVisible(tx, actor, ticketId);
    this.tickets.assertNotRestricted(actor, ticket);
    if (ticket.status === 'closed') {
      throw new DomainError(DomainErrorCode.InvalidState, 'This ticket is closed; open a new one instead');
    }
    const id = await this.messages.insert(tx, {
      ticketId,
      authorId: actor.userId,
      visibility: input.visibility,
      body: input.body,
      createdAt: now,
      channel,
    });
    await this.index.index(tx, { type: 'message', id, ticketId }, [input.body], {
      fresh: true,
    });
    // An engineer's public reply goes to the requester by mail; internal notes never leave.
    const mailed = staff && input.visibility === 'public' && ticket.requester_id !== actor.userId;
    if (mailed) await this.mail.publicReply(tx, { id: ticketId, requesterId: ticket.requester_id }, id);

    let status: TicketStatus = ticket.status;
    const firstResponse = staff && input.visibility === 'public' && !ticket.first_responded_at;
    if (input.visibility === 'public') {
      status = staff
        ? statusAfterEngineerPublicReply(ticket.status)
        : statusAfterCustomerReply(ticket.status);
    }
    const changes: Record<string, unknown> = {};
    if (status !== ticket.status) {
      changes.status = status;
      if (ticket.status === 'resolved') changes.resolved_at = null;
    }
    if (firstResponse) changes.first_responded_at = now;
    if (Object.keys(changes).length) {
      const sla = this.sla.apply(
        slaFieldsOf(ticket),
        { status, firstRespondedAt: firstResponse ? now : ticket.first_responded_at },
        now,
      );
      await this.tickets.writeChanges(tx, ticketId, { ...changes, ...slaColumns(sla) }, now);
      if (status !== ticket.status) {
        // At the message's own instant: Undo tells the reply's status change by it (ticket-undo.ts).
        await this.tickets.recordHistory(
          tx,
          ticketId,
          actor.userId,
          [['status', ticket.status, status]],
          now,
        );
      }
    } else if (input.visibility === 'public') {
      // Internal notes leave the ticket untouched: even its updatedAt must not hint at them.
      await this.tickets.touch(tx, ticketId, now);
    }
    const row = await this.messages.findById(id, tx);
    const r = {
      message: toMessage(row),
      authorRole: row.author_role,
      statusChanged: status !== ticket.status || firstResponse,
      audience: {
        requesterId: ticket.requester_id,
        organisationId: ticket.organisation_id,
        organisationShared: ticket.shared_ticket_visibility,
      },
    };
    return {
      message: r.message,
      publish: async () => {
        if (mailed) this.mail.sent();
        await this.events.messageCreated(r.message, r.audience, r.authorRole);
        // An internal note changes nothing a customer can see, so only staff hear the ticket moved.
        if (r.statusChanged || r.message.visibility === 'public') await this.tickets.publishUpdated(ticketId);
      },
    };
  }
}
