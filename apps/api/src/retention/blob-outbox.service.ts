import { Injectable, Logger } from '@nestjs/common';
import { BlobStoreUnavailableError } from '../blobs/blob-errors';
import { BlobDeletionsRepository } from '../blobs/blob-deletions.repository';
import { BlobStore } from '../blobs/blob-store';

/**
 * Deletes the blobs queued in `blob_deletions` after their records were removed. A row leaves the
 * outbox only once its file is gone, so every failure (or a crash) is retried on the next drain.
 */
@Injectable()
export class BlobOutbox {
  private readonly logger = new Logger(BlobOutbox.name);

  constructor(
    private readonly deletions: BlobDeletionsRepository,
    private readonly blobs: BlobStore,
  ) {}

  async drain(batchSize = 500): Promise<{ deleted: number; failed: number }> {
    let deleted = 0;
    let failed = 0;
    let unreachable = false;
    while (!unreachable) {
      const rows = await this.deletions.due(batchSize);
      if (!rows.length) break;
      const done: string[] = [];
      for (const row of rows) {
        try {
          await this.blobs.delete(row.blob_key);
          done.push(row.id);
        } catch (e) {
          failed++;
          // A store that does not answer is no fault of the key's: it is not counted against it
          // (keys failing 20 times are given up on), and the rest wait for the next drain.
          if (e instanceof BlobStoreUnavailableError) {
            unreachable = true;
            break;
          }
          await this.deletions.countFailure(row.id);
        }
      }
      if (done.length) await this.deletions.removeDone(done);
      deleted += done.length;
      if (rows.length < batchSize || done.length === 0) break;
    }
    if (unreachable)
      this.logger.warn('the object store does not answer; queued blob deletions wait for the next drain');
    else if (failed) this.logger.warn(`${failed} blob deletion(s) failed; they will be retried`);
    return { deleted, failed };
  }
}
