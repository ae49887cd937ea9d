import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { TicketMessageEntity } from '../../messages/ticket-message.entity';
import { TicketEntity } from '../../tickets/ticket.entity';
import { UserEntity } from '../../users/user.entity';

/**
 * The transactional outbox: a row is written in the transaction of the change it tells of, so
 * nothing is sent for a change that rolled back, and a job renders and sends it afterwards, with
 * retries. Without SMTP_URL the rendered mail is kept here (`kept`) for admins to read. A mail to
 * a "Do Not Contact" or undeliverable address is recorded as `suppressed`, without its content.
 */
@Entity('mail_outbox')
@Check('ck_mail_outbox_status', `"status" IN ('queued', 'sent', 'kept', 'suppressed', 'failed')`)
@Check(
  'ck_mail_outbox_kind',
  `"kind" IN ('ticket_received', 'public_reply', 'ticket_resolved', 'new_ticket', 'ticket_assigned')`,
)
@Index('ix_mail_outbox_due', ['nextAttemptAt'], { where: `"status" = 'queued'` })
@Index('ix_mail_outbox_created', ['createdAt'])
@Index('ix_mail_outbox_recipient', ['recipientUserId'])
@Index('ix_mail_outbox_ticket', ['ticketId'])
export class MailOutboxEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_mail_outbox' })
  id: string;

  @Column({ type: 'varchar', length: 30 })
  kind: 'ticket_received' | 'public_reply' | 'ticket_resolved' | 'new_ticket' | 'ticket_assigned';

  @Column({ type: 'uuid', nullable: true })
  ticketId: string | null;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_mail_outbox_ticket' })
  ticket?: TicketEntity;

  /** The public reply a `public_reply` mail carries. */
  @Column({ type: 'uuid', nullable: true })
  ticketMessageId: string | null;

  @ManyToOne(() => TicketMessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_message_id', foreignKeyConstraintName: 'fk_mail_outbox_ticket_message' })
  ticketMessage?: TicketMessageEntity;

  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recipient_user_id', foreignKeyConstraintName: 'fk_mail_outbox_recipient' })
  recipient?: UserEntity;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: 'queued' | 'sent' | 'kept' | 'suppressed' | 'failed';

  /** Why it was suppressed, or the last sending error, in words without personal data. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;

  /** Set when rendered (sent or kept); null while queued and for suppressed mail. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  toAddress: string | null;

  @Column({ type: 'varchar', length: 998, nullable: true })
  subject: string | null;

  @Column({ type: 'text', nullable: true })
  bodyText: string | null;

  @Column({ type: 'text', nullable: true })
  bodyHtml: string | null;

  /** Our own Message-ID: `<hd.{ticket reference}.{random}@{MAIL_FROM's domain}>`. */
  @Column({ type: 'varchar', length: 998, nullable: true })
  messageId: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
