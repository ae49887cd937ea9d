import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { BlobStore } from './blob-store';

const KEY = /^[a-z0-9][a-z0-9_-]{7,99}$/;

/** Blobs as files under one directory, sharded by the key's first characters. */
export class FsBlobStore extends BlobStore {
  constructor(private readonly root: string) {
    super();
  }

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error('invalid blob key');
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    // Write aside, flush, then rename: a crash never leaves a half-written blob under the key.
    const temp = `${path}.${randomUUID()}.part`;
    await writeFile(temp, data, { flush: true });
    await rename(temp, path);
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
}
