import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The categories of data with a retention period, each swept by the retention engine. */
export const RETENTION_CATEGORIES = [
  'recordings',
  'raw_emails',
  'closed_tickets',
  'dsar_packages',
  'audit',
  'reply_drafts',
  'sla_warnings',
] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

/** The shortest audit retention there may be: one year (AUDIT_RETENTION_FLOOR_DAYS). */
export const AUDIT_RETENTION_FLOOR_DAYS = 365;

/**
 * One retention period per category of data, editable by the DPO (every change audited). The
 * database itself refuses an audit period under the floor, whoever writes it.
 */
@Entity('retention_policies')
@Check('ck_retention_policies_audit_floor', `"category" <> 'audit' OR "days" >= 365`)
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
