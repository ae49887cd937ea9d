import type { OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { BlobMissingError } from './blob-errors';
import { BlobStore, checkBlobKey } from './blob-store';
import { sweepScratch } from './scratch-file';

export { SCRATCH_STALE_MS } from './scratch-file';

/** Blobs as files under one directory, sharded by the key's first characters. */
export class FsBlobStore extends BlobStore implements OnModuleInit {
  /** Under the root, so storing a scratch file is a rename; never a shard (those are 2 characters). */
  private readonly scratch: string;

  constructor(private readonly root: string) {
    super();
    this.scratch = join(root, 'tmp');
  }

  /** At start, clears what an earlier run that crashed left in the scratch directory. */
  async onModuleInit(): Promise<void> {
    await this.sweepScratch();
  }

  private path(key: string): string {
    checkBlobKey(key);
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    await mkdir(this.scratch, { recursive: true });
    // Write aside, flush, then rename: a crash never leaves a half-written blob under the key, and
    // what it leaves in the scratch directory is swept.
    const temp = join(this.scratch, `${randomUUID()}.part`);
    await writeFile(temp, data, { flush: true });
    await rename(temp, path);
  }

  async scratchFile(): Promise<string> {
    await mkdir(this.scratch, { recursive: true });
    // Sweeping here too, so a long-running instance also reclaims a crashed neighbour's files.
    await this.sweepScratch();
    return join(this.scratch, `${randomUUID()}.part`);
  }

  async putFile(key: string, from: string): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    // Flush, then rename, as put does: a crash never leaves a blob with bytes missing.
    const handle = await open(from, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(from, path);
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const path = this.path(key);
    try {
      await stat(path);
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') throw new BlobMissingError(key);
      throw e;
    }
    return createReadStream(path, range);
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.path(key))).size;
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  /** Removes the scratch files no one has written to for `SCRATCH_STALE_MS`. */
  sweepScratch(): Promise<void> {
    return sweepScratch(this.scratch);
  }
}
