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
}

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
      `SELECT id, user_id, ticket_id, body, visibility, saved_at FROM reply_drafts
        WHERE id > $1::uuid ORDER BY id LIMIT $2`,
      [after, limit],
      tx,
    );
  }

  /** Drafts written by the subject's accounts or on their tickets. */
  byOrOn(userIds: string[], ticketIds: string[], tx?: Tx): Promise<DraftTextRow[]> {
    if (!userIds.length && !ticketIds.length) return Promise.resolve([]);
    return this.query<DraftTextRow>(
      `SELECT id, user_id, ticket_id, body, visibility, saved_at FROM reply_drafts
        WHERE user_id = ANY($1::uuid[]) OR ticket_id = ANY($2::uuid[])`,
      [userIds, ticketIds],
      tx,
    );
  }

  /** The drafts named by id, with their ticket's reference, for a DSAR package. */
  forPackage(ids: string[]): Promise<(DraftTextRow & { reference: string })[]> {
    return this.query<DraftTextRow & { reference: string }>(
      `SELECT d.id, d.user_id, d.ticket_id, d.body, d.visibility, d.saved_at, t.reference
         FROM reply_drafts d JOIN tickets t ON t.id = d.ticket_id
        WHERE d.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Deletes the drafts named by id; how many went. */
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
