import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readAll } from './blob-store';
import { FsBlobStore, SCRATCH_STALE_MS } from './fs-blob-store';

describe('FsBlobStore', () => {
  let root: string;
  let store: FsBlobStore;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hushdesk-blobs-'));
    store = new FsBlobStore(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const age = (path: string, ms: number) => {
    const then = new Date(Date.now() - ms);
    utimesSync(path, then, then);
  };

  it('stores a scratch file by moving it into place, with nothing left at the scratch path', async () => {
    const scratch = await store.scratchFile();
    expect(dirname(scratch)).toBe(join(root, 'tmp'));
    const bytes = Buffer.from('a finished package');
    writeFileSync(scratch, bytes);
    await store.putFile('pkg0000000001', scratch);
    expect(existsSync(scratch)).toBe(false);
    expect(await readAll(await store.read('pkg0000000001'))).toEqual(bytes);
    expect(await store.size('pkg0000000001')).toBe(bytes.length);
  });

  it('refuses a bad key and leaves the scratch file to its caller', async () => {
    const scratch = await store.scratchFile();
    writeFileSync(scratch, 'x');
    await expect(store.putFile('../escape', scratch)).rejects.toThrow('invalid blob key');
    expect(existsSync(scratch)).toBe(true);
  });

  it('sweeps scratch files left by a crash, at start and before each new one, but not young ones', async () => {
    const dir = dirname(await store.scratchFile());
    const stale = join(dir, 'crashed.part');
    const young = join(dir, 'being-written.part');
    writeFileSync(stale, 'x');
    writeFileSync(young, 'x');
    age(stale, SCRATCH_STALE_MS + 60_000);
    age(young, SCRATCH_STALE_MS - 60_000);

    await new FsBlobStore(root).onModuleInit();
    expect(readdirSync(dir).sort()).toEqual(['being-written.part']);

    age(young, SCRATCH_STALE_MS + 60_000);
    await store.scratchFile();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('starts on an empty data directory', async () => {
    await expect(new FsBlobStore(join(root, 'not-yet')).onModuleInit()).resolves.toBeUndefined();
  });

  it('deletes many keys, a few at a time: missing keys are no error, a key that cannot go fails alone', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `many${String(i).padStart(6, '0')}`);
    for (const k of keys) await store.put(k, Buffer.from(k));
    // A directory where the file should be: removing it fails for this key only.
    const stuck = 'stuck00000001';
    mkdirSync(join(root, 'st', 'uc', stuck, 'inside'), { recursive: true });

    const res = await store.deleteMany([...keys, 'missing00000001', stuck, '../escape']);

    expect(res.failed.sort()).toEqual(['../escape', stuck]);
    for (const k of keys) expect(await store.size(k)).toBeNull();
    expect(existsSync(join(root, 'st', 'uc', stuck))).toBe(true);
  });
});
