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

  /** 1,000 keys a batch: one DeleteObjects request on S3. */
  async drain(batchSize = 1000): Promise<{ deleted: number; failed: number }> {
    let deleted = 0;
    let failed = 0;
    let unreachable = false;
    while (!unreachable) {
      const rows = await this.deletions.due(batchSize);
      if (!rows.length) break;
      let failedKeys: Set<string>;
      try {
        failedKeys = new Set((await this.blobs.deleteMany(rows.map((r) => r.blob_key))).failed);
      } catch (e) {
        // A store that does not answer is no fault of the keys': none is counted against them
        // (keys failing 20 times are given up on), and all of them wait for the next drain.
        if (!(e instanceof BlobStoreUnavailableError)) throw e;
        failed++; // one failure in the report, as before; none against a key
        unreachable = true;
        break;
      }
      const done = rows.filter((r) => !failedKeys.has(r.blob_key)).map((r) => r.id);
      for (const row of rows) if (failedKeys.has(row.blob_key)) await this.deletions.countFailure(row.id);
      failed += rows.length - done.length;
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
