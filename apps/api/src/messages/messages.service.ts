import { Injectable } from '@nestjs/common';
import { personKindOf, type Page, type Role, type TicketMessage } from '@hushdesk/contracts';
import {
  statusAfterCustomerReply,
  statusAfterEngineerPublicReply,
  type TicketStatus,
} from '@hushdesk/ticketing';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { decodeCursor, limitPlusOne, PageQueryDto, toPage } from '../common/pagination/keyset';

/** A thread loads whole in most cases; longer ones page on. */
const THREAD_PAGE_SIZE = 100;
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { IdentifierIndex } from '../privacy/identifier-index.service';
import { TicketEvents } from '../realtime/ticket-events';
import { SlaClockService, slaColumns } from '../sla/sla-clock';
import { slaFieldsOf } from '../tickets/ticket-rows';
import { isStaff } from '../tickets/ticket-scope';
import { preparedQuery } from '../database/prepared-query';
import { SqlParams } from '../database/sql-params';
import { TicketsService } from '../tickets/tickets.service';
import type { CreateMessageDto } from './dto/message.dto';

interface MessageRow {
  id: string;
  ticket_id: string;
  visibility: 'public' | 'internal';
  body: string;
  author_id: string;
  author_name: string | null;
  author_role: Role;
  created_at: Date;
}

const MESSAGE_SELECT = `
  SELECT m.id, m.ticket_id, m.visibility, m.body, m.author_id, p.full_name AS author_name, u.role AS author_role,
         m.created_at
    FROM ticket_messages m JOIN users u ON u.id = m.author_id JOIN people p ON p.id = u.person_id`;

const toMessage = (r: MessageRow): TicketMessage => ({
  id: r.id,
  ticketId: r.ticket_id,
  visibility: r.visibility,
  body: r.body,
  author: { id: r.author_id, name: r.author_name, kind: personKindOf(r.author_role) },
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
    private readonly dataSource: DataSource,
    private readonly tickets: TicketsService,
    private readonly sla: SlaClockService,
    private readonly events: TicketEvents,
    private readonly index: IdentifierIndex,
    private readonly policies: FieldPoliciesService,
  ) {}

  async list(actor: Actor, ticketId: string, query: PageQueryDto): Promise<Page<TicketMessage>> {
    await this.tickets.findVisible(actor, ticketId);
    const names = await this.policies.names(actor);
    const limit = query.limit ?? THREAD_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2);
    const p = new SqlParams();
    const where = [`m.ticket_id = ${p.add(ticketId)}`];
    if (!isStaff(actor)) where.push("m.visibility = 'public'");
    if (after)
      where.push(`(m.created_at, m.id) > (${p.add(after[0])}::timestamptz, ${p.add(after[1])}::uuid)`);
    const rows = await preparedQuery<MessageRow>(
      this.dataSource,
      `${MESSAGE_SELECT} WHERE ${where.join(' AND ')} ORDER BY m.created_at, m.id ${limitPlusOne(limit)}`,
      p.values,
    );
    return toPage(
      rows,
      limit,
      (r) => names.message(toMessage(r)),
      (r) => [r.created_at.toISOString(), r.id],
    );
  }

  async create(actor: Actor, ticketId: string, input: CreateMessageDto): Promise<TicketMessage> {
    const staff = isStaff(actor);
    if (!staff && input.visibility !== 'public') {
      throw DomainError.invalidField('visibility', 'must be public for customers');
    }
    const now = new Date();
    const { message, statusChanged } = await this.dataSource
      .transaction(async (manager) => {
        const ticket = await this.tickets.lockVisible(manager, actor, ticketId);
        this.tickets.assertNotRestricted(actor, ticket);
        if (ticket.status === 'closed') {
          throw new DomainError(
            DomainErrorCode.InvalidState,
            'This ticket is closed; open a new one instead',
          );
        }
        const [{ id }] = await manager.query(
          `INSERT INTO ticket_messages (ticket_id, author_id, visibility, body, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [ticketId, actor.userId, input.visibility, input.body, now],
        );
        await this.index.index(manager, { type: 'message', id, ticketId }, [input.body], { fresh: true });

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
          await this.tickets.writeChanges(manager, ticketId, { ...changes, ...slaColumns(sla) }, now);
          if (status !== ticket.status) {
            // At the message's own instant: Undo tells the reply's status change by it (ticket-undo.ts).
            await this.tickets.recordHistory(
              manager,
              ticketId,
              actor.userId,
              [['status', ticket.status, status]],
              now,
            );
          }
        } else if (input.visibility === 'public') {
          // Internal notes leave the ticket untouched: even its updatedAt must not hint at them.
          await manager.query('UPDATE tickets SET updated_at = $1 WHERE id = $2', [now, ticketId]);
        }
        const [row]: MessageRow[] = await manager.query(`${MESSAGE_SELECT} WHERE m.id = $1`, [id]);
        return {
          message: toMessage(row),
          authorRole: row.author_role,
          statusChanged: status !== ticket.status || firstResponse,
          audience: {
            requesterId: ticket.requester_id,
            organisationId: ticket.organisation_id,
            organisationShared: ticket.shared_ticket_visibility,
          },
        };
      })
      .then(async (r) => {
        await this.events.messageCreated(r.message, r.audience, r.authorRole);
        return r;
      });
    // An internal note changes nothing a customer can see, so only staff hear the ticket moved.
    if (statusChanged || message.visibility === 'public') await this.tickets.publishUpdated(ticketId);
    // The author reads their own name; still through the view, like every other answer.
    return (await this.policies.names(actor)).message(message);
  }
}
