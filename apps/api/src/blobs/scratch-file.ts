import { open, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';

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
