import { SqlRepository } from '../../database/sql-repository';

/**
 * Every column that holds the key of a blob its row owns. A new one must be added here, or
 * `blobs:migrate` would leave its blobs behind (a test compares this list with the schema).
 * `blob_deletions` is not one: its keys are on their way out, and unclaimed ones were never owned.
 */
export const BLOB_OWNER_COLUMNS = [
  { table: 'attachments', column: 'blob_key' },
  { table: 'recordings', column: 'audio_blob_key' },
  { table: 'email_messages', column: 'raw_blob_key' },
  { table: 'dsar_releases', column: 'blob_key' },
  { table: 'dsar_requests', column: 'evidence_blob_key' },
  { table: 'reply_draft_files', column: 'blob_key' },
] as const;

const OWNED_KEYS = BLOB_OWNER_COLUMNS.map(
  ({ table, column }) => `SELECT ${column} AS blob_key FROM ${table} WHERE ${column} IS NOT NULL`,
).join(' UNION ALL ');

/** The ledger of a copy between blob stores (`blob_copies`), one target at a time. */
export class BlobCopiesRepository extends SqlRepository {
  /** Adds every owned blob not yet in the target's ledger; returns how many were added. */
  async enqueue(target: string): Promise<number> {
    const rows = await this.query<{ n: string }>(
      `WITH added AS (
         INSERT INTO blob_copies (target, blob_key)
         SELECT DISTINCT $1::varchar, blob_key FROM (${OWNED_KEYS}) owned
         ON CONFLICT DO NOTHING RETURNING 1
       ) SELECT count(*) AS n FROM added`,
      [target],
    );
    return Number(rows[0].n);
  }

  /** Keys still to copy, in key order after `after` (keyset paging). */
  async pending(target: string, after: string, limit: number): Promise<string[]> {
    const rows = await this.query<{ blob_key: string }>(
      `SELECT blob_key FROM blob_copies WHERE target = $1 AND verified_at IS NULL AND blob_key > $2
       ORDER BY blob_key LIMIT $3`,
      [target, after, limit],
    );
    return rows.map((r) => r.blob_key);
  }

  async counts(target: string): Promise<{ pending: number; verified: number }> {
    const [row] = await this.query<{ pending: string; verified: string }>(
      `SELECT count(*) FILTER (WHERE verified_at IS NULL) AS pending,
              count(*) FILTER (WHERE verified_at IS NOT NULL) AS verified
       FROM blob_copies WHERE target = $1`,
      [target],
    );
    return { pending: Number(row.pending), verified: Number(row.verified) };
  }

  /** The copy was read back from the target and matched the source. */
  async verified(target: string, key: string, sizeBytes: number, sha256: Buffer): Promise<void> {
    await this.query(
      `UPDATE blob_copies SET size_bytes = $3, sha256 = $4, verified_at = now() WHERE target = $1 AND blob_key = $2`,
      [target, key, sizeBytes, sha256],
    );
  }

  /** Keys in the ledger whose owner is gone (deleted or replaced since they were listed). */
  async disowned(target: string, limit: number): Promise<string[]> {
    const rows = await this.query<{ blob_key: string }>(
      // One anti-join against all owners (a hash join), not a lookup per owner column per row.
      `SELECT c.blob_key FROM blob_copies c
       WHERE c.target = $1 AND NOT EXISTS (SELECT 1 FROM (${OWNED_KEYS}) o WHERE o.blob_key = c.blob_key)
       LIMIT $2`,
      [target, limit],
    );
    return rows.map((r) => r.blob_key);
  }

  async forget(target: string, keys: string[]): Promise<void> {
    await this.query('DELETE FROM blob_copies WHERE target = $1 AND blob_key = ANY($2)', [target, keys]);
  }

  /** `--fresh`: the target is to be copied to from scratch (its ledger no longer describes it). */
  async forgetTarget(target: string): Promise<void> {
    await this.query('DELETE FROM blob_copies WHERE target = $1', [target]);
  }

  /** Connections the API holds to this database: while there are any, new blobs may be written. */
  async apiSessions(): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE application_name = 'hushdesk' AND datname = current_database()`,
    );
    return row.n;
  }
}
