import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config';

export interface JobDefinition {
  name: string;
  /** Cron in Europe/London time; pg-boss runs each scheduled job once across all instances. */
  cron?: string;
  run(data: Record<string, unknown>): Promise<unknown>;
  /** How often an idle worker looks for this job (pg-boss default 2 s; at least 0.5 s). */
  pollingIntervalSeconds?: number;
}

/**
 * Background jobs on pg-boss, in the same PostgreSQL (its own `pgboss` schema). Jobs survive
 * restarts and run once however many API instances are up; there is no in-process cron.
 */
@Injectable()
export class JobScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private boss?: PgBoss;
  private readonly jobs = new Map<string, JobDefinition>();

  constructor(private readonly config: AppConfig) {}

  register(job: JobDefinition): void {
    this.jobs.set(job.name, job);
  }

  async start(): Promise<void> {
    if (!this.config.jobsEnabled || this.boss) return;
    const boss = new PgBoss({
      connectionString: this.config.databaseUrl,
      schema: 'pgboss',
      max: 2,
      application_name: 'hushdesk-jobs',
    });
    boss.on('error', (e: Error) => this.logger.error(`job system error: ${e.message}`));
    await boss.start();
    for (const job of this.jobs.values()) {
      await boss.createQueue(job.name);
      if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'Europe/London' });
      const options = { pollingIntervalSeconds: job.pollingIntervalSeconds ?? 2 };
      await boss.work<Record<string, unknown>>(job.name, options, async ([queued]) => {
        const result = await job.run(queued?.data ?? {});
        this.logger.log(`job ${job.name} done: ${JSON.stringify(result)}`);
      });
    }
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
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
    this.boss = undefined;
  }
}
