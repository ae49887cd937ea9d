import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** A blob queued for deletion in the outbox. */
export interface QueuedBlob {
  id: string;
  blob_key: string;
}

/** The blob deletion outbox (`blob_deletions`): keys whose files are to go. */
@Injectable()
export class BlobDeletionsRepository extends SqlRepository {
  /** Queues a new key an hour ahead: deleted unless its owner is recorded (and claims it) before then. */
  async queueUnclaimed(key: string): Promise<void> {
    await this.query(
      `INSERT INTO blob_deletions (blob_key, not_before) VALUES ($1, now() + interval '1 hour')`,
      [key],
    );
  }

  /** Takes a key off the queue: in its owner's transaction, or once its file is gone. */
  async unqueue(key: string, tx?: Tx): Promise<void> {
    await this.query('DELETE FROM blob_deletions WHERE blob_key = $1', [key], tx);
  }

  /** Queues a key for deletion now. */
  async queueNow(key: string, tx: Tx): Promise<void> {
    await this.query(
      'INSERT INTO blob_deletions (blob_key) VALUES ($1) ON CONFLICT (blob_key) DO UPDATE SET not_before = now()',
      [key],
      tx,
    );
  }

  /** Keys due for deletion, oldest first, leaving out those that failed too often. */
  due(batchSize: number): Promise<QueuedBlob[]> {
    return this.query<QueuedBlob>(
      'SELECT id, blob_key FROM blob_deletions WHERE attempts < 20 AND not_before <= now() ORDER BY id LIMIT $1',
      [batchSize],
    );
  }

  async countFailure(id: string): Promise<void> {
    await this.query('UPDATE blob_deletions SET attempts = attempts + 1 WHERE id = $1', [id]);
  }

  async removeDone(ids: string[]): Promise<void> {
    await this.query('DELETE FROM blob_deletions WHERE id = ANY($1)', [ids]);
  }

  /** Queues the files of a ticket's attachments, in the transaction that removes them. */
  async queueTicketAttachments(tx: Tx, ticketId: string): Promise<void> {
    await this.query(
      `INSERT INTO blob_deletions (blob_key) SELECT blob_key FROM attachments WHERE ticket_id = $1 ON CONFLICT DO NOTHING`,
      [ticketId],
      tx,
    );
  }
}
