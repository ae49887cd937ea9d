import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config';
import { JobLeaseRepository, type Lease } from './job-lease.repository';

export interface JobDefinition {
  name: string;
  /** Cron in Europe/London time; pg-boss runs each scheduled job once across all instances. */
  cron?: string;
  run(data: Record<string, unknown>): Promise<unknown>;
  /** How often an idle worker looks for this job (pg-boss default 2 s; at least 0.5 s). */
  pollingIntervalSeconds?: number;
}

/** How often active jobs are checked for a dead worker. */
const REAP_EVERY_MS = 10_000;

/**
 * Background jobs on pg-boss, in the same PostgreSQL (its own `pgboss` schema). Jobs survive
 * restarts and run once however many API instances are up; there is no in-process cron.
 *
 * A job whose process died mid-run (killed, crashed, lost its machine) is retried within about
 * 20 s. pg-boss 10 has no heartbeat: left alone, such a job stays `active` until its expiry (15
 * minutes by default, then up to 2 more for maintenance), and a shorter expiry would also cut off
 * long legitimate runs (a big retention purge), since pg-boss fails a handler that outlives it.
 * So each instance keeps a "lease" connection open under a name holding its worker id, and marks
 * each job it starts with that id; an active job whose worker has had no lease connection on two
 * checks in a row (a database restart drops every lease only briefly) is failed, which pg-boss
 * turns into a retry (retryLimit 2). The jobs are written to be re-run: each continues where a
 * killed run stopped.
 */
@Injectable()
export class JobScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private boss?: PgBoss;
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly workerId = randomUUID();
  private lease?: Lease;
  private reaper?: NodeJS.Timeout;
  /** Active jobs seen without a live worker on the last check. */
  private suspects = new Set<string>();
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
    await this.holdLease();
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
    this.reaper = setInterval(() => void this.reap(), REAP_EVERY_MS);
    this.reaper.unref();
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
    clearInterval(this.reaper);
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
    this.boss = undefined;
    await this.lease?.end().catch(() => undefined);
  }

  /** Opens the lease connection, and reopens it (every 2 s until it works) whenever it drops. */
  private async holdLease(): Promise<void> {
    if (this.stopped) return;
    let lease: Lease | undefined;
    let retried = false;
    const retry = () => {
      if (retried || this.stopped) return;
      retried = true;
      if (this.lease === lease) this.lease = undefined;
      setTimeout(() => void this.holdLease(), 2000).unref();
    };
    try {
      lease = await this.leases.open(this.workerId, retry);
      this.lease = lease;
    } catch {
      retry();
    }
  }

  /** Marks a job as this instance's, so another instance can tell when its worker is gone. */
  private async claim(boss: PgBoss, name: string, id: string): Promise<void> {
    await this.leases.markWorker(boss.getDb(), name, id, this.workerId).catch(() => undefined); // unmarked, the job falls back to pg-boss's own expiry
  }

  /** Fails (so pg-boss retries) active jobs whose worker has no lease connection any more. */
  private async reap(): Promise<void> {
    const boss = this.boss;
    if (!boss || this.stopped) return;
    try {
      const rows = await this.leases.withoutWorker(boss.getDb());
      const seen = new Set(rows.map((r) => r.id));
      const dead = rows.filter((r) => this.suspects.has(r.id));
      this.suspects = seen;
      for (const job of dead) {
        await boss.fail(job.name, job.id, { message: 'its worker stopped while running it' });
        this.suspects.delete(job.id);
        this.logger.warn(`job ${job.name} ${job.id} lost its worker; queued for a retry`);
      }
    } catch (e) {
      this.logger.warn(`could not check for abandoned jobs: ${(e as Error).message}`);
    }
  }
}
