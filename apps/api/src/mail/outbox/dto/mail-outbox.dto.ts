import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/keyset';
import { EnumField } from '../../../common/validation/fields';

export const OUTBOX_KINDS = [
  'ticket_received',
  'public_reply',
  'ticket_resolved',
  'new_ticket',
  'ticket_assigned',
] as const;
export const OUTBOX_STATUSES = ['queued', 'sent', 'kept', 'suppressed', 'failed'] as const;
/** `not_sending`: no relay is set up (SMTP_URL), so mail is kept in the outbox, not sent. */
export const RECIPIENT_REASONS = [
  'do_not_contact',
  'undeliverable',
  'no_address',
  'restricted',
  'not_sending',
] as const;

export class OutboxQueryDto extends PageQueryDto {
  @EnumField(OUTBOX_STATUSES, { optional: true }) status?: (typeof OUTBOX_STATUSES)[number];
}

export class OutboxTicketDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'HD-000123' }) reference: string;
}

export class OutboxItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: OUTBOX_KINDS, description: 'The template' }) kind: (typeof OUTBOX_KINDS)[number];
  @ApiProperty({
    enum: OUTBOX_STATUSES,
    description:
      '`kept`: rendered but not sent, because no SMTP_URL is set; `suppressed`: not sent on purpose (see note), nothing of it stored',
  })
  status: (typeof OUTBOX_STATUSES)[number];
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The address it went to, per the email field policy; null until rendered and for suppressed mail',
  })
  to: string | null;
  @ApiProperty({ type: String, nullable: true }) subject: string | null;
  @ApiProperty({ type: OutboxTicketDto, nullable: true }) ticket: OutboxTicketDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it was suppressed, or the last sending error (codes only)',
  })
  note: string | null;
  @ApiProperty({ type: 'integer', description: 'Sending attempts so far' }) attempts: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

export class OutboxItemDetailDto extends OutboxItemDto {
  @ApiProperty({ type: String, nullable: true, description: 'The plain-text body, once rendered' })
  bodyText: string | null;
}

export class OutboxPageDto {
  @ApiProperty({ type: [OutboxItemDto] }) items: OutboxItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class MailIntakeAddressDto {
  @ApiProperty() host: string;
  @ApiProperty({ type: 'integer' }) port: number;
}

export class MailStatusDto {
  @ApiProperty({ description: 'Whether mail is sent (SMTP_URL is set) or only kept in the outbox' })
  sending: boolean;
  @ApiProperty({ description: 'MAIL_FROM', example: 'Hushdesk Support <support@example.com>' }) from: string;
  @ApiProperty({ type: MailIntakeAddressDto, nullable: true, description: 'The SMTP intake, when on' })
  intake: MailIntakeAddressDto | null;
}

export class MailSubscriptionDto {
  @ApiProperty({ description: 'Mail me about every new ticket (not those I log myself)' })
  newTickets: boolean;
  @ApiProperty({ description: 'Mail me when a ticket is assigned to me (not by myself)' })
  assignedTickets: boolean;
}

export class UpdateMailSubscriptionDto {
  @ApiProperty({ description: 'Mail me about every new ticket (not those I log myself)' })
  @IsBoolean({ message: 'newTickets must be true or false' })
  newTickets: boolean;

  @ApiProperty({ description: 'Mail me when a ticket is assigned to me (not by myself)' })
  @IsBoolean({ message: 'assignedTickets must be true or false' })
  assignedTickets: boolean;
}

export class MailRecipientDto {
  @ApiProperty({ description: "Whether a public reply would be emailed to the ticket's requester" })
  willEmail: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The requester's name and address as this caller may see them (field policies); null when hidden",
    example: 'Alice Archer <a***@example.com>',
  })
  to: string | null;
  @ApiProperty({ enum: RECIPIENT_REASONS, nullable: true, description: 'Why no mail would go' })
  reason: (typeof RECIPIENT_REASONS)[number] | null;
  @ApiProperty({
    description:
      'Whether the requester can sign in to the portal to read the reply (contacts made from mail cannot)',
  })
  portal: boolean;
}
