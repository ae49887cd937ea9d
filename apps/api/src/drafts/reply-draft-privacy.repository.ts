import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

export interface DraftTextRow {
  id: string;
  user_id: string;
  ticket_id: string;
  body: string;
  visibility: string;
  saved_at: Date;
  /** The names of the files kept in the draft: free text too, that can name a person. */
  file_names: string[];
}

/** A file kept in a draft, as a DSAR package lists it (its bytes are not in the package). */
export interface DraftFileRecord {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}

const FILE_NAMES = `COALESCE((SELECT array_agg(f.file_name ORDER BY f.created_at, f.id) FROM reply_draft_files f
   WHERE f.user_id = d.user_id AND f.ticket_id = d.ticket_id), '{}') AS file_names`;
const TEXT = `d.id, d.user_id, d.ticket_id, d.body, d.visibility, d.saved_at, ${FILE_NAMES}`;

/**
 * A draft as a DSAR package shows it: its text, then the files kept in it (not sent, so not on the
 * ticket), by name, type and size; their bytes are not disclosed.
 */
export const draftWithFiles = (body: string, files: DraftFileRecord[]): string =>
  files.length
    ? [
        body,
        'Files kept in this draft (not sent):',
        ...files.map((f) => `- ${f.fileName} (${f.contentType}, ${String(f.sizeBytes)} bytes)`),
      ]
        .filter(Boolean)
        .join('\n')
    : body;

/** What a request looks for the subject in: the draft's text and its files' names. */
export const draftText = (d: Pick<DraftTextRow, 'body' | 'file_names'>): string =>
  [d.body, ...d.file_names].join('\n');

/**
 * What data-subject requests and the retention run do to `reply_drafts`. Drafts are not in the
 * identifier index (they are rewritten every few seconds while typed, and live for days): a
 * request reads every live draft's text instead, which the retention period keeps few.
 */
@Injectable()
export class ReplyDraftPrivacyRepository extends SqlRepository {
  /** Every draft, in pages by id, for a request to look for the subject's identifiers in. */
  page(after: string, limit: number, tx?: Tx): Promise<DraftTextRow[]> {
    return this.query<DraftTextRow>(
      `SELECT ${TEXT} FROM reply_drafts d WHERE d.id > $1::uuid ORDER BY d.id LIMIT $2`,
      [after, limit],
      tx,
    );
  }

  /** Drafts written by the subject's accounts or on their tickets. */
  byOrOn(userIds: string[], ticketIds: string[], tx?: Tx): Promise<DraftTextRow[]> {
    if (!userIds.length && !ticketIds.length) return Promise.resolve([]);
    return this.query<DraftTextRow>(
      `SELECT ${TEXT} FROM reply_drafts d
        WHERE d.user_id = ANY($1::uuid[]) OR d.ticket_id = ANY($2::uuid[])`,
      [userIds, ticketIds],
      tx,
    );
  }

  /** The drafts named by id, with their ticket's reference and their files, for a DSAR package. */
  forPackage(ids: string[]): Promise<(DraftTextRow & { reference: string; files: DraftFileRecord[] })[]> {
    return this.query<DraftTextRow & { reference: string; files: DraftFileRecord[] }>(
      `SELECT ${TEXT}, t.reference,
              COALESCE((SELECT json_agg(json_build_object('fileName', f.file_name, 'contentType', f.content_type,
                                 'sizeBytes', f.size_bytes, 'createdAt', f.created_at) ORDER BY f.created_at, f.id)
                          FROM reply_draft_files f WHERE f.user_id = d.user_id AND f.ticket_id = d.ticket_id),
                       '[]'::json) AS files
         FROM reply_drafts d JOIN tickets t ON t.id = d.ticket_id
        WHERE d.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** The blob keys of the files in the drafts named by id, queued by an erasure before it deletes them. */
  async fileKeys(tx: Tx, ids: string[]): Promise<{ key: string }[]> {
    if (!ids.length) return [];
    return this.query<{ key: string }>(
      `SELECT f.blob_key AS key FROM reply_draft_files f
         JOIN reply_drafts d ON d.user_id = f.user_id AND d.ticket_id = f.ticket_id
        WHERE d.id = ANY($1::uuid[])`,
      [ids],
      tx,
    );
  }

  /** Deletes the drafts named by id (and their files, by cascade; the trigger queues the blobs); how many went. */
  async deleteIds(tx: Tx, ids: string[]): Promise<number> {
    if (!ids.length) return 0;
    const rows = await this.query<{ n: number }>(
      `WITH d AS (DELETE FROM reply_drafts WHERE id = ANY($1::uuid[]) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [ids],
      tx,
    );
    return rows[0].n;
  }

  /** The retention run: drafts last saved before the cutoff. */
  async countSavedBefore(cutoff: Date): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM reply_drafts WHERE saved_at < $1',
      [cutoff],
    );
    return row.n;
  }

  async deleteSavedBefore(cutoff: Date): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      `WITH d AS (DELETE FROM reply_drafts WHERE saved_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM d`,
      [cutoff],
    );
    return row.n;
  }
}
