import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Where the audit chain now starts after entries past their retention (6 years) were removed:
 * the last removed entry's sequence and hash, and the policy that made them go. Only a prefix of the chain is ever removed, so
 * verification starts from the newest checkpoint and the chain stays provable.
 */
@Entity('audit_checkpoints')
export class AuditCheckpointEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_audit_checkpoints' })
  id: string;

  @Column({ type: 'bigint' })
  upToSeq: string;

  @Column({ type: 'char', length: 64 })
  lastHash: string;

  @Column({ type: 'integer' })
  entriesRemoved: number;

  /** The expiry's cut-off: entries written before it were past retention. Null before this was kept. */
  @Column({ type: 'timestamptz', nullable: true })
  olderThan: Date | null;

  /** The audit retention in force when the entries went, and who set it when (null: the default). */
  @Column({ type: 'integer', nullable: true })
  retentionDays: number | null;

  @Column({ type: 'uuid', nullable: true })
  policySetById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  policySetAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
