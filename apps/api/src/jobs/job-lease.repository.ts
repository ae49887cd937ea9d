import { Injectable } from '@nestjs/common';
import { Client } from 'pg';
import type PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { SqlRepository } from '../database/sql-repository';

/** Every instance's lease connection is named this plus its worker id (≤ 63 characters in all). */
export const LEASE_APP = 'hushdesk-jobs ';

/** An open lease connection. */
export interface Lease {
  end(): Promise<void>;
}

/**
 * The job lease: each instance's named connection, and the statements on pg-boss's own tables
 * that mark a job with its worker and find jobs whose worker is gone. Those run on pg-boss's own
 * connections (`db`), as pg-boss's own statements do.
 */
@Injectable()
export class JobLeaseRepository extends SqlRepository {
  constructor(
    dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    super(dataSource);
  }

  /** Opens this worker's lease connection; `onDrop` is called if it fails or ends. */
  async open(workerId: string, onDrop: () => void): Promise<Lease> {
    const lease = new Client({
      connectionString: this.config.databaseUrl,
      application_name: `${LEASE_APP}${workerId}`,
    });
    lease.on('error', onDrop);
    lease.on('end', onDrop);
    await lease.connect();
    return lease;
  }

  /** Marks a job as this worker's, so another instance can tell when its worker is gone. */
  async markWorker(db: PgBoss.Db, name: string, id: string, workerId: string): Promise<void> {
    await db.executeSql(
      `UPDATE pgboss.job SET output = jsonb_build_object('worker', $3::text) WHERE name = $1 AND id = $2`,
      [name, id, workerId],
    );
  }

  /** Active jobs whose worker has no lease connection. */
  async withoutWorker(db: PgBoss.Db): Promise<{ name: string; id: string }[]> {
    const { rows } = (await db.executeSql(
      `SELECT name, id FROM pgboss.job
          WHERE state = 'active' AND output->>'worker' IS NOT NULL
            AND output->>'worker' NOT IN (
              SELECT substr(application_name, ${LEASE_APP.length + 1}) FROM pg_stat_activity
               WHERE application_name LIKE '${LEASE_APP}%')`,
      [],
    )) as { rows: { name: string; id: string }[] };
    return rows;
  }
}
