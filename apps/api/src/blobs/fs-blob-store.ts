import type { OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { BlobStore } from './blob-store';

const KEY = /^[a-z0-9][a-z0-9_-]{7,99}$/;

/**
 * A scratch file nobody has written to for this long belongs to no live build: a crashed process
 * left it. Younger ones are kept, as another instance sharing the directory may be writing them.
 */
export const SCRATCH_STALE_MS = 60 * 60_000;
/** How often `scratchFile` looks for stale files: they wait an hour anyway, and mail asks for one each. */
const SWEEP_EVERY_MS = 60_000;

/** Blobs as files under one directory, sharded by the key's first characters. */
export class FsBlobStore extends BlobStore implements OnModuleInit {
  /** Under the root, so storing a scratch file is a rename; never a shard (those are 2 characters). */
  private readonly scratch: string;
  private lastSweep = 0;

  constructor(private readonly root: string) {
    super();
    this.scratch = join(root, 'tmp');
  }

  /** At start, clears what an earlier run that crashed left in the scratch directory. */
  async onModuleInit(): Promise<void> {
    await this.sweepScratch();
  }

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error('invalid blob key');
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
    if (Date.now() - this.lastSweep >= SWEEP_EVERY_MS) await this.sweepScratch();
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
    await stat(path);
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
  async sweepScratch(): Promise<void> {
    this.lastSweep = Date.now();
    const names = await readdir(this.scratch).catch(() => [] as string[]);
    const cutoff = Date.now() - SCRATCH_STALE_MS;
    await Promise.all(
      names.map(async (name) => {
        const file = join(this.scratch, name);
        const info = await stat(file).catch(() => null);
        if (info && info.mtimeMs < cutoff)
          await rm(file, { force: true, recursive: true }).catch(() => undefined);
      }),
    );
  }
}
