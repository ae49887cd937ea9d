import { Injectable } from '@nestjs/common';
import type { MessageVisibility } from '@hushdesk/contracts';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

export interface DraftRow {
  body: string;
  visibility: MessageVisibility;
  saved_at: Date;
}

/** The engineer's own draft on a ticket: every statement is keyed by the caller's account. */
@Injectable()
export class ReplyDraftsRepository extends SqlRepository {
  /** Their draft, unless older than the retention period (the daily run deletes those). */
  async find(userId: string, ticketId: string, savedAfter: Date): Promise<DraftRow | undefined> {
    const [row] = await this.query<DraftRow>(
      `SELECT body, visibility, saved_at FROM reply_drafts
        WHERE user_id = $1 AND ticket_id = $2 AND saved_at > $3`,
      [userId, ticketId, savedAfter],
    );
    return row;
  }

  async save(
    tx: Tx,
    userId: string,
    ticketId: string,
    body: string,
    visibility: MessageVisibility,
  ): Promise<DraftRow> {
    const [row] = await this.query<DraftRow>(
      `INSERT INTO reply_drafts (user_id, ticket_id, body, visibility, saved_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (user_id, ticket_id)
       DO UPDATE SET body = EXCLUDED.body, visibility = EXCLUDED.visibility, saved_at = EXCLUDED.saved_at
       RETURNING body, visibility, saved_at`,
      [userId, ticketId, body, visibility],
      tx,
    );
    return row;
  }

  /**
   * Makes sure the draft exists before a file is added to it, and counts it as saved now. A draft
   * past the retention period that the daily run has not deleted yet starts again, empty.
   */
  async touch(tx: Tx, userId: string, ticketId: string, savedAfter: Date): Promise<void> {
    await this.query(
      'DELETE FROM reply_drafts WHERE user_id = $1 AND ticket_id = $2 AND saved_at <= $3',
      [userId, ticketId, savedAfter],
      tx,
    );
    await this.query(
      `INSERT INTO reply_drafts (user_id, ticket_id, body, visibility, saved_at)
       VALUES ($1, $2, '', 'public', now())
       ON CONFLICT (user_id, ticket_id) DO UPDATE SET saved_at = EXCLUDED.saved_at`,
      [userId, ticketId],
      tx,
    );
  }

  async delete(userId: string, ticketId: string, tx?: Tx): Promise<void> {
    await this.query(
      'DELETE FROM reply_drafts WHERE user_id = $1 AND ticket_id = $2',
      [userId, ticketId],
      tx,
    );
  }
}
