import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '../users/user.entity';

/** The ticket changes a macro makes when applied: the body of `PATCH /api/tickets/:id`. */
export interface MacroActions {
  status?: string;
  priority?: string;
  assigneeId?: string | null;
  groupId?: string | null;
  tags?: string[];
}

/**
 * A canned reply: text with placeholders, and ticket changes made when it is applied. A personal
 * macro has an owner and is seen by them alone; a shared one (no owner) is seen by all staff who
 * reply and edited by admins.
 */
@Entity('macros')
@Index('ix_macros_owner_title', ['ownerId', 'title'])
@Check('ck_macros_title', `length(title) BETWEEN 1 AND 120`)
export class MacroEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_macros' })
  id: string;

  /** Null for a shared macro. */
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_macros_owner' })
  owner?: UserEntity;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'jsonb' })
  actions: MacroActions;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
