import { Injectable } from '@nestjs/common';
import { project } from '@hushdesk/privacy';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { MessageRedactionRepository } from '../messages/message-redaction.repository';
import { formatReference } from '../tickets/ticket-rows';
import { TicketsService } from '../tickets/tickets.service';
import { FieldPoliciesService } from './field-policies.service';
import { RedactionService } from './redaction.service';

/**
 * Copies of a ticket safe to send to a third-party vendor, and the audited reveal of a ticket's
 * contact phone. Each starts from the ticket as the caller may see it.
 */
@Injectable()
export class ShareSafeService {
  constructor(
    private readonly tickets: TicketsService,
    private readonly messages: MessageRedactionRepository,
    private readonly redaction: RedactionService,
    private readonly audit: AuditService,
    private readonly policies: FieldPoliciesService,
  ) {}

  /**
   * The technical facts and the public thread, with every email, phone number and known person's
   * name replaced by a placeholder.
   */
  async ticketCopy(actor: Actor, id: string) {
    const ticket = await this.tickets.findVisible(actor, id);
    const messages = await this.messages.publicThread(id);
    const clean = async (text: string) => (await this.redaction.scrub(undefined, text)).text;
    const copy = {
      reference: formatReference(ticket.reference),
      type: ticket.type,
      priority: ticket.priority,
      category: ticket.category,
      subject: await clean(ticket.subject),
      description: await clean(ticket.description),
      equipment: {
        model: ticket.equipment_model,
        serialNumber: ticket.equipment_serial_number,
      },
      thread: await Promise.all(
        messages.map(async (m) => ({
          from: m.staff ? 'Support' : 'Customer',
          at: m.created_at.toISOString(),
          body: await clean(m.body),
        })),
      ),
    };
    await this.audit.recordNow({ actor, action: 'ticket.share_safe_copy', target: { type: 'ticket', id } });
    return copy;
  }

  /** A text attachment of a ticket the caller may see, stripped of every person's data; audited. */
  async attachmentCopy(
    actor: Actor,
    id: string,
    attachmentId: string,
  ): Promise<{ fileName: string; text: string }> {
    await this.tickets.findVisible(actor, id);
    const copy = await this.redaction.shareSafeAttachment(actor, id, attachmentId);
    await this.audit.recordNow({
      actor,
      action: 'ticket.share_safe_copy',
      target: { type: 'attachment', id: attachmentId },
    });
    return copy;
  }

  /** The clear contact phone of a ticket, for calling the customer back; the reveal and its reason are audited. */
  async revealContactPhone(
    actor: Actor,
    id: string,
    body: { field: string; reason: string },
  ): Promise<{ field: string; value: string | null }> {
    const ticket = await this.tickets.findVisible(actor, id);
    // Hidden means hidden: no reveal of what the role may not see at all (as for a person's fields).
    const policy = await this.policies.get('ticket.contactPhone');
    if (
      project(ticket.contact_phone, policy, actor.role, actor.userId === ticket.requester_id) === undefined
    ) {
      throw new DomainError(DomainErrorCode.Forbidden, `${body.field} is not visible to your role`);
    }
    await this.audit.recordNow({
      actor,
      action: 'person.reveal',
      subjectPersonId: ticket.requester_person_id,
      target: { type: 'ticket', id },
      fields: ['ticket.contactPhone'],
      reason: body.reason,
    });
    return { field: body.field, value: ticket.contact_phone };
  }
}
