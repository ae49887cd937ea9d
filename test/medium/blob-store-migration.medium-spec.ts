import { mkdtempSync, rmSync } from 'node:fs';
import { truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { FsBlobStore } from '../../apps/api/src/blobs/fs-blob-store';
import {
  BLOB_OWNER_COLUMNS,
  BlobCopiesRepository,
} from '../../apps/api/src/blobs/migration/blob-copies.repository';
import { BlobStoreMigration } from '../../apps/api/src/blobs/migration/blob-store-migration';
import { dataSourceOptions } from '../../apps/api/src/database/data-source';
import { holds, seedOwnedBlobs, seedRecording, type SeededBlob } from '../support/owned-blobs';
import { cloneTemplate, testRun } from '../support/test-app';

/**
 * The copy between blob stores below the command line, between two file stores (the S3 directions
 * run through `npm run blobs:migrate` in blobs-migrate.medium-spec.ts): every owned blob arrives
 * verified, the source is untouched, a resumed run copies nothing twice, and a copy that does not
 * read back as the source is caught by its checksum and not recorded.
 */
let db: Pool;
let ds: DataSource;
let dirs: string[] = [];

const store = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hushdesk-blobmove-'));
  dirs.push(dir);
  return new FsBlobStore(dir);
};

beforeEach(async () => {
  const url = await cloneTemplate(testRun());
  db = new Pool({ connectionString: url, max: 2 });
  ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
});
afterEach(async () => {
  await db.end();
  await ds.destroy();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

const migration = (source: FsBlobStore, target: FsBlobStore, name = 'fs:target') =>
  new BlobStoreMigration(new BlobCopiesRepository(ds), source, target, name);

async function allHeld(target: FsBlobStore, blobs: SeededBlob[]): Promise<boolean> {
  for (const b of blobs) if (!(await holds(target, b))) return false;
  return true;
}

it('copies every owned blob, each verified, and leaves the source as it was', async () => {
  const [source, target] = [store(), store()];
  const blobs = await seedOwnedBlobs(db, source, 12);
  const report = await migration(source, target).run();
  expect(report).toMatchObject({ copied: blobs.length, alreadyCopied: 0, failures: [], stopped: false });
  expect(report.bytes).toBe(blobs.reduce((n, b) => n + b.size, 0));
  expect(await allHeld(target, blobs)).toBe(true);
  expect(await allHeld(source, blobs)).toBe(true);
  const ledger = await db.query(
    'SELECT count(*)::int AS n FROM blob_copies WHERE verified_at IS NOT NULL AND octet_length(sha256) = 32',
  );
  expect(ledger.rows[0].n).toBe(blobs.length);
});

it('copies nothing twice: a second run copies only what was written since, and prunes what went', async () => {
  const [source, target] = [store(), store()];
  const blobs = await seedOwnedBlobs(db, source, 5);
  await migration(source, target).run();
  const added = await seedRecording(db, source);
  const gone = blobs[0];
  await db.query('DELETE FROM recordings WHERE audio_blob_key = $1', [gone.key]);

  const again = await migration(source, target).run();
  expect(again).toMatchObject({ copied: 1, alreadyCopied: blobs.length - 1, pruned: 1, failures: [] });
  expect(await holds(target, added)).toBe(true);
  // Its owner was deleted after the copy: the copy goes too, as the API's deletion outbox will
  // only ever delete it from the store it uses.
  expect(await target.size(gone.key)).toBeNull();
  expect(await source.size(gone.key)).toBe(gone.size);
});

it('copies in a further pass what is written while it runs, and prunes what is deleted meanwhile', async () => {
  const target = store();
  const dir = mkdtempSync(join(tmpdir(), 'hushdesk-blobmove-'));
  dirs.push(dir);
  let duringCopy: (() => Promise<void>) | undefined;
  /** The source as the API keeps using it: things happen while a blob is being read. */
  class BusySource extends FsBlobStore {
    override async read(key: string, range?: { start: number; end: number }) {
      const hook = duringCopy;
      duringCopy = undefined;
      await hook?.();
      return super.read(key, range);
    }
  }
  const source = new BusySource(dir);
  const blobs = await seedOwnedBlobs(db, source, 6);
  let added: SeededBlob | undefined;
  const gone = blobs[0];
  // As the API would: a call recorded, and another deleted by retention, during the copy.
  const purged = blobs[1];
  duringCopy = async () => {
    added = await seedRecording(db, source);
    await db.query('DELETE FROM recordings WHERE audio_blob_key = $1', [gone.key]);
    // Retention deletes the row and, through the outbox, the file: not a failure of the copy.
    await db.query('DELETE FROM recordings WHERE audio_blob_key = $1', [purged.key]);
    await source.delete(purged.key);
  };
  const passes: [number, number][] = [];
  // One blob at a time, so the changes land before any copy is made.
  const report = await new BlobStoreMigration(
    new BlobCopiesRepository(ds),
    source,
    target,
    'fs:target',
    1,
  ).run({
    pass: (n, pending) => passes.push([n, pending]),
  });
  expect(passes).toEqual([
    [1, blobs.length],
    [2, 1],
  ]);
  expect(report).toMatchObject({ copied: blobs.length, passes: 2, pruned: 2, failures: [] });
  expect(await holds(target, added as SeededBlob)).toBe(true);
  // Copied before or after its owner went, it is not left in the target.
  expect(await target.size(gone.key)).toBeNull();
  expect(await target.size(purged.key)).toBeNull();
});

it('stops on a signal between blobs, and the next run copies only the rest', async () => {
  const [source, target] = [store(), store()];
  const blobs = await seedOwnedBlobs(db, source, 30);
  const stop = new AbortController();
  let seen = 0;
  const first = await migration(source, target).run(
    { copied: () => ++seen === 10 && stop.abort() },
    stop.signal,
  );
  expect(first.stopped).toBe(true);
  expect(first.copied).toBeGreaterThanOrEqual(10);
  expect(first.copied).toBeLessThan(blobs.length);

  const second = await migration(source, target).run();
  expect(second.alreadyCopied).toBe(first.copied);
  expect(second.copied).toBe(blobs.length - first.copied);
  expect(await allHeld(target, blobs)).toBe(true);
});

/** A target whose writes lose their last bytes, as a torn or truncated upload would. */
class ShortWritingStore extends FsBlobStore {
  override async putFile(key: string, path: string): Promise<void> {
    await truncate(path, 100);
    await super.putFile(key, path);
  }
}

it('catches a short copy by its checksum: not recorded, not left in the target, copied on the next run', async () => {
  const source = store();
  const dir = mkdtempSync(join(tmpdir(), 'hushdesk-blobmove-'));
  dirs.push(dir);
  const blobs = await seedOwnedBlobs(db, source, 2);
  const failures: string[] = [];
  const report = await migration(source, new ShortWritingStore(dir)).run({
    failed: (key, reason) => failures.push(`${key}:${reason}`),
  });
  expect(report.copied).toBe(0);
  expect(failures.sort()).toEqual(blobs.map((b) => `${b.key}:checksum mismatch`).sort());
  expect(report.failures[0].detail).toMatch(/the target holds 100 bytes/);
  for (const b of blobs) expect(await new FsBlobStore(dir).size(b.key)).toBeNull();
  const verified = await db.query('SELECT count(*)::int AS n FROM blob_copies WHERE verified_at IS NOT NULL');
  expect(verified.rows[0].n).toBe(0);

  const retried = await migration(source, new FsBlobStore(dir)).run();
  expect(retried.copied).toBe(blobs.length);
  expect(await allHeld(new FsBlobStore(dir), blobs)).toBe(true);
});

it('reports a blob missing from the source and copies the others', async () => {
  const [source, target] = [store(), store()];
  const blobs = await seedOwnedBlobs(db, source, 3);
  await source.delete(blobs[1].key);
  const report = await migration(source, target).run();
  expect(report.failures).toEqual([{ key: blobs[1].key, reason: 'missing in the source' }]);
  expect(report.copied).toBe(blobs.length - 1);
});

it('knows every column that holds a blob key', async () => {
  // A new `*blob_key` column missing from BLOB_OWNER_COLUMNS would be left behind by a migration.
  const { rows } = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND column_name LIKE '%blob\\_key'
       AND table_name NOT IN ('blob_deletions', 'blob_copies')`,
  );
  const inSchema = rows.map((r) => `${r.table_name}.${r.column_name}`).sort();
  expect(BLOB_OWNER_COLUMNS.map((c) => `${c.table}.${c.column}`).sort()).toEqual(inSchema);
});
