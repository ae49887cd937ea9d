import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';
import type { RetentionCategory } from './retention-policy.entity';

export interface RetentionPolicyRow {
  category: string;
  days: number;
  updated_at: Date;
}

export interface RetentionRunRow {
  id: string;
  status: string;
  dry_run: boolean;
  report: unknown;
  created_at: Date;
  finished_at: Date | null;
}

/** Retention periods per category (`retention_policies`) and retention runs (`retention_runs`). */
@Injectable()
export class RetentionRepository extends SqlRepository {
  policies(): Promise<RetentionPolicyRow[]> {
    return this.query<RetentionPolicyRow>(
      'SELECT category, days, updated_at FROM retention_policies ORDER BY category',
    );
  }

  /** A category's period, locked until `tx` ends. */
  async lockPolicy(tx: Tx, category: string): Promise<number | undefined> {
    const [before] = await this.query<{ days: number }>(
      'SELECT days FROM retention_policies WHERE category = $1 FOR UPDATE',
      [category],
      tx,
    );
    return before?.days;
  }

  async savePolicy(tx: Tx, category: string, days: number, byId: string): Promise<void> {
    await this.query(
      `INSERT INTO retention_policies (category, days, updated_by_id, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (category) DO UPDATE SET days = EXCLUDED.days, updated_by_id = EXCLUDED.updated_by_id, updated_at = now()`,
      [category, days, byId],
      tx,
    );
  }

  /** A category's period in days; undefined when none is set. */
  async daysOf(category: RetentionCategory, tx?: Tx): Promise<number | undefined> {
    const [row] = await this.query<{ days: number }>(
      'SELECT days FROM retention_policies WHERE category = $1',
      [category],
      tx,
    );
    return row?.days;
  }

  /** The audit trail's period, with who set it and when. */
  async auditPolicy(): Promise<{ days: number; updated_by_id: string | null; updated_at: Date } | undefined> {
    const [row] = await this.query<{ days: number; updated_by_id: string | null; updated_at: Date }>(
      "SELECT days, updated_by_id, updated_at FROM retention_policies WHERE category = 'audit'",
    );
    return row;
  }

  async queueRun(dryRun: boolean, requestedById: string | null): Promise<string> {
    const [{ id }] = await this.query<{ id: string }>(
      `INSERT INTO retention_runs (dry_run, status, requested_by_id) VALUES ($1, 'queued', $2) RETURNING id`,
      [dryRun, requestedById],
    );
    return id;
  }

  async run(id: string): Promise<RetentionRunRow | undefined> {
    const [row] = await this.query<RetentionRunRow>(
      'SELECT id, status, dry_run, report, created_at, finished_at FROM retention_runs WHERE id = $1',
      [id],
    );
    return row;
  }

  async recentIds(limit: number): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      'SELECT id FROM retention_runs ORDER BY created_at DESC LIMIT $1',
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async isDryRun(id: string): Promise<boolean> {
    const [run] = await this.query<{ dry_run: boolean }>('SELECT dry_run FROM retention_runs WHERE id = $1', [
      id,
    ]);
    return run.dry_run;
  }

  async markRunning(id: string): Promise<void> {
    await this.query("UPDATE retention_runs SET status = 'running', started_at = now() WHERE id = $1", [id]);
  }

  async saveProgress(id: string, report: unknown): Promise<void> {
    await this.query('UPDATE retention_runs SET report = $2 WHERE id = $1', [id, report]);
  }

  async complete(tx: Tx, id: string, report: unknown): Promise<void> {
    await this.query(
      "UPDATE retention_runs SET status = 'completed', finished_at = now(), report = $2 WHERE id = $1",
      [id, report],
      tx,
    );
  }

  async fail(id: string, report: unknown): Promise<void> {
    await this.query(
      "UPDATE retention_runs SET status = 'failed', finished_at = now(), report = $2 WHERE id = $1",
      [id, report],
    );
  }
}
