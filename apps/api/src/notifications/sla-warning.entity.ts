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
import { TicketGroupEntity } from '../groups/ticket-group.entity';
import { TicketEntity } from '../tickets/ticket.entity';
import { UserEntity } from '../users/user.entity';

/**
 * An SLA warning sent in the app: a ticket's running clock reached its at-risk point or its
 * deadline. The unique key makes each warning once-only, however often (and on however many
 * hosts) the job runs. It holds ids and times only.
 */
@Entity('sla_warnings')
@Check('ck_sla_warnings_clock', `"clock" IN ('firstResponse', 'resolution')`)
@Check('ck_sla_warnings_kind', `"kind" IN ('atRisk', 'breached')`)
@Index('uq_sla_warnings_once', ['ticketId', 'clock', 'kind', 'dueAt'], { unique: true })
@Index('ix_sla_warnings_assignee_created', ['assigneeId', 'createdAt'])
@Index('ix_sla_warnings_group_created', ['groupId', 'createdAt'])
@Index('ix_sla_warnings_created', ['createdAt'])
export class SlaWarningEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_sla_warnings' })
  id: string;

  @Column({ type: 'uuid' })
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_sla_warnings_ticket' })
  ticket?: TicketEntity;

  @Column({ type: 'varchar', length: 20 })
  clock: string;

  @Column({ type: 'varchar', length: 20 })
  kind: string;

  /** The deadline the warning is about (for `atRisk` too). */
  @Column({ type: 'timestamptz' })
  dueAt: Date;

  /** The ticket's assignee when it was sent, who was warned. */
  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_sla_warnings_assignee' })
  assignee?: UserEntity;

  /** The ticket's group when it was sent: its members are warned. */
  @Column({ type: 'uuid', nullable: true })
  groupId: string | null;

  @ManyToOne(() => TicketGroupEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_sla_warnings_group' })
  group?: TicketGroupEntity;

  /**
   * The ticket had no assignee and its group no members when it was sent, so every engineer was
   * warned. Fixed then, so later changes to the group do not hide the warning from them.
   */
  @Column({ type: 'boolean', default: false })
  toAllEngineers: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
