import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config';
import { JobLeaseRepository } from './job-lease.repository';

export interface JobDefinition {
  name: string;
  /** Cron in Europe/London time; pg-boss runs each scheduled job once across all instances. */
  cron?: string;
  run(data: Record<string, unknown>): Promise<unknown>;
  /** How often an idle worker looks for this job (pg-boss default 2 s; at least 0.5 s). */
  pollingIntervalSeconds?: number;
}

/**
 * A job whose process died mid-run (killed, crashed, lost its machine or its network) is retried
 * within about `JOB_LEASE_SECONDS` (20) plus one beat. pg-boss 10 has no heartbeat: left alone,
 * such a job stays `active` until its expiry (15 minutes by default, then up to 2 more for
 * maintenance), and a shorter expiry would also cut off long legitimate runs (a big retention
 * purge), since pg-boss fails a handler that outlives it. So each instance writes a heartbeat row
 * every quarter lease and marks each job it starts with its worker id; an active job whose worker
 * has not beaten for a whole lease is failed, which pg-boss turns into a retry (retryLimit 2). The
 * jobs are written to be re-run: each continues where a killed run stopped.
 *
 * The lease is a row, not a session (see JobLeaseRepository), so it holds behind PgBouncer. An
 * instance judges others only after two beats of its own in a row went through: after a database
 * outage every heartbeat is old, and the others need one beat to catch up.
 */
@Injectable()
export class JobScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private boss?: PgBoss;
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly workerId = randomUUID();
  private heart?: NodeJS.Timeout;
  /** Whether this instance's last beat reached the database. */
  private lastBeatOk = false;
  /** A tick still running (a slow database) makes the next one wait its turn. */
  private ticking = false;
  private beats = 0;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly leases: JobLeaseRepository,
  ) {}

  register(job: JobDefinition): void {
    this.jobs.set(job.name, job);
  }

  async start(): Promise<void> {
    if (!this.config.jobsEnabled || this.boss) return;
    if (this.config.worker?.lead === false) return this.startQueueOnly();
    const boss = new PgBoss({
      connectionString: this.config.databaseUrl,
      schema: 'pgboss',
      max: 2,
      application_name: 'hushdesk-jobs',
    });
    boss.on('error', (e: Error) => this.logger.error(`job system error: ${e.message}`));
    await boss.start();
    await this.leases.beat(boss.getDb(), this.workerId); // alive before taking any job
    this.lastBeatOk = true;
    for (const job of this.jobs.values()) {
      await boss.createQueue(job.name);
      if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'Europe/London' });
      const options = { pollingIntervalSeconds: job.pollingIntervalSeconds ?? 2 };
      await boss.work<Record<string, unknown>>(job.name, options, async ([queued]) => {
        if (queued) await this.claim(boss, job.name, queued.id);
        const result = await job.run(queued?.data ?? {});
        this.logger.log(`job ${job.name} done: ${JSON.stringify(result)}`);
      });
    }
    this.boss = boss;
    const every = Math.max(1000, (this.config.jobLeaseSeconds * 1000) / 4);
    this.heart = setInterval(() => void this.tick(), every);
    this.heart.unref();
  }

  /**
   * A worker beside the host's lead (API_WORKERS): it queues jobs for the lead (or another host)
   * to run, but runs none, keeps no schedule and does no maintenance, so the jobs and their polling
   * stay once per host.
   */
  private async startQueueOnly(): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.config.databaseUrl,
      schema: 'pgboss',
      max: 1,
      application_name: 'hushdesk-jobs-queue',
      supervise: false,
      schedule: false,
      migrate: false,
    });
    boss.on('error', (e: Error) => this.logger.error(`job system error: ${e.message}`));
    await boss.start();
    this.boss = boss;
  }

  get running(): boolean {
    return this.boss !== undefined;
  }

  /** Queues a job now, e.g. on demand from an API call; any instance running jobs picks it up. */
  async send(name: string, data: Record<string, unknown>): Promise<string | null> {
    if (!this.boss) throw new Error('jobs are not running in this process');
    return this.boss.send(name, data);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heart);
    // pg-boss fails (so retries) whatever still runs after the grace period; the heartbeat row
    // just ages, and goes after a day.
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
    this.boss = undefined;
  }

  /** Marks a job as this instance's, so another instance can tell when its worker is gone. */
  private async claim(boss: PgBoss, name: string, id: string): Promise<void> {
    await this.leases.markWorker(boss.getDb(), name, id, this.workerId).catch(() => undefined); // unmarked, the job falls back to pg-boss's own expiry
  }

  /** One heartbeat; then, if this instance's beats go through, the check for abandoned jobs. */
  private async tick(): Promise<void> {
    const boss = this.boss;
    if (!boss || this.stopped || this.ticking) return;
    this.ticking = true;
    try {
      const steady = this.lastBeatOk;
      try {
        await this.leases.beat(boss.getDb(), this.workerId);
        this.lastBeatOk = true;
      } catch (e) {
        this.lastBeatOk = false;
        this.logger.warn(`job heartbeat failed: ${(e as Error).message}`);
        return;
      }
      if (steady) await this.reap(boss);
    } finally {
      this.ticking = false;
    }
  }

  /** Fails (so pg-boss retries) active jobs whose worker has not beaten for a whole lease. */
  private async reap(boss: PgBoss): Promise<void> {
    try {
      const db = boss.getDb();
      const dead = await this.leases.withoutWorker(db, this.workerId, this.config.jobLeaseSeconds);
      for (const job of dead) {
        await boss.fail(job.name, job.id, { message: 'its worker stopped while running it' });
        this.logger.warn(`job ${job.name} ${job.id} lost its worker; queued for a retry`);
      }
      if (++this.beats % 1000 === 0) await this.leases.forgetSilent(db);
    } catch (e) {
      this.logger.warn(`could not check for abandoned jobs: ${(e as Error).message}`);
    }
  }
}
