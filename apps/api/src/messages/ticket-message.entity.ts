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
import { TicketEntity } from '../tickets/ticket.entity';
import { UserEntity } from '../users/user.entity';

/**
 * A public reply or an internal note. There is no edit: the only later change is a DPO redaction,
 * made in place, so no older copy of the text survives anywhere.
 */
@Entity('ticket_messages')
@Check('ck_ticket_messages_visibility', `"visibility" IN ('public', 'internal')`)
@Check('ck_ticket_messages_channel', `"channel" IN ('portal', 'email')`)
@Index('ix_ticket_messages_ticket_created', ['ticketId', 'createdAt'])
// A DSAR finds every message a person wrote.
@Index('ix_ticket_messages_author', ['authorId', 'createdAt'])
@Index('ix_ticket_messages_search', { synchronize: false })
@Index('ix_ticket_messages_merged_from', ['mergedFromTicketId'], {
  where: '"merged_from_ticket_id" IS NOT NULL',
})
export class TicketMessageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ticket_messages' })
  id: string;

  @Column({ type: 'uuid' })
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_messages_ticket' })
  ticket?: TicketEntity;

  /**
   * The ticket this row was on before a merge moved it here (the first one, across merges): a DSAR
   * and an erasure of that ticket's requester still reach it.
   */
  @Column({ type: 'uuid', nullable: true })
  mergedFromTicketId: string | null;

  @ManyToOne(() => TicketEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'merged_from_ticket_id', foreignKeyConstraintName: 'fk_ticket_messages_merged_from' })
  mergedFromTicket?: TicketEntity;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_ticket_messages_author' })
  author?: UserEntity;

  @Column({ type: 'varchar', length: 10 })
  visibility: 'public' | 'internal';

  @Column({ type: 'text' })
  body: string;

  /** Written in the app (`portal`, the console included) or received as a mail (see email_messages). */
  @Column({ type: 'varchar', length: 10, default: 'portal' })
  channel: 'portal' | 'email';

  /** The body as full-text search reads it, kept by PostgreSQL (ix_ticket_messages_search). */
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `to_tsvector('english', "body")`,
    select: false,
    insert: false,
    update: false,
  })
  searchVector?: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
