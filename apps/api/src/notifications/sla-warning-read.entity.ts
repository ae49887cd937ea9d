import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { SlaWarningEntity } from './sla-warning.entity';

/**
 * One staff member has seen one SLA warning, so it shows as read on every device. It is about that
 * person (when they read it), so it goes with the warning or the account, and their erasure deletes it.
 */
@Entity('sla_warning_reads')
@Index('ix_sla_warning_reads_user', ['userId'])
export class SlaWarningReadEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_sla_warning_reads' })
  warningId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_sla_warning_reads' })
  userId: string;

  @ManyToOne(() => SlaWarningEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'warning_id', foreignKeyConstraintName: 'fk_sla_warning_reads_warning' })
  warning?: SlaWarningEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sla_warning_reads_user' })
  user?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  readAt: Date;
}
