import type { Readable } from 'node:stream';
import { BlobStoreUnavailableError } from './blob-errors';

const KEY = /^[a-z0-9][a-z0-9_-]{7,99}$/;

/** Keys are opaque, lower-case and path-safe; anything else is a bug, refused before any I/O. */
export function checkBlobKey(key: string): void {
  if (!KEY.test(key)) throw new Error('invalid blob key');
}

/** Single deletions in flight at once in `deleteMany`: enough to hide latency, few enough for the store. */
const DELETE_CONCURRENCY = 16;

/**
 * Where file bytes live (attachments, call audio, export packages). Features depend on this
 * interface only, so an S3-compatible store can replace the filesystem one without touching them.
 * Keys are opaque and never contain personal data.
 */
export abstract class BlobStore {
  /** Stores the bytes under `key`, atomically: a reader sees all of them or none. */
  abstract put(key: string, data: Buffer): Promise<void>;
  /**
   * A path for a new temporary file, on a disk from which `putFile` can take it without copying.
   * The caller removes the file unless it stores it; what a crash leaves behind is swept.
   */
  abstract scratchFile(): Promise<string>;
  /**
   * Stores the finished file at `path` (from `scratchFile`) under `key`, as atomically and durably
   * as `put`, without reading it into memory. On success the file is no longer at `path`.
   */
  abstract putFile(key: string, path: string): Promise<void>;
  /**
   * The bytes, or the inclusive byte range asked for (HTTP Range). Throws BlobMissingError when
   * the key holds nothing, BlobStoreUnavailableError when the store does not answer.
   */
  abstract read(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Null when the key holds nothing; throws BlobStoreUnavailableError when the store does not answer. */
  abstract size(key: string): Promise<number | null>;
  /**
   * Deleting a missing key is not an error, so deletions can be retried. Throws when the store
   * does not answer: the caller keeps the key queued in the deletion outbox.
   */
  abstract delete(key: string): Promise<void>;

  /**
   * Deletes many keys: a missing key is not an error. Resolves with the keys that could not be
   * deleted, each for a fault of its own; every other key is gone. Throws BlobStoreUnavailableError
   * when the store does not answer: then any key may remain, and none is to be blamed for it.
   * Here, `delete` on a few keys at a time; a store with a batch call overrides it.
   */
  async deleteMany(keys: readonly string[]): Promise<{ failed: string[] }> {
    const failed: string[] = [];
    let unavailable: BlobStoreUnavailableError | undefined;
    let next = 0;
    const worker = async () => {
      while (!unavailable && next < keys.length) {
        const key = keys[next++];
        try {
          await this.delete(key);
        } catch (e) {
          if (e instanceof BlobStoreUnavailableError) unavailable = e;
          else failed.push(key);
        }
      }
    };
    await Promise.all(Array.from({ length: DELETE_CONCURRENCY }, worker));
    if (unavailable) throw unavailable;
    return { failed };
  }
}

/** A whole blob (or any stream) in memory: for small files only, such as text attachments. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
