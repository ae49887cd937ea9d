import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The DPO's changes to one field's default policy (the defaults live in libs/privacy). */
@Entity('field_policy_overrides')
export class FieldPolicyOverrideEntity {
  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'pk_field_policy_overrides' })
  field: string;

  @Column({ type: 'jsonb' })
  patch: Record<string, unknown>;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
