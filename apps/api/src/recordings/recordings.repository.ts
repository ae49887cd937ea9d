import { Injectable } from '@nestjs/common';
import { SqlParams } from '../database/sql-params';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

export interface RecordingRow {
  id: string;
  caller_number: string;
  direction: string;
  started_at: Date;
  duration_seconds: number;
  agent_id: string | null;
  ticket_id: string | null;
  person_id: string | null;
  person_match: string;
  notes: string | null;
  audio_blob_key: string | null;
  audio_content_type: string | null;
  audio_size_bytes: number | null;
  expires_at: Date;
  hold_reason: string | null;
  hold_by_id: string | null;
  hold_at: Date | null;
}

export const RECORDING_COLUMNS = `id, caller_number, direction, started_at, duration_seconds, agent_id, ticket_id, person_id, person_match,
  notes, audio_blob_key, audio_content_type, audio_size_bytes, expires_at, hold_reason, hold_by_id, hold_at`;

/** The recordings columns, read through the `r` alias beside the joined ticket. */
const R_COLUMNS = RECORDING_COLUMNS.split(',')
  .map((column) => `r.${column.trim()}`)
  .join(', ');
/** The helpdesk's days are London days: "calls on 3 March" means 3 March there. */
const ZONE = 'Europe/London';

/** A recording as inserted, its person match and expiry decided. */
export interface RecordingInsert {
  callerNumber: string;
  direction: string;
  startedAt: Date;
  durationSeconds: number;
  agentId: string | null;
  ticketId: string | null;
  personId: string | null;
  personMatch: string;
  notes: string | null;
  expiresAt: Date;
  importKey: string | null;
}

/** What a DPO's call search filters by (all given ones at once). */
export interface RecordingSearchFilter {
  callerNumber?: string;
  ticketId?: string;
  personId?: string;
  /** Only links given by whoever logged the call, not number matches. */
  givenOnly?: boolean;
  fromDay?: string;
  toDay?: string;
  after?: [string | number, string | number];
  limit: number;
}

/** Call recordings (`recordings`). */
@Injectable()
export class RecordingsRepository extends SqlRepository {
  /** The new recording's id, or null when its import key was imported before. */
  async insert(tx: Tx, r: RecordingInsert): Promise<string | null> {
    const rows = await this.query<{ id: string }>(
      `INSERT INTO recordings (caller_number, direction, started_at, duration_seconds, agent_id, ticket_id, person_id,
         person_match, notes, expires_at, import_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (import_key) DO NOTHING RETURNING id`,
      [
        r.callerNumber,
        r.direction,
        r.startedAt,
        r.durationSeconds,
        r.agentId,
        r.ticketId,
        r.personId,
        r.personMatch,
        r.notes,
        r.expiresAt,
        r.importKey,
      ],
      tx,
    );
    return rows[0]?.id ?? null;
  }

