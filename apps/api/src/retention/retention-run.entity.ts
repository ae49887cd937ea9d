import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One retention sweep, with its report: counts per category, ids affected, and what was skipped and why. */
@Entity('retention_runs')
@Check('ck_retention_runs_status', `"status" IN ('queued', 'running', 'completed', 'failed')`)
@Index('ix_retention_runs_created', ['createdAt'])
export class RetentionRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_retention_runs' })
  id: string;

  @Column({ type: 'boolean' })
  dryRun: boolean;

  @Column({ type: 'varchar', length: 10 })
  status: 'queued' | 'running' | 'completed' | 'failed';

  @Column({ type: 'uuid', nullable: true })
  requestedById: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  report: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
