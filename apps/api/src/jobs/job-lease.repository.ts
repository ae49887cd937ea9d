import { Injectable } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import { SqlRepository } from '../database/sql-repository';

/**
 * The job lease: each instance's heartbeat in `job_workers`, and the statements on pg-boss's own
 * tables that mark a job with its worker and find jobs whose worker has gone quiet. They run on
 * pg-boss's own connections (`db`), as pg-boss's own statements do, so a busy request pool never
 * delays a heartbeat.
 *
 * Nothing here depends on the server's sessions (pg_stat_activity, application_name, a held
 * connection or advisory lock): behind a pooler a dead process's server connection stays open and
 * is handed to someone else, and a live process's idle client may hold no server connection.
 */
@Injectable()
export class JobLeaseRepository extends SqlRepository {
  /** Records that this worker is alive, by the database's clock. */
  async beat(db: PgBoss.Db, workerId: string): Promise<void> {
    await db.executeSql(
      `INSERT INTO job_workers (worker_id, seen_at) VALUES ($1, now())
       ON CONFLICT (worker_id) DO UPDATE SET seen_at = now()`,
      [workerId],
    );
  }

  /** Marks a job as this worker's, so another instance can tell when its worker is gone. */
  async markWorker(db: PgBoss.Db, name: string, id: string, workerId: string): Promise<void> {
    await db.executeSql(
      `UPDATE pgboss.job SET output = jsonb_build_object('worker', $3::text) WHERE name = $1 AND id = $2`,
      [name, id, workerId],
    );
  }

  /** Active jobs whose worker (other than `self`) has not beaten for `leaseSeconds`. */
  async withoutWorker(
    db: PgBoss.Db,
    self: string,
    leaseSeconds: number,
  ): Promise<{ name: string; id: string }[]> {
    const { rows } = (await db.executeSql(
      `SELECT j.name, j.id FROM pgboss.job j
        WHERE j.state = 'active' AND j.output->>'worker' IS NOT NULL AND j.output->>'worker' <> $1
          AND NOT EXISTS (SELECT 1 FROM job_workers w
                           WHERE w.worker_id::text = j.output->>'worker'
                             AND w.seen_at > now() - make_interval(secs => $2))`,
      [self, leaseSeconds],
    )) as { rows: { name: string; id: string }[] };
    return rows;
  }

  /** Forgets workers silent for a day: their jobs were retried long ago. */
  async forgetSilent(db: PgBoss.Db): Promise<void> {
    await db.executeSql(`DELETE FROM job_workers WHERE seen_at < now() - interval '1 day'`, []);
  }
}
