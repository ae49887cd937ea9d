import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { TicketEntity } from './ticket.entity';

/** One change to a ticket's status, priority, assignee, group or tags: who, when, from, to. */
@Entity('ticket_history')
@Index('ix_ticket_history_ticket_at', ['ticketId', 'at'])
export class TicketHistoryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_ticket_history' })
  id: string;

  @Column({ type: 'uuid' })
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_history_ticket' })
  ticket?: TicketEntity;

  /** Null when the system made the change (e.g. closing a resolved ticket after 7 days). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_ticket_history_actor' })
  actor?: UserEntity;

  @Column({ type: 'varchar', length: 20 })
  field: 'status' | 'priority' | 'assignee' | 'group' | 'tags' | 'merged_into' | 'merged_from';

  @Column({ type: 'text', nullable: true })
  fromValue: string | null;

  @Column({ type: 'text', nullable: true })
  toValue: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** Set when a merge moved this entry here from another ticket; such entries are never undone here. */
  @Column({ type: 'uuid', nullable: true })
  mergedFromTicketId: string | null;
}
