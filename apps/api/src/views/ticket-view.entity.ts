import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Priority, TicketStatus } from '@hushdesk/ticketing';
import { UserEntity } from '../users/user.entity';

/** The queue filters a view saves: ids and constants only, never search text (it may name a person). */
export interface ViewFilters {
  status?: TicketStatus;
  priority?: Priority;
  assigneeId?: string;
  groupId?: string;
  sla?: 'at_risk' | 'breached';
}

/**
 * A saved queue filter: personal (its owner's alone) or shared with every member of staff (an
 * admin's choice; `owner_id` is null).
 */
@Entity('ticket_views')
@Index('ix_ticket_views_owner', ['ownerId'])
export class TicketViewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ticket_views' })
  id: string;

  /** Null for a shared view. */
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_ticket_views_owner' })
  owner?: UserEntity;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'jsonb' })
  filters: ViewFilters;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
