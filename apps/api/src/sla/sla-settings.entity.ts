import type { SlaTargets } from '@hushdesk/ticketing';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/**
 * Business hours, bank holidays and SLA targets as an admin saved them: one row at most (id 1).
 * Without it the environment's values apply.
 */
@Entity('sla_settings')
@Check('ck_sla_settings_single_row', '"id" = 1')
export class SlaSettingsEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_sla_settings' })
  id: number;

  @Column({ type: 'varchar', length: 5 })
  openingTime: string;

  @Column({ type: 'varchar', length: 5 })
  closingTime: string;

  @Column({ type: 'smallint', array: true })
  workingDays: number[];

  @Column({ type: 'text', array: true })
  bankHolidays: string[];

  @Column({ type: 'jsonb' })
  targets: SlaTargets;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'fk_sla_settings_updated_by' })
  updatedBy?: UserEntity;
}
