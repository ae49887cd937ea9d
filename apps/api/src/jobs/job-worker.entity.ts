import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Each API instance running jobs, and when it last said it was alive. The job lease reads this
 * instead of the server's sessions, so it holds behind a connection pooler, whose pooled sessions
 * outlive (or are shared between) the processes that used them.
 */
@Entity('job_workers')
export class JobWorkerEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_job_workers' })
  workerId: string;

  /** The database's clock, so hosts' clocks never disagree about who is alive. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  seenAt: Date;
}
