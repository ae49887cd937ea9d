import { open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * A scratch file nobody has written to for this long belongs to no live build: a crashed process
 * left it. Younger ones are kept, as another instance sharing the directory may be writing them.
 */
export const SCRATCH_STALE_MS = 60 * 60_000;
/** How often `scratchFile` looks for stale files: they wait an hour anyway, and mail asks for one each. */
export const SWEEP_EVERY_MS = 60_000;

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
