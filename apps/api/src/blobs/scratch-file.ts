import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from './blob-store';

/**
 * A scratch file nobody has written to for this long belongs to no live build: a crashed process
 * left it. Younger ones are kept, as another instance sharing the directory may be writing them.
 */
export const SCRATCH_STALE_MS = 60 * 60_000;

/** Removes the files in `dir` no one has written to for `SCRATCH_STALE_MS`. */
export async function sweepScratch(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - SCRATCH_STALE_MS;
  await Promise.all(
    names.map(async (name) => {
      const file = join(dir, name);
      const info = await stat(file).catch(() => null);
      if (info && info.mtimeMs < cutoff)
        await rm(file, { force: true, recursive: true }).catch(() => undefined);
    }),
  );
}

/**
 * Opens a scratch file to send it, and removes its name at once: the open stream still reads every
 * byte, and nothing is left on disk whatever becomes of the response, or of the process. If this
 * throws, the caller still owns the file and removes it.
 */
export async function readAndRemove(path: string): Promise<Readable> {
  const handle = await open(path, 'r');
  try {
    await rm(path);
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle.createReadStream();
}

/** An upload or a mail written to a scratch file, with what was learnt on the way through. */
export interface ScratchCopy {
  path: string;
  size: number;
  sha256: Buffer;
  /** The first `headBytes` (or the whole file if shorter), for checks on the content's type. */
  head: Buffer;
}

/**
 * Writes a stream (an upload, a mail) to a new scratch file of `blobs` without holding it in memory,
 * hashing it and keeping its first bytes on the way. Null when it is longer than `maxBytes`: the
 * rest is read and dropped (so the sender still gets an answer) and the file removed. If this
 * throws (the sender went away, the disk is full), the file is removed too. Otherwise the caller
 * owns it: it is stored with `putFile`, or removed.
 */
export async function copyToScratch(
  blobs: BlobStore,
  source: Readable,
  { maxBytes, headBytes = 0 }: { maxBytes: number; headBytes?: number },
): Promise<ScratchCopy | null> {
  const path = await blobs.scratchFile();
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let size = 0;
  let headSize = 0;
  try {
    await pipeline(
      source,
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > maxBytes) return done(); // past the limit: dropped
          hash.update(chunk);
          if (headSize < headBytes) {
            head.push(Buffer.from(chunk.subarray(0, headBytes - headSize))); // a copy: the chunk is not kept
            headSize += Math.min(chunk.length, headBytes - headSize);
          }
          done(null, chunk);
        },
      }),
      createWriteStream(path),
    );
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
  if (size > maxBytes) {
    await rm(path, { force: true });
    return null;
  }
  return { path, size, sha256: hash.digest(), head: Buffer.concat(head) };
}
