import { Check, Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TicketEntity } from '../tickets/ticket.entity';
import { UserEntity } from '../users/user.entity';

/**
 * An engineer's unsent reply or note on one ticket, kept while they work elsewhere so it follows
 * them between devices. Personal data: it goes after the `reply_drafts` retention period from its
 * last save, with the engineer's account or the ticket, and DSAR collection and erasure reach it.
 */
@Entity('reply_drafts')
@Index('ix_reply_drafts_ticket', ['ticketId'])
@Index('uq_reply_drafts_id', ['id'], { unique: true })
@Index('ix_reply_drafts_saved_at', ['savedAt'])
@Check('ck_reply_drafts_visibility', `"visibility" IN ('public', 'internal')`)
export class ReplyDraftEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_reply_drafts' })
  userId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_reply_drafts' })
  ticketId: string;

  /** The draft's own id, as a DSAR item names it; kept when the draft is saved again. */
  @Column({ type: 'uuid' })
  @Generated('uuid')
  id: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_reply_drafts_user' })
  user?: UserEntity;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_reply_drafts_ticket' })
  ticket?: TicketEntity;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 10 })
  visibility: 'public' | 'internal';

  @Column({ type: 'timestamptz', default: () => 'now()' })
  savedAt: Date;
}
