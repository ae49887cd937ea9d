import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/**
 * One bulk change to many tickets, kept so that its author can undo it as one (its history rows
 * share its actor and instant). Only useful for the undo window; older rows are pruned.
 */
@Entity('ticket_bulk_changes')
export class TicketBulkChangeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ticket_bulk_changes' })
  id: string;

  @Column({ type: 'uuid' })
  actorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_ticket_bulk_changes_actor' })
  actor?: UserEntity;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** The tickets it changed. */
  @Column({ type: 'uuid', array: true })
  ticketIds: string[];

  @Column({ type: 'timestamptz', nullable: true })
  undoneAt: Date | null;
}
