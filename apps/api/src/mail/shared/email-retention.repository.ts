import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';

/**
 * People with an open data-subject request: their mail is frozen (deleting it would keep it from
 * the answer). A mail is theirs when it is on a ticket they raised or came from their address.
 */
const OPEN_DSARS = `open_dsar AS (
  SELECT DISTINCT d.subject_person_id AS person_id FROM dsar_requests d
   WHERE d.closed_at IS NULL AND d.subject_person_id IS NOT NULL
)`;
const FROZEN = `(EXISTS (SELECT 1 FROM tickets t JOIN users u ON u.id = t.requester_id
                        JOIN open_dsar o ON o.person_id = u.person_id WHERE t.id = e.ticket_id)
     OR EXISTS (SELECT 1 FROM people p JOIN open_dsar o ON o.person_id = p.id
                 WHERE p.email IS NOT NULL AND lower(p.email) = e.from_address))`;
const DUE = `e.raw_blob_key IS NOT NULL AND e.raw_expires_at <= now()`;

/**
 * What the retention run does to imported mail (`email_messages`): the raw .eml copies whose
 * period is up are retired (their blobs queued in the deletion outbox in the same statement) and
 * the row stops pointing at them; the parsed mail stays with its ticket.
 */
@Injectable()
export class EmailRetentionRepository extends SqlRepository {
  /** Raw copies past their period: free to go, and kept by an open data-subject request. */
  async counts(): Promise<{ expired: number; openDsar: number }> {
    const [row] = await this.query<{ expired: number; openDsar: number }>(
      `WITH ${OPEN_DSARS}
       SELECT count(*) FILTER (WHERE NOT ${FROZEN})::int AS expired,
              count(*) FILTER (WHERE ${FROZEN})::int AS "openDsar"
         FROM email_messages e WHERE ${DUE}`,
    );
    return row;
  }

  /**
   * Retires up to `batchSize` expired raw copies in one statement: each blob joins the deletion
   * outbox and its row forgets the key, together. Returns the mails' ids.
   */
  async retireBatch(batchSize: number): Promise<string[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [rows] = await this.query<{ id: string }[]>(
      `WITH ${OPEN_DSARS}, doomed AS (
         SELECT e.id, e.raw_blob_key FROM email_messages e
          WHERE ${DUE} AND NOT ${FROZEN}
          ORDER BY e.raw_expires_at LIMIT $1 FOR UPDATE OF e SKIP LOCKED
       ), outbox AS (
         INSERT INTO blob_deletions (blob_key) SELECT raw_blob_key FROM doomed
         ON CONFLICT (blob_key) DO UPDATE SET not_before = now()
       )
       UPDATE email_messages e SET raw_blob_key = NULL FROM doomed WHERE e.id = doomed.id RETURNING e.id`,
      [batchSize],
    );
    return (rows ?? []).map((r) => r.id);
  }

  /** A new period applies to every raw copy still kept, counted from when the mail arrived. */
  async resetExpiry(tx: Tx, days: number): Promise<void> {
    await this.query(
      `UPDATE email_messages SET raw_expires_at = created_at + make_interval(days => $1)
        WHERE raw_blob_key IS NOT NULL`,
      [days],
      tx,
    );
  }
}
