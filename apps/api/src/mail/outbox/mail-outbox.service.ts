import { Injectable } from '@nestjs/common';
import { project } from '@hushdesk/privacy';
import type { Actor } from '../../common/auth/actor';
import { DomainError } from '../../common/errors/domain-error';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage } from '../../common/pagination/keyset';
import { AppConfig } from '../../config/app-config';
import { FieldPoliciesService } from '../../privacy/field-policies.service';
import { formatReference } from '../../tickets/ticket-rows';
import { TicketsService } from '../../tickets/tickets.service';
import { SmtpIntake } from '../intake/smtp-intake.service';
import type {
  MailRecipientDto,
  MailStatusDto,
  MailSubscriptionDto,
  OutboxItemDetailDto,
  OutboxItemDto,
  OutboxPageDto,
  OutboxQueryDto,
  UpdateMailSubscriptionDto,
} from './dto/mail-outbox.dto';
import { MailOutboxRepository, type OutboxListRow } from './mail-outbox.repository';
import { MailRecipientsRepository } from './mail-recipients.repository';
import { MailSender } from './mail-sender.service';
import { MailSubscriptionsRepository, type SubscriptionRow } from './mail-subscriptions.repository';

const toSubscription = (r: SubscriptionRow): MailSubscriptionDto => ({
  newTickets: r.new_tickets,
  assignedTickets: r.assigned_tickets,
});

/** The admins' outbox, the mail settings as they apply, staff mail choices, and who a reply would reach. */
@Injectable()
export class MailOutboxService {
  constructor(
    private readonly config: AppConfig,
    private readonly outbox: MailOutboxRepository,
    private readonly subscriptions: MailSubscriptionsRepository,
    private readonly recipients: MailRecipientsRepository,
    private readonly sender: MailSender,
    private readonly tickets: TicketsService,
    private readonly policies: FieldPoliciesService,
    private readonly smtpIntake: SmtpIntake,
  ) {}

  async list(actor: Actor, query: OutboxQueryDto): Promise<OutboxPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.outbox.list(query.status, decodeCursor(query.cursor, 2), limit);
    const show = await this.addressView(actor);
    return toPage(
      rows,
      limit,
      (r) => this.toItem(r, show),
      (r) => [r.created_at.toISOString(), r.id],
    );
  }

  async get(actor: Actor, id: string): Promise<OutboxItemDetailDto> {
    const row = await this.outbox.findById(id);
    if (!row) throw DomainError.notFound('Mail');
    return { ...this.toItem(row, await this.addressView(actor)), bodyText: row.body_text ?? null };
  }

  status(): MailStatusDto {
    // The port the intake listens on, not the configured one: MAIL_INTAKE_PORT=0 takes a free port.
    const intake = this.smtpIntake.address() ?? this.config.mail.intake;
    return {
      sending: this.sender.sending,
      from: this.config.mail.from,
      intake: intake ? { host: intake.host, port: intake.port } : null,
    };
  }

  async subscription(actor: Actor): Promise<MailSubscriptionDto> {
    return toSubscription(await this.subscriptions.of(actor.userId));
  }

  async subscribe(actor: Actor, input: UpdateMailSubscriptionDto): Promise<MailSubscriptionDto> {
    return toSubscription(await this.subscriptions.save(actor.userId, input));
  }

  /**
   * Whether a public reply on this ticket would be emailed, and to whom, as this caller may see
   * the requester's name and address (hidden: null).
   */
  async recipient(actor: Actor, ticketId: string): Promise<MailRecipientDto> {
    const ticket = await this.tickets.findVisible(actor, ticketId);
    const who = await this.recipients.ofUser(ticket.requester_id);
    // Without a relay nothing is sent: the reply box must not promise a mail that is only kept.
    const reason =
      (await this.sender.suppressionOf({
        email: who?.email ?? null,
        restricted: who?.restricted ?? false,
      })) ?? (this.sender.sending ? null : 'not_sending');
    const [emailPolicy, names] = await Promise.all([
      this.policies.get('person.email'),
      this.policies.names(actor),
    ]);
    const self = who?.person_id === actor.personId;
    const address = who?.email ? (project(who.email, emailPolicy, actor.role, self) ?? null) : null;
    const name = who ? names.ofPerson(who.full_name, who.person_id) : null;
    return {
      willEmail: reason === null,
      to: address ? (name ? `${name} <${address}>` : address) : null,
      reason,
      portal: who?.portal ?? false,
    };
  }

  /** Addresses in the outbox as this caller may see them (the email field policy). */
  private async addressView(actor: Actor): Promise<(r: OutboxListRow) => string | null> {
    const policy = await this.policies.get('person.email');
    return (r) =>
      r.to_address
        ? (project(r.to_address, policy, actor.role, r.recipient_person_id === actor.personId) ?? null)
        : null;
  }

  private toItem(r: OutboxListRow, show: (r: OutboxListRow) => string | null): OutboxItemDto {
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      to: show(r),
      subject: r.subject,
      ticket:
        r.ticket_id && r.ticket_reference
          ? { id: r.ticket_id, reference: formatReference(r.ticket_reference) }
          : null,
      note: r.note,
      attempts: r.attempts,
      createdAt: r.created_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
    };
  }
}
