import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../database/tx';
import { BlobDeletionsRepository } from './blob-deletions.repository';
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
    private readonly deletions: BlobDeletionsRepository,
    private readonly blobs: BlobStore,
  ) {}

  /** Stores bytes under a new key, which is deleted unless `claim` is called for it within the hour. */
  async write(data: Buffer | { file: string }): Promise<string> {
    const key = randomUUID().replace(/-/g, '');
    await this.deletions.queueUnclaimed(key);
    if (Buffer.isBuffer(data)) await this.blobs.put(key, data);
    else await this.blobs.putFile(key, data.file);
    return key;
  }

  /** In the transaction that records the blob's owner: the blob is kept. */
  async claim(tx: Tx, key: string): Promise<void> {
    await this.deletions.unqueue(key, tx);
  }

  /**
   * The blob goes now: its owner was not recorded, or it was retired in a committed transaction.
   * False when it could not be deleted yet; it is still queued, and the next drain retries it.
   */
  async discard(key: string): Promise<boolean> {
    try {
      await this.blobs.delete(key);
      await this.deletions.unqueue(key);
      return true;
    } catch {
      return false;
    }
  }

  /** In the transaction that stops pointing at a blob: it is queued for deletion. */
  async retire(tx: Tx, key: string): Promise<void> {
    await this.deletions.queueNow(key, tx);
  }
}
