import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** A call as its subject's answer package gives it. */
export interface RecordingPackageRow {
  id: string;
  reference: string | null;
  caller_number: string;
  direction: string;
  started_at: Date;
  duration_seconds: number;
  notes: string | null;
  audio_blob_key: string | null;
  audio_content_type: string | null;
  audio_size_bytes: number | null;
}

/**
 * Statements data-subject requests run on `recordings` (and `call_statistics`, which keeps an
 * erased call as an anonymous count): a subject's calls are matched to them, from a number they
 * gave us, or logged on one of their tickets.
 */
@Injectable()
export class RecordingDsarRepository extends SqlRepository {
  theirs(
    personId: string | null,
    phones: string[],
    ticketIds: string[],
  ): Promise<
    {
      id: string;
      ticket_id: string | null;
      /** The ticket it was logged on before a merge moved it. */
      merged_from_ticket_id: string | null;
      started_at: Date;
      person_id: string | null;
      caller_number: string;
    }[]
  > {
    return this.query(
      `SELECT id, ticket_id, merged_from_ticket_id, started_at, person_id, caller_number FROM recordings
        WHERE person_id = $1 OR caller_number = ANY($2) OR ticket_id = ANY($3) OR merged_from_ticket_id = ANY($3)`,
      [personId, phones, ticketIds],
    );
  }

  /** When each call started, for ordering. */
  writtenAt(ids: string[]): Promise<{ id: string; at: Date }[]> {
    return this.query('SELECT id, started_at AS at FROM recordings WHERE id = ANY($1)', [ids]);
  }

  theirsWithHold(
    personId: string | null,
    phones: string[],
    ticketIds: string[],
    tx?: Tx,
  ): Promise<{ id: string; held: boolean }[]> {
    return this.query(
      `SELECT id, hold_at IS NOT NULL AS held FROM recordings
        WHERE person_id = $1 OR caller_number = ANY($2) OR ticket_id = ANY($3) OR merged_from_ticket_id = ANY($3)`,
      [personId, phones, ticketIds],
      tx,
    );
  }

  async heldAmong(ids: string[], tx?: Tx): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      'SELECT id FROM recordings WHERE id = ANY($1) AND hold_at IS NOT NULL',
      [ids],
      tx,
    );
    return rows.map((r) => String(r.id));
  }

  audioKeys(tx: Tx, ids: string[]): Promise<{ key: string | null }[]> {
    return this.query(
      'SELECT audio_blob_key AS key FROM recordings WHERE id = ANY($1) AND audio_blob_key IS NOT NULL',
      [ids],
      tx,
    );
  }

  /** The calls are counted into the day's statistics before they go. */
  async addToStatistics(tx: Tx, ids: string[]): Promise<void> {
    await this.query(
      `INSERT INTO call_statistics (day, direction, calls, total_seconds)
       SELECT started_at::date, direction, count(*), sum(duration_seconds) FROM recordings WHERE id = ANY($1) GROUP BY 1, 2
       ON CONFLICT (day, direction) DO UPDATE
         SET calls = call_statistics.calls + EXCLUDED.calls, total_seconds = call_statistics.total_seconds + EXCLUDED.total_seconds`,
      [ids],
      tx,
    );
  }

  async delete(tx: Tx, ids: string[]): Promise<void> {
    await this.query('DELETE FROM recordings WHERE id = ANY($1)', [ids], tx);
  }

  notes(tx: Tx, ids: string[]): Promise<{ id: string; ticket_id: string | null; notes: string | null }[]> {
    return this.query('SELECT id, ticket_id, notes FROM recordings WHERE id = ANY($1)', [ids], tx);
  }

  async setNotes(tx: Tx, id: string, notes: string | null): Promise<void> {
    await this.query('UPDATE recordings SET notes = $2 WHERE id = $1', [id, notes], tx);
  }

  texts(ids: string[], tx?: Tx): Promise<{ id: string; t: string | null }[]> {
    return this.query('SELECT id, notes AS t FROM recordings WHERE id = ANY($1)', [ids], tx);
  }

  /** Their calls left outside legal holds. */
  async countLeft(phones: string[], personId: string | null, ticketIds: string[], tx?: Tx): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM recordings
            WHERE (caller_number = ANY($1) OR person_id = $2 OR ticket_id = ANY($3) OR merged_from_ticket_id = ANY($3))
              AND hold_at IS NULL`,
      [phones, personId, ticketIds],
      tx,
    );
    return n;
  }

  forPackage(ids: string[]): Promise<RecordingPackageRow[]> {
    return this.query<RecordingPackageRow>(
      `SELECT r.id, t.reference, r.caller_number, r.direction, r.started_at, r.duration_seconds, r.notes,
              r.audio_blob_key, r.audio_content_type, r.audio_size_bytes
         FROM recordings r LEFT JOIN tickets t ON t.id = r.ticket_id WHERE r.id = ANY($1)`,
      [ids],
    );
  }
}
