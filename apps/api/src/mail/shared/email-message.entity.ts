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
import { MailboxEntity } from '../mailboxes/mailbox.entity';

/**
 * An imported mail: the headers we keep (From, To, Cc, Date, Subject, Message-ID, In-Reply-To,
 * References; no others are stored), the quoted history and signature split off the reply, and
 * the raw .eml for its own retention period. The reply text itself is the ticket's description
 * (a mail that opened the ticket, `ticketMessageId` null) or a ticket message. Erasure nulls every
 * header and text column here and deletes the raw copy.
 */
@Entity('email_messages')
@Check('ck_email_messages_source', `"source" IN ('smtp', 'imap')`)
@Index('ix_email_messages_ticket', ['ticketId', 'createdAt'])
@Index('uq_email_messages_ticket_message', ['ticketMessageId'], { unique: true })
// Threading: a reply's In-Reply-To/References are looked up by the hash of each Message-ID.
@Index('ix_email_messages_message_key', ['messageKey'])
// The retention run sweeps raw copies whose time is up.
@Index('ix_email_messages_raw_expiry', ['rawExpiresAt'], { where: '"raw_blob_key" IS NOT NULL' })
// A DSAR and an erasure find a sender's mail by address.
@Index('ix_email_messages_from', ['fromAddress'])
export class EmailMessageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_email_messages' })
  id: string;

  @Column({ type: 'uuid' })
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_email_messages_ticket' })
  ticket?: TicketEntity;

  /** The reply this mail became; null for the mail that opened the ticket. */
  @Column({ type: 'uuid', nullable: true })
  ticketMessageId: string | null;

  @ManyToOne(() => TicketMessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_message_id', foreignKeyConstraintName: 'fk_email_messages_ticket_message' })
  ticketMessage?: TicketMessageEntity;

  @Column({ type: 'varchar', length: 10 })
  source: 'smtp' | 'imap';

  @Column({ type: 'uuid', nullable: true })
  mailboxId: string | null;

  @ManyToOne(() => MailboxEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'mailbox_id', foreignKeyConstraintName: 'fk_email_messages_mailbox' })
  mailbox?: MailboxEntity;

  /** Keyed hash of the Message-ID, as in mail_receipts. */
  @Column({ type: 'bytea' })
  messageKey: Buffer;

  @Column({ type: 'varchar', length: 998, nullable: true })
  messageId: string | null;

  @Column({ type: 'varchar', length: 998, nullable: true })
  inReplyTo: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  references: string[];

  /** Normalised (trimmed, lower-case), like people.email. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  fromAddress: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  fromName: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  toAddresses: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  ccAddresses: string[];

  @Column({ type: 'varchar', length: 998, nullable: true })
  subject: string | null;

  /** The Date header, when it parsed. */
  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'text', nullable: true })
  quotedText: string | null;

  @Column({ type: 'text', nullable: true })
  signature: string | null;

  /** Attachments kept out by the upload checks: file name and reason, for the ticket to show. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  rejectedAttachments: { name: string; reason: string }[];

  @Column({ type: 'varchar', length: 64, nullable: true })
  rawBlobKey: string | null;

  @Column({ type: 'integer' })
  rawBytes: number;

  @Column({ type: 'timestamptz', nullable: true })
  rawExpiresAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
