import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import type { Role } from '@hushdesk/contracts';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { JobScheduler } from '../jobs/job-scheduler';
import { FieldRetentionSweep } from '../privacy/field-retention.sweep';
import { TicketEvents } from '../realtime/ticket-events';
import { BlobOutbox } from './blob-outbox';
import { ClosedTicketAnonymiser } from './closed-ticket-anonymiser';
import { AUDIT_RETENTION_FLOOR_DAYS } from './retention-policy.entity';

export const RETENTION_CATEGORIES = ['recordings', 'closed_tickets', 'dsar_packages', 'audit'] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

/**
 * Who may change a category's period, and its shortest. The audit trail is the DPO's proof of
 * accountability: only they change its period, never under a year.
 */
function limitsOf(category: string): { minDays: number; editableBy: Role[] } {
  return category === 'audit'
    ? { minDays: AUDIT_RETENTION_FLOOR_DAYS, editableBy: ['dpo'] }
    : { minDays: 1, editableBy: ['dpo', 'admin'] };
}

/** At most this many ids per category are listed in a report; the counts are always complete. */
const REPORT_IDS = 1000;

export interface RetentionReport {
  dryRun: boolean;
  startedAt: string;
  finishedAt?: string;
  recordings: {
    expired: number;
    deleted: number;
    ids: string[];
    skipped: { legalHold: number; openDsar: number };
    skippedIds: { id: string; why: 'legal_hold' | 'open_dsar' }[];
  };
  fields?: unknown;
  audit?: { olderThan: string; entries: number; retentionDays: number };
  closedTickets?: { closedBefore: string; anonymised: number; ids: string[] };
  dsarPackages?: { createdBefore: string; deleted: number };
  blobs: { deleted: number; failed: number };
  notYetSwept: string[];
}

/**
 * The one retention engine. Each run works in small batches, each its own transaction, so it is
 * idempotent and a killed run leaves nothing half-done: the next run continues where it stopped.
 * Records under legal hold, and every record of a person with an open DSAR, are frozen.
 */
