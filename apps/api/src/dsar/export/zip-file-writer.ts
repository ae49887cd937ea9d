import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** fflate writes no ZIP64, so no offset or size may pass 4 GiB. */
const ZIP32_LIMIT = 0xffff_ffff;
/** Text goes to the deflater in slices, so its compressed output reaches the disk as it comes. */
const TEXT_SLICE = 1 << 20;

/**
 * A ZIP written to a file entry by entry with fflate's streaming `Zip`. Each chunk read from a
 * source is written before the next is read, and reading waits while the disk is behind, so
 * memory holds a chunk or two whatever the size of the files.
 */
export class ZipFileWriter {
  private readonly out: WriteStream;
  private readonly zip: Zip;
  private failure: Error | null = null;
  private behind = false;

  constructor(path: string) {
    // 'wx': a scratch path is new, never someone's file. Up to 1 MiB waits for the disk.
    this.out = createWriteStream(path, { flags: 'wx', highWaterMark: 1 << 20 });
    this.out.on('error', (e) => (this.failure ??= e));
    // fflate calls back synchronously with the bytes each push produces.
    this.zip = new Zip((err, chunk, final) => {
      if (err) {
        this.failure ??= err;
        return;
      }
      if (!this.out.write(chunk)) this.behind = true;
      if (final) this.out.end();
    });
  }

  /** Text, deflated. */
  async text(name: string, text: string): Promise<void> {
    const entry = new ZipDeflate(name, { level: 6 });
    this.zip.add(entry);
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; at += TEXT_SLICE) {
      entry.push(bytes.subarray(at, at + TEXT_SLICE));
      await this.settle();
    }
    entry.push(new Uint8Array(0), true);
    await this.settle();
  }

  /** A file that is already compressed (audio, most attachments): stored as it is. */
  async stored(name: string, source: Readable): Promise<void> {
    const entry = new ZipPassThrough(name);
    this.zip.add(entry);
    for await (const chunk of source) {
      entry.push(chunk as Buffer);
      await this.settle();
    }
    entry.push(new Uint8Array(0), true);
    await this.settle();
  }

  /** Writes the central directory and closes the file; returns the file's size in bytes. */
  async finish(): Promise<number> {
    if (this.failure) throw this.failure;
    this.zip.end();
    // With every entry complete, fflate ends the archive at once.
    if (!this.out.writableEnded) throw this.failure ?? new Error('the ZIP has an unfinished entry');
    await finished(this.out);
    if (this.failure) throw this.failure;
    if (this.out.bytesWritten > ZIP32_LIMIT)
      throw new Error('DSAR package over 4 GiB: ZIP64 is not supported');
    return this.out.bytesWritten;
  }

  /** After a failure: stops writing and closes the file. The caller removes it. */
  async abort(): Promise<void> {
    this.zip.terminate();
    this.out.destroy();
    await finished(this.out).catch(() => undefined);
  }

  /** Fails with the writer's error, or waits until the disk has taken what is queued. */
  private async settle(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.behind) return;
    this.behind = false;
    await once(this.out, 'drain');
  }
}
