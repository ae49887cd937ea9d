import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One retention period per category of data, editable by the DPO (every change audited). */
@Entity('retention_policies')
export class RetentionPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 30, primaryKeyConstraintName: 'pk_retention_policies' })
  category: string;

  @Column({ type: 'integer' })
  days: number;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
