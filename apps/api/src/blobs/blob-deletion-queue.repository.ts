import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/**
 * Queues blobs for deletion in the caller's transaction: the outbox the retention run retries
 * from when deleting a file right after the commit fails.
 */
@Injectable()
export class BlobDeletionQueueRepository extends SqlRepository {
  async queue(tx: Tx, keys: string[]): Promise<void> {
    await this.query(
      'INSERT INTO blob_deletions (blob_key) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING',
      [keys],
      tx,
    );
  }
}
