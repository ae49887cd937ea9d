import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FsBlobStore } from '../../blobs/fs-blob-store';
import { readPackageEntry } from './package-entry';
import { ZipFileWriter } from './zip-file-writer';

describe('readPackageEntry', () => {
  let root: string;
  let blobs: FsBlobStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hushdesk-entry-'));
    blobs = new FsBlobStore(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const data = JSON.stringify({ request: { reference: 'DSAR-000001' }, items: [] }, null, 2);
  const audio = Buffer.alloc(300_000, 7);

  it('reads one entry of a streamed package, deflated or stored, without the rest', async () => {
    const path = await blobs.scratchFile();
    const zip = new ZipFileWriter(path);
    await zip.text('data.json', data);
    await zip.stored('audio/1-call.wav', Readable.from([audio]));
    const size = await zip.finish();
    await blobs.putFile('pkg0000000001', path);
    const pkg = { blobKey: 'pkg0000000001', size };

    expect((await readPackageEntry(blobs, pkg, 'data.json'))?.toString('utf8')).toBe(data);
    expect((await readPackageEntry(blobs, pkg, 'audio/1-call.wav'))?.equals(audio)).toBe(true);
    expect(await readPackageEntry(blobs, pkg, 'provided.csv')).toBeNull();
  });

  it('reads a package built before streaming, and refuses what is not a ZIP', async () => {
    const legacy = Buffer.from(
      zipSync({ 'data.json': strToU8(data), 'audio/1-call.wav': [new Uint8Array(audio), { level: 0 }] }),
    );
    await blobs.put('pkg0000000002', legacy);
    const pkg = { blobKey: 'pkg0000000002', size: legacy.length };
    expect((await readPackageEntry(blobs, pkg, 'data.json'))?.toString('utf8')).toBe(data);

    const path = join(root, 'not-a-zip');
    writeFileSync(path, 'plain text, no central directory');
    await blobs.putFile('pkg0000000003', path);
    await expect(
      readPackageEntry(blobs, { blobKey: 'pkg0000000003', size: 32 }, 'data.json'),
    ).rejects.toThrow('not a readable ZIP');
  });
});
