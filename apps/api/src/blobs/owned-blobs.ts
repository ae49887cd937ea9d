import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { BlobStore } from './blob-store';

/**
 * Writing a blob and the row that owns it cannot be one transaction, so a crash between the two
 * would leave a file (call audio, an attachment: personal data) that nothing points at and nothing
 * deletes. Here a new key is queued in the deletion outbox, an hour ahead, before its bytes are
 * written; the transaction that records its owner takes it off the queue. After a crash the outbox
 * drain (every retention run) deletes the file. Replaced blobs go through the same outbox.
 */
@Injectable()
export class OwnedBlobs {
  constructor(
    private readonly dataSource: DataSource,
    private readonly blobs: BlobStore,
  ) {}

  /** Stores bytes under a new key, which is deleted unless `claim` is called for it within the hour. */
  async write(data: Buffer | { file: string }): Promise<string> {
    const key = randomUUID().replace(/-/g, '');
    await this.dataSource.query(
      `INSERT INTO blob_deletions (blob_key, not_before) VALUES ($1, now() + interval '1 hour')`,
      [key],
    );
    if (Buffer.isBuffer(data)) await this.blobs.put(key, data);
    else await this.blobs.putFile(key, data.file);
    return key;
  }

  /** In the transaction that records the blob's owner: the blob is kept. */
  async claim(manager: EntityManager, key: string): Promise<void> {
    await manager.query('DELETE FROM blob_deletions WHERE blob_key = $1', [key]);
  }

  /**
   * The blob goes now: its owner was not recorded, or it was retired in a committed transaction.
   * False when it could not be deleted yet; it is still queued, and the next drain retries it.
   */
  async discard(key: string): Promise<boolean> {
    try {
      await this.blobs.delete(key);
      await this.dataSource.query('DELETE FROM blob_deletions WHERE blob_key = $1', [key]);
      return true;
    } catch {
      return false;
    }
  }

  /** In the transaction that stops pointing at a blob: it is queued for deletion. */
  async retire(manager: EntityManager, key: string): Promise<void> {
    await manager.query(
      'INSERT INTO blob_deletions (blob_key) VALUES ($1) ON CONFLICT (blob_key) DO UPDATE SET not_before = now()',
      [key],
    );
  }
}
