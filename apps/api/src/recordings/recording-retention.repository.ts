import { Injectable } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { SqlRepository } from '../database/sql-repository';

/** Expired, not held, and not a person's with an open data-subject request (alias r). */
const ELIGIBLE = `r.expires_at <= now() AND r.hold_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM dsar_requests d WHERE d.subject_person_id = r.person_id AND d.closed_at IS NULL)`;

/** A sweep's own connection: deletes expired recordings batch by batch. */
export interface RecordingSweep {
  /** Deletes up to `batchSize` expired recordings; their ids. */
  deleteBatch(batchSize: number): Promise<string[]>;
  end(): Promise<void>;
}

/** Retention of call recordings: what is due, what is frozen, and the deletion itself. */
@Injectable()
export class RecordingRetentionRepository extends SqlRepository {
  constructor(
    dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    super(dataSource);
  }

  /** Expired recordings kept by a legal hold, or by their person's open data-subject request. */
  async frozenCounts(): Promise<{ hold: number; dsar: number }> {
    const [frozen] = await this.query<{ hold: number; dsar: number }>(
      `SELECT count(*) FILTER (WHERE r.hold_at IS NOT NULL)::int AS hold,
              count(*) FILTER (WHERE r.hold_at IS NULL AND d.open)::int AS dsar
         FROM recordings r
         LEFT JOIN LATERAL (SELECT true AS open FROM dsar_requests d
                             WHERE d.subject_person_id = r.person_id AND d.closed_at IS NULL LIMIT 1) d ON true
        WHERE r.expires_at <= now()`,
    );
    return frozen;
  }

  frozenIds(limit: number): Promise<{ id: string; why: 'legal_hold' | 'open_dsar' }[]> {
    return this.query<{ id: string; why: 'legal_hold' | 'open_dsar' }>(
      `SELECT r.id, CASE WHEN r.hold_at IS NOT NULL THEN 'legal_hold' ELSE 'open_dsar' END AS why
         FROM recordings r
        WHERE r.expires_at <= now()
          AND (r.hold_at IS NOT NULL OR EXISTS (SELECT 1 FROM dsar_requests d
                                                 WHERE d.subject_person_id = r.person_id AND d.closed_at IS NULL))
        LIMIT ${limit}`,
    );
  }

  async countEligible(): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM recordings r WHERE ${ELIGIBLE}`,
    );
    return n;
  }

  async eligibleIds(limit: number): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT r.id FROM recordings r WHERE ${ELIGIBLE} ORDER BY r.expires_at LIMIT ${limit}`,
    );
    return rows.map((x) => x.id);
  }

  /**
   * A connection of its own, outside the request pool: the sweep never queues behind requests,
   * and requests never wait for the sweep.
   */
  async openSweep(): Promise<RecordingSweep> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'hushdesk-retention',
    });
    // A dropped connection (the database restarting) fails the query in hand, which fails the run
    // for a retry; unlistened, the client's 'error' event would instead take the whole API down.
    client.on('error', () => undefined);
    await client.connect();
    return {
      deleteBatch: async (batchSize) => {
        // One statement per batch: choose, queue the audio in the outbox, count the call in the
        // anonymous statistics, drop its index entries and delete it, all in one transaction.
        const { rows } = await client.query<{ id: string }>(
          `WITH doomed AS (
           SELECT r.id, r.audio_blob_key, r.started_at, r.direction, r.duration_seconds FROM recordings r
            WHERE ${ELIGIBLE} ORDER BY r.expires_at LIMIT $1 FOR UPDATE SKIP LOCKED
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
        return rows.map((x) => x.id);
      },
      end: () => client.end(),
    };
  }
}
