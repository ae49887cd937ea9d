import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Where the audit chain now starts after entries past their retention (6 years) were removed:
 * the last removed entry's sequence and hash. Only a prefix of the chain is ever removed, so
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
