import { unzipSync, type UnzipFileInfo } from 'fflate';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ZipFileWriter } from './zip-file-writer';

const CHUNK = 64 * 1024;

/** A source of `chunks` random chunks that notes how far ahead of the file it has been read. */
function source(chunks: number, path: string, onRead: (ahead: number) => void, failAt = -1) {
  let sent = 0;
  const bytes: Buffer[] = [];
  const stream = new Readable({
    read() {
      if (sent === failAt) return this.destroy(new Error('disk read failed'));
      if (sent === chunks) return this.push(null);
      const chunk = randomBytes(CHUNK);
      bytes.push(chunk);
      sent++;
      onRead(sent * CHUNK - (statSync(path, { throwIfNoEntry: false })?.size ?? 0));
      this.push(chunk);
    },
  });
  return { stream, bytes };
}

const openFiles = (path: string) =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(path);
    } catch {
      return false;
    }
  });

describe('ZipFileWriter', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hushdesk-zip-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes text deflated and files stored, reading each source only as the disk takes it', async () => {
    const path = join(dir, 'package.zip');
    const zip = new ZipFileWriter(path);
    let ahead = 0;
    const audio = source(320, path, (n) => (ahead = Math.max(ahead, n))); // 20 MiB
    await zip.text('data.json', JSON.stringify({ items: ['x'.repeat(3 << 20)] }));
    await zip.stored('audio/1-call.wav', audio.stream);
    await zip.text('empty.txt', '');
    const size = await zip.finish();

    expect(size).toBe(statSync(path).size);
    // Read far ahead of the file, the whole recording would be in memory at once.
    expect(ahead).toBeLessThan(4 << 20);
    const methods: Record<string, number> = {};
    const files = unzipSync(readFileSync(path), {
      filter: (f: UnzipFileInfo) => ((methods[f.name] = f.compression), true),
    });
    expect(Object.keys(files)).toEqual(['data.json', 'audio/1-call.wav', 'empty.txt']);
    expect(methods).toEqual({ 'data.json': 8, 'audio/1-call.wav': 0, 'empty.txt': 8 });
    expect(Buffer.from(files['audio/1-call.wav']).equals(Buffer.concat(audio.bytes))).toBe(true);
    expect(JSON.parse(Buffer.from(files['data.json']).toString('utf8')).items[0]).toHaveLength(3 << 20);
    expect(openFiles(dir)).toEqual([]);
  });

  it('fails with the source and, aborted, holds the file open no longer', async () => {
    const path = join(dir, 'package.zip');
    const zip = new ZipFileWriter(path);
    await zip.text('data.json', '{}');
    const broken = source(10, path, () => undefined, 5);
    await expect(zip.stored('audio/1-call.wav', broken.stream)).rejects.toThrow('disk read failed');
    await zip.abort();
    expect(openFiles(dir)).toEqual([]);
  });

  it('never writes through a file that is already there', async () => {
    const path = join(dir, 'package.zip');
    const first = new ZipFileWriter(path);
    await first.text('data.json', '{}');
    await first.finish();
    const second = new ZipFileWriter(path);
    await expect(second.text('data.json', '{}').then(() => second.finish())).rejects.toThrow(/EEXIST/);
    await second.abort();
  });
});