@Injectable()
export class RetentionService implements OnModuleInit {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobScheduler,
    private readonly outbox: BlobOutbox,
    private readonly fields: FieldRetentionSweep,
    private readonly events: TicketEvents,
    private readonly config: AppConfig,
    private readonly anonymiser: ClosedTicketAnonymiser,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'retention-daily',
      cron: '41 2 * * *',
      run: async () => this.runNow(null, false),
    });
    this.jobs.register({ name: 'retention-run', run: async (data) => this.execute(String(data.runId)) });
  }

  async policies(): Promise<
    { category: string; days: number; updatedAt: string; minDays: number; editableBy: Role[] }[]
  > {
    const rows: { category: string; days: number; updated_at: Date }[] = await this.dataSource.query(
      'SELECT category, days, updated_at FROM retention_policies ORDER BY category',
    );
    return rows.map((r) => ({
      category: r.category,
      days: r.days,
      updatedAt: r.updated_at.toISOString(),
      ...limitsOf(r.category),
    }));
  }

  async updatePolicy(actor: Actor, category: string, days: number) {
    if (!(RETENTION_CATEGORIES as readonly string[]).includes(category)) {
      throw DomainError.invalidField('category', `must be one of: ${RETENTION_CATEGORIES.join(', ')}`);
    }
    const limits = limitsOf(category);
    if (!limits.editableBy.includes(actor.role)) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        'Only the Data Protection Officer may change how long the audit trail is kept',
      );
    }
    if (days < limits.minDays) {
      throw DomainError.invalidField(
        'days',
        `must be at least ${limits.minDays} days (one year): the audit trail is the proof of what was done`,
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const [before] = await manager.query(
        'SELECT days FROM retention_policies WHERE category = $1 FOR UPDATE',
        [category],
      );
      await manager.query(
        `INSERT INTO retention_policies (category, days, updated_by_id, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (category) DO UPDATE SET days = EXCLUDED.days, updated_by_id = EXCLUDED.updated_by_id, updated_at = now()`,
        [category, days, actor.userId],
      );
      if (category === 'recordings' && before && before.days !== days) {
        // Recordings carry their expiry; a new period applies to every one of them.
        await manager.query(`UPDATE recordings SET expires_at = started_at + make_interval(days => $1)`, [
          days,
        ]);
      }
      await this.audit.record(manager, {
        actor,
        action: 'retention.policy',
        target: { type: 'retention_policy', id: category },
        details: { from: before?.days ?? null, to: days },
      });
    });
    return (await this.policies()).find((p) => p.category === category);
  }

  /** Starts a run. A dry run is answered at once; a real run is queued and reports progress over socket.io. */
  async start(actor: Actor, dryRun: boolean): Promise<{ id: string; status: string; report: unknown }> {
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO retention_runs (dry_run, status, requested_by_id) VALUES ($1, 'queued', $2) RETURNING id`,
      [dryRun, actor.userId],
    );
    if (dryRun) {
      await this.execute(id);
    } else if (this.jobs.running) {
      // A pg-boss job: it survives a restart of this instance, and any instance may run it.
      await this.jobs.send('retention-run', { runId: id });
    } else {
      // Jobs are off in this process: run beside the request. A crash leaves the run 'running',
      // and the next run finishes the work.
      setImmediate(
        () =>
          void this.execute(id).catch((e: unknown) =>
            this.logger.error(`retention run failed: ${String(e)}`),
          ),
      );
    }
    return this.get(id);
  }

  async runNow(actor: Actor | null, dryRun: boolean): Promise<RetentionReport> {
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO retention_runs (dry_run, status, requested_by_id) VALUES ($1, 'queued', $2) RETURNING id`,
      [dryRun, actor?.userId ?? null],
    );
    return this.execute(id);
  }

  async get(id: string): Promise<{
    id: string;
    status: string;
    dryRun: boolean;
    report: unknown;
    createdAt: string;
    finishedAt: string | null;
  }> {
    const [row] = await this.dataSource.query(
      'SELECT id, status, dry_run, report, created_at, finished_at FROM retention_runs WHERE id = $1',
      [id],
    );
    if (!row) throw DomainError.notFound('Retention run');
    return {
      id: row.id,
      status: row.status,
      dryRun: row.dry_run,
      report: row.report,
      createdAt: row.created_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
    };
  }

  async recent(limit = 20) {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM retention_runs ORDER BY created_at DESC LIMIT $1',
      [limit],
    );
    return Promise.all(rows.map((r) => this.get(r.id)));
  }

  /** Expiries due per ISO week for the next `weeks` weeks, for the DPO's chart. */
  async forecast(weeks = 10): Promise<{ weekStart: string; recordings: number }[]> {
    const rows: { week: Date; n: number }[] = await this.dataSource.query(
      `SELECT date_trunc('week', expires_at) AS week, count(*)::int AS n FROM recordings
        WHERE expires_at < date_trunc('week', now()) + make_interval(weeks => $1) AND hold_at IS NULL
        GROUP BY 1 ORDER BY 1`,
      [weeks],
    );
    const start = new Date();
    start.setUTCHours(0, 0, 0, 0);
    start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
    return Array.from({ length: weeks }, (_, i) => {
      const week = new Date(start.getTime() + i * 7 * 86_400_000);
      const n = rows
        .filter((r) => (i === 0 ? r.week.getTime() <= week.getTime() : r.week.getTime() === week.getTime()))
        .reduce((a, r) => a + r.n, 0);
      return { weekStart: week.toISOString().slice(0, 10), recordings: n };
    });
  }

  async holds() {
    return this.dataSource.query(
      `SELECT id, started_at AS "startedAt", expires_at AS "expiresAt", hold_reason AS reason, hold_at AS "heldAt"
         FROM recordings WHERE hold_at IS NOT NULL ORDER BY hold_at DESC LIMIT 200`,
    );
  }

  async execute(runId: string, batchSize = 2000): Promise<RetentionReport> {
    const [run] = await this.dataSource.query('SELECT dry_run FROM retention_runs WHERE id = $1', [runId]);
    const dryRun: boolean = run.dry_run;
    const report: RetentionReport = {
      dryRun,
      startedAt: new Date().toISOString(),
      recordings: { expired: 0, deleted: 0, ids: [], skipped: { legalHold: 0, openDsar: 0 }, skippedIds: [] },
      blobs: { deleted: 0, failed: 0 },
      notYetSwept: [],
    };
    await this.dataSource.query(
      "UPDATE retention_runs SET status = 'running', started_at = now() WHERE id = $1",
      [runId],
    );
    try {
      // Finish deletions a crashed run left in the outbox before making new ones.
      if (!dryRun) report.blobs = await this.outbox.drain();
      await this.sweepRecordings(runId, report, dryRun, batchSize);
      report.fields = await this.fields.run(dryRun);
      const [ticketPolicy] = await this.dataSource.query(
        "SELECT days FROM retention_policies WHERE category = 'closed_tickets'",
      );
      const ticketCutoff = new Date(Date.now() - (ticketPolicy?.days ?? 2190) * 86_400_000);
      report.closedTickets = dryRun
        ? {
            closedBefore: ticketCutoff.toISOString(),
            anonymised: await this.anonymiser.count(ticketCutoff),
            ids: [],
          }
        : { closedBefore: ticketCutoff.toISOString(), ...(await this.anonymiser.run(ticketCutoff)) };
      report.dsarPackages = await this.sweepDsarPackages(dryRun);
      const [auditPolicy]: { days: number; updated_by_id: string | null; updated_at: Date }[] =
        await this.dataSource.query(
          "SELECT days, updated_by_id, updated_at FROM retention_policies WHERE category = 'audit'",
        );
      // The floor holds here too, whatever the row says (the database refuses less anyway).
      const retentionDays = Math.max(auditPolicy?.days ?? 2190, AUDIT_RETENTION_FLOOR_DAYS);
      const auditCutoff = new Date(Date.now() - retentionDays * 86_400_000);
      report.audit = {
        olderThan: auditCutoff.toISOString(),
        retentionDays,
        entries: dryRun
          ? await this.audit.countOlderThan(auditCutoff)
          : await this.audit.expire(auditCutoff, {
              retentionDays,
              setById: auditPolicy?.updated_by_id ?? null,
              setAt: auditPolicy?.updated_at ?? null,
            }),
      };
      if (!dryRun) {
        const more = await this.outbox.drain();
        report.blobs = {
          deleted: report.blobs.deleted + more.deleted,
          failed: report.blobs.failed + more.failed,
        };
      }
      report.finishedAt = new Date().toISOString();
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          "UPDATE retention_runs SET status = 'completed', finished_at = now(), report = $2 WHERE id = $1",
          [runId, report],
        );
        if (!dryRun) {
          await this.audit.record(manager, {
            actor: null,
            action: 'retention.run',
            target: { type: 'retention_run', id: runId },
            details: {
              recordings: report.recordings.deleted,
              skipped: report.recordings.skipped,
              blobs: report.blobs.deleted,
            },
          });
        }
      });
      this.events.retentionProgress({ runId, status: 'completed', deleted: report.recordings.deleted });
      return report;
    } catch (e) {
      await this.dataSource.query(
        "UPDATE retention_runs SET status = 'failed', finished_at = now(), report = $2 WHERE id = $1",
        [runId, report],
      );
      throw e;
    }
  }

  /** Answer packages sent to requesters go 30 days (by policy) after they were built. */
  private async sweepDsarPackages(dryRun: boolean): Promise<{ createdBefore: string; deleted: number }> {
    const [policy] = await this.dataSource.query(
      "SELECT days FROM retention_policies WHERE category = 'dsar_packages'",
    );
    const cutoff = new Date(Date.now() - (policy?.days ?? 30) * 86_400_000);
    if (dryRun) {
      const [{ n }] = await this.dataSource.query(
        'SELECT count(*)::int AS n FROM dsar_releases WHERE created_at < $1 AND blob_key IS NOT NULL',
        [cutoff],
      );
      return { createdBefore: cutoff.toISOString(), deleted: n };
    }
    const [rows] = await this.dataSource.query(
      `WITH doomed AS (
         SELECT id, blob_key FROM dsar_releases WHERE created_at < $1 AND blob_key IS NOT NULL FOR UPDATE SKIP LOCKED
       ), queued AS (
         INSERT INTO blob_deletions (blob_key) SELECT blob_key FROM doomed ON CONFLICT DO NOTHING
       )
       UPDATE dsar_releases r SET blob_key = NULL FROM doomed WHERE r.id = doomed.id RETURNING r.id`,
      [cutoff],
    );
    return { createdBefore: cutoff.toISOString(), deleted: (rows as unknown[]).length };
  }

  private async sweepRecordings(
    runId: string,
    report: RetentionReport,
    dryRun: boolean,
    batchSize: number,
  ): Promise<void> {
    const r = report.recordings;
    const [frozen]: { hold: number; dsar: number }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE r.hold_at IS NOT NULL)::int AS hold,
              count(*) FILTER (WHERE r.hold_at IS NULL AND d.open)::int AS dsar
         FROM recordings r
         LEFT JOIN LATERAL (SELECT true AS open FROM dsar_requests d
                             WHERE d.subject_person_id = r.person_id AND d.closed_at IS NULL LIMIT 1) d ON true
        WHERE r.expires_at <= now()`,
    );
    r.skipped = { legalHold: frozen.hold, openDsar: frozen.dsar };
    r.skippedIds = await this.dataSource.query(
      `SELECT r.id, CASE WHEN r.hold_at IS NOT NULL THEN 'legal_hold' ELSE 'open_dsar' END AS why
         FROM recordings r
        WHERE r.expires_at <= now()
          AND (r.hold_at IS NOT NULL OR EXISTS (SELECT 1 FROM dsar_requests d
                                                 WHERE d.subject_person_id = r.person_id AND d.closed_at IS NULL))
        LIMIT ${REPORT_IDS}`,
    );
    const eligible = `r.expires_at <= now() AND r.hold_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM dsar_requests d WHERE d.subject_person_id = r.person_id AND d.closed_at IS NULL)`;
    if (dryRun) {
      const [{ n }] = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM recordings r WHERE ${eligible}`,
      );
      r.expired = n;
      r.ids = (
        await this.dataSource.query(
          `SELECT r.id FROM recordings r WHERE ${eligible} ORDER BY r.expires_at LIMIT ${REPORT_IDS}`,
        )
      ).map((x: { id: string }) => x.id);
      return;
    }
    // A connection of its own, outside the request pool: the sweep never queues behind requests,
    // and requests never wait for the sweep.
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'hushdesk-retention',
    });
    // A dropped connection (the database restarting) fails the query in hand, which fails the run
    // for a retry; unlistened, the client's 'error' event would instead take the whole API down.
    client.on('error', () => undefined);
    await client.connect();
    try {
      for (;;) {
        // One statement per batch: choose, queue the audio in the outbox, count the call in the
        // anonymous statistics, drop its index entries and delete it, all in one transaction.
        const { rows } = await client.query<{ id: string }>(
          `WITH doomed AS (
           SELECT r.id, r.audio_blob_key, r.started_at, r.direction, r.duration_seconds FROM recordings r
            WHERE ${eligible} ORDER BY r.expires_at LIMIT $1 FOR UPDATE SKIP LOCKED
         ), outbox AS (
           INSERT INTO blob_deletions (blob_key)
           SELECT audio_blob_key FROM doomed WHERE audio_blob_key IS NOT NULL ON CONFLICT DO NOTHING
         ), stats AS (
           INSERT INTO call_statistics (day, direction, calls, total_seconds)
           SELECT started_at::date, direction, count(*), sum(duration_seconds) FROM doomed GROUP BY 1, 2
           ON CONFLICT (day, direction) DO UPDATE
             SET calls = call_statistics.calls + EXCLUDED.calls,
                 total_seconds = call_statistics.total_seconds + EXCLUDED.total_seconds
         ), mentions AS (
           DELETE FROM identifier_mentions WHERE source_type = 'recording' AND source_id IN (SELECT id FROM doomed)
         )
         DELETE FROM recordings WHERE id IN (SELECT id FROM doomed) RETURNING id`,
          [batchSize],
        );
        const ids = rows.map((x) => x.id);
        if (!ids.length) break;
        r.deleted += ids.length;
        r.expired += ids.length;
        if (r.ids.length < REPORT_IDS) r.ids.push(...ids.slice(0, REPORT_IDS - r.ids.length));
        await this.dataSource.query('UPDATE retention_runs SET report = $2 WHERE id = $1', [runId, report]);
        this.events.retentionProgress({ runId, status: 'running', deleted: r.deleted });
        if (ids.length < batchSize) break;
      }
    } finally {
      await client.end();
    }
  }
}