  async get(id: string): Promise<RecordingRow | undefined> {
    const [row] = await this.query<RecordingRow>(
      `SELECT ${RECORDING_COLUMNS} FROM recordings WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** Newest first, one more than `limit` (to tell whether there is a next page). */
  list(filter: {
    personId?: string;
    givenOnly?: boolean;
    ticketId?: string;
    after?: [string | number, string | number];
    limit: number;
  }): Promise<RecordingRow[]> {
    const p = new SqlParams();
    const where: string[] = [];
    if (filter.personId) {
      where.push(`person_id = ${p.add(filter.personId)}`);
      if (filter.givenOnly) where.push(`person_match = 'given'`);
    }
    if (filter.ticketId) where.push(`ticket_id = ${p.add(filter.ticketId)}`);
    if (filter.after)
      where.push(
        `(started_at, id) < (${p.add(filter.after[0])}::timestamptz, ${p.add(filter.after[1])}::uuid)`,
      );
    return this.query<RecordingRow>(
      `SELECT ${RECORDING_COLUMNS} FROM recordings ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY started_at DESC, id DESC LIMIT ${p.add(filter.limit + 1)}`,
      p.values,
    );
  }

  /** The DPO's call search: newest first, one more than `limit`, each with its ticket's reference. */
  search(filter: RecordingSearchFilter): Promise<(RecordingRow & { ticket_reference: string | null })[]> {
    const p = new SqlParams();
    const where: string[] = [];
    if (filter.callerNumber) where.push(`r.caller_number = ${p.add(filter.callerNumber)}`);
    if (filter.ticketId) where.push(`r.ticket_id = ${p.add(filter.ticketId)}`);
    if (filter.personId) {
      where.push(`r.person_id = ${p.add(filter.personId)}`);
      if (filter.givenOnly) where.push(`r.person_match = 'given'`);
    }
    if (filter.fromDay)
      where.push(`r.started_at >= (${p.add(filter.fromDay)}::date)::timestamp AT TIME ZONE '${ZONE}'`);
    if (filter.toDay) {
      where.push(`r.started_at < (${p.add(filter.toDay)}::date + 1)::timestamp AT TIME ZONE '${ZONE}'`);
    }
    if (filter.after)
      where.push(
        `(r.started_at, r.id) < (${p.add(filter.after[0])}::timestamptz, ${p.add(filter.after[1])}::uuid)`,
      );
    return this.query<RecordingRow & { ticket_reference: string | null }>(
      `SELECT ${R_COLUMNS}, t.reference AS ticket_reference
         FROM recordings r LEFT JOIN tickets t ON t.id = r.ticket_id
        WHERE ${where.join(' AND ')}
        ORDER BY r.started_at DESC, r.id DESC LIMIT ${p.add(filter.limit + 1)}`,
      p.values,
    );
  }

  async setAudio(
    tx: Tx,
    id: string,
    audio: { blobKey: string; contentType: string; sizeBytes: number },
  ): Promise<void> {
    await this.query(
      'UPDATE recordings SET audio_blob_key = $1, audio_content_type = $2, audio_size_bytes = $3 WHERE id = $4',
      [audio.blobKey, audio.contentType, audio.sizeBytes, id],
      tx,
    );
  }

  /** Puts a legal hold on (with a reason) or lifts it (null). */
  async setHold(tx: Tx, id: string, hold: { reason: string; byId: string } | null): Promise<void> {
    await this.query(
      hold
        ? 'UPDATE recordings SET hold_reason = $2, hold_by_id = $3, hold_at = now() WHERE id = $1'
        : 'UPDATE recordings SET hold_reason = NULL, hold_by_id = NULL, hold_at = NULL WHERE id = $1',
      hold ? [id, hold.reason, hold.byId] : [id],
      tx,
    );
  }

  /** Every recording's expiry from its start and a new retention period. */
  async resetExpiry(tx: Tx, days: number): Promise<void> {
    await this.query(`UPDATE recordings SET expires_at = started_at + make_interval(days => $1)`, [days], tx);
  }

  /** Expiries (not held) per week, from now to `weeks` weeks on, and all overdue in the first. */
  expiriesByWeek(weeks: number): Promise<{ week: Date; n: number }[]> {
    return this.query<{ week: Date; n: number }>(
      `SELECT date_trunc('week', expires_at) AS week, count(*)::int AS n FROM recordings
        WHERE expires_at < date_trunc('week', now()) + make_interval(weeks => $1) AND hold_at IS NULL
        GROUP BY 1 ORDER BY 1`,
      [weeks],
    );
  }

  /** Recordings under legal hold, newest hold first. */
  holds(): Promise<{ id: string; startedAt: Date; expiresAt: Date; reason: string; heldAt: Date }[]> {
    return this.query(
      `SELECT id, started_at AS "startedAt", expires_at AS "expiresAt", hold_reason AS reason, hold_at AS "heldAt"
         FROM recordings WHERE hold_at IS NOT NULL ORDER BY hold_at DESC LIMIT 200`,
    );
  }

  /** The next batch of recordings with notes after `after`, by id. */
  notesAfter(
    after: string,
    batchSize: number,
  ): Promise<{ id: string; ticket_id: string | null; notes: string }[]> {
    return this.query<{ id: string; ticket_id: string | null; notes: string }>(
      'SELECT id, ticket_id, notes FROM recordings WHERE id > $1 AND notes IS NOT NULL ORDER BY id LIMIT $2',
      [after, batchSize],
    );
  }

  /** How many recordings have a value in `column` (a column of the field registry). */
  async countStored(column: string): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM recordings WHERE ${column} IS NOT NULL`,
    );
    return n;
  }

  /** Serialises one account's count-then-record of imports until `tx` ends. */
  async lockImports(tx: Tx, key: string): Promise<void> {
    await this.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key], tx);
  }
}
