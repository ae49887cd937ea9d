import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

export interface DraftFileRow {
  id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  blob_key: string;
  sha256: Buffer;
  created_at: Date;
}

const COLUMNS = 'f.id, f.file_name, f.content_type, f.size_bytes, f.blob_key, f.sha256, f.created_at';

/**
 * The files of an engineer's own draft: every statement is keyed by the caller's account and the
 * ticket, so nobody reaches another person's draft files. Deleting a row queues its blob (trigger).
 */
@Injectable()
export class ReplyDraftFilesRepository extends SqlRepository {
  /** Their draft's files, unless the draft is older than the retention period. */
  list(userId: string, ticketId: string, savedAfter: Date, tx?: Tx): Promise<DraftFileRow[]> {
    return this.query<DraftFileRow>(
      `SELECT ${COLUMNS} FROM reply_draft_files f
         JOIN reply_drafts d ON d.user_id = f.user_id AND d.ticket_id = f.ticket_id
        WHERE f.user_id = $1 AND f.ticket_id = $2 AND d.saved_at > $3
        ORDER BY f.created_at, f.id`,
      [userId, ticketId, savedAfter],
      tx,
    );
  }

  async count(tx: Tx, userId: string, ticketId: string): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM reply_draft_files WHERE user_id = $1 AND ticket_id = $2',
      [userId, ticketId],
      tx,
    );
    return row.n;
  }

  async find(userId: string, ticketId: string, id: string, tx?: Tx): Promise<DraftFileRow | undefined> {
    const [row] = await this.query<DraftFileRow>(
      `SELECT ${COLUMNS} FROM reply_draft_files f WHERE f.id = $1 AND f.user_id = $2 AND f.ticket_id = $3`,
      [id, userId, ticketId],
      tx,
    );
    return row;
  }

  async insert(
    tx: Tx,
    input: {
      userId: string;
      ticketId: string;
      fileName: string;
      contentType: string;
      sizeBytes: number;
      blobKey: string;
      sha256: Buffer;
    },
  ): Promise<DraftFileRow> {
    const [row] = await this.query<DraftFileRow>(
      `INSERT INTO reply_draft_files AS f (user_id, ticket_id, file_name, content_type, size_bytes, blob_key, sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [
        input.userId,
        input.ticketId,
        input.fileName,
        input.contentType,
        input.sizeBytes,
        input.blobKey,
        input.sha256,
      ],
      tx,
    );
    return row;
  }

  /** Removes one of their files; its blob key, or undefined when there was no such file. */
  async delete(tx: Tx, userId: string, ticketId: string, id: string): Promise<string | undefined> {
    const [row] = await this.query<{ blob_key: string }>(
      `WITH d AS (DELETE FROM reply_draft_files WHERE id = $1 AND user_id = $2 AND ticket_id = $3 RETURNING blob_key)
       SELECT blob_key FROM d`,
      [id, userId, ticketId],
      tx,
    );
    return row?.blob_key;
  }

  /** The blob keys of all their files on the ticket, read before the draft is deleted. */
  async keys(tx: Tx, userId: string, ticketId: string): Promise<string[]> {
    const rows = await this.query<{ blob_key: string }>(
      'SELECT blob_key FROM reply_draft_files WHERE user_id = $1 AND ticket_id = $2',
      [userId, ticketId],
      tx,
    );
    return rows.map((r) => r.blob_key);
  }
}
