import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { BlobStore } from '../../apps/api/src/blobs/blob-store';
import { FsBlobStore } from '../../apps/api/src/blobs/fs-blob-store';
import { BlobCopiesRepository } from '../../apps/api/src/blobs/migration/blob-copies.repository';
import { BlobStoreMigration } from '../../apps/api/src/blobs/migration/blob-store-migration';
import { S3BlobStore, type S3Settings } from '../../apps/api/src/blobs/s3-blob-store';
import { dataSourceOptions } from '../../apps/api/src/database/data-source';
import { holds, seedOwnedBlobs, type SeededBlob } from '../support/owned-blobs';
import { S3Server } from '../support/s3-server';
import { cloneTemplate, testRun } from '../support/test-app';

/**
 * `npm run blobs:migrate` as an operator runs it: its own process, a real s3rver process, the
 * file store in DATA_DIR, both directions. Each direction is interrupted part-way (SIGKILL, as a
 * crash; SIGINT, as Ctrl-C) and run again: every blob arrives, verified, and none is copied twice.
 */
jest.setTimeout(120_000);

const root = resolve(__dirname, '../..');
const BLOBS = 60;

let server: S3Server;
let settings: S3Settings;
let databaseUrl: string;
let db: Pool;
const dirs: string[] = [];

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hushdesk-migrate-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  server = await S3Server.start();
  settings = {
    endpoint: server.endpoint,
    bucket: server.bucket,
    region: server.region,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    forcePathStyle: true,
  };
});
beforeEach(async () => {
  databaseUrl = await cloneTemplate(testRun());
  db = new Pool({ connectionString: databaseUrl, max: 2 });
});
afterEach(() => db.end());
afterAll(async () => {
  await server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function withS3<T>(fn: (store: S3BlobStore) => Promise<T>): Promise<T> {
  const store = new S3BlobStore(settings, tempDir());
  await store.onModuleInit();
  try {
    return await fn(store);
  } finally {
    store.onModuleDestroy();
  }
}

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>;
}

/** The command as `npm run blobs:migrate --` runs it, with the API's environment. */
function migrate(args: string[], env: Record<string, string>): Run {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/api/src/cli/blobs-migrate.ts', ...args],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        SWC_NODE_PROJECT: join(root, 'apps/api/tsconfig.spec.json'),
        NODE_ENV: 'test',
        JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
        IDENTIFIER_HMAC_KEY: 'test-identifier-key-that-is-long-enough-012345',
        DATABASE_URL: databaseUrl,
        ...server.env({ BLOB_STORE: 'fs' }),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal, out })),
  );
  return { child, done };
}

const verifiedCount = async (target: string) =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM blob_copies WHERE target LIKE $1 AND verified_at IS NOT NULL`,
      [`${target}%`],
    )
  ).rows[0].n;

/** Waits until the run has verified at least `n` copies (ledger rows), then signals it. */
async function interruptAfter(run: Run, target: string, n: number, signal: NodeJS.Signals) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const count = await verifiedCount(target);
    if (count >= n) break;
    if (run.child.exitCode !== null)
      throw new Error(`migrate ended before ${n} copies: ${(await run.done).out}`);
    if (Date.now() > deadline) throw new Error(`migrate made ${count} copies in 60 s`);
    await new Promise((r) => setTimeout(r, 15));
  }
  run.child.kill(signal);
  return run.done;
}

const copiedIn = (out: string) => Number(/^([\d,]+) blobs \(/m.exec(out)?.[1].replace(/,/g, '') ?? NaN);

async function allHeld(store: BlobStore, blobs: SeededBlob[]) {
  const missing: string[] = [];
  for (const b of blobs) if (!(await holds(store, b))) missing.push(b.key);
  return missing;
}

it('fs → s3: killed mid-way, run again, every blob is in the bucket, verified, none copied twice', async () => {
  const dataDir = tempDir();
  const fs = new FsBlobStore(join(dataDir, 'blobs'));
  const blobs = await seedOwnedBlobs(db, fs, BLOBS - 2);

  const first = migrate(['--to', 's3', '--concurrency', '1'], { DATA_DIR: dataDir });
  const killed = await interruptAfter(first, 's3:', 10, 'SIGKILL');
  expect(killed.signal).toBe('SIGKILL');
  const before = await verifiedCount('s3:');
  expect(before).toBeGreaterThanOrEqual(10);
  expect(before).toBeLessThan(blobs.length);

  const second = await migrate(['--to', 's3'], { DATA_DIR: dataDir }).done;
  expect(second.code).toBe(0);
  // Only what the killed run had not verified is copied again.
  expect(copiedIn(second.out)).toBe(blobs.length - before);
  expect(second.out).toContain(`${before} were copied by an earlier run`);
  expect(second.out).toMatch(/Every blob is in s3, verified/);
  expect(second.out).toContain('BLOB_STORE=s3');
  expect(await verifiedCount('s3:')).toBe(blobs.length);
  expect(await withS3((s3) => allHeld(s3, blobs))).toEqual([]);
  // The source is as it was.
  expect(await allHeld(fs, blobs)).toEqual([]);

  // Nothing left to do: a third run copies nothing. With an API instance connected, it says that
  // blobs may still be written, and to stop the API and run again before switching.
  const api = new Pool({ connectionString: databaseUrl, max: 1, application_name: 'hushdesk' });
  await api.query('SELECT 1');
  try {
    const third = await migrate(['--to', 's3'], { DATA_DIR: dataDir }).done;
    expect(third.code).toBe(0);
    expect(copiedIn(third.out)).toBe(0);
    expect(third.out).toMatch(/1 API connection\(s\) are open/);
    expect(third.out).toMatch(/stop every API instance, run this again/);
  } finally {
    await api.end();
  }
});

it('s3 → fs: stopped with Ctrl-C, run again, every blob is in DATA_DIR, verified, none copied twice', async () => {
  const blobs = await withS3((s3) => seedOwnedBlobs(db, s3, BLOBS - 2));
  const dataDir = tempDir();
  const env = { DATA_DIR: dataDir, BLOB_STORE: 's3' };

  const first = migrate(['--to', 'fs', '--concurrency', '1'], env);
  const stopped = await interruptAfter(first, 'fs:', 10, 'SIGINT');
  // Ctrl-C: the blobs in flight finish, the run says how to resume, and exits 130.
  expect(stopped.code).toBe(130);
  expect(stopped.out).toMatch(/Run the same command again to resume/);
  const before = await verifiedCount('fs:');
  expect(before).toBeLessThan(blobs.length);

  const second = await migrate(['--to', 'fs'], env).done;
  expect(second.code).toBe(0);
  expect(copiedIn(second.out)).toBe(blobs.length - before);
  expect(second.out).toMatch(/Every blob is in fs, verified/);
  expect(await allHeld(new FsBlobStore(join(dataDir, 'blobs')), blobs)).toEqual([]);
  expect(await withS3((s3) => allHeld(s3, blobs))).toEqual([]);
});

it('refuses to copy into the store in use, and names a missing S3 variable', async () => {
  const dataDir = tempDir();
  // Three separate processes, started together to save their start-up time.
  const [same, noBucket, badArg] = await Promise.all([
    migrate(['--to', 's3'], { DATA_DIR: dataDir, BLOB_STORE: 's3' }).done,
    migrate(['--to', 's3'], { DATA_DIR: dataDir, S3_BUCKET: '' }).done,
    migrate(['--to', 'tape'], { DATA_DIR: dataDir }).done,
  ]);
  expect(same.code).toBe(64);
  expect(same.out).toMatch(/BLOB_STORE is already s3/);
  expect(noBucket.code).toBe(64);
  expect(noBucket.out).toMatch(/S3_BUCKET/);
  expect(noBucket.out).not.toMatch(/\n\s+at /); // no stack trace
  expect(badArg.code).toBe(64);
  expect(badArg.out).toMatch(/--to must be fs or s3/);
});

/** An S3 target whose uploads lose their tail, as a cut-off upload the store accepted would. */
class ShortUploadingStore extends S3BlobStore {
  override async putFile(key: string, path: string): Promise<void> {
    await truncate(path, 10);
    await super.putFile(key, path);
  }
}

it('catches a short copy in the bucket by its checksum, and deletes it there', async () => {
  const dataDir = tempDir();
  const fs = new FsBlobStore(join(dataDir, 'blobs'));
  const blobs = await seedOwnedBlobs(db, fs, 1);
  const ds = await new DataSource(dataSourceOptions(databaseUrl, 2)).initialize();
  const target = new ShortUploadingStore(settings, tempDir());
  try {
    const report = await new BlobStoreMigration(new BlobCopiesRepository(ds), fs, target, 's3:short').run();
    expect(report.copied).toBe(0);
    expect(report.failures.map((f) => f.reason)).toEqual(blobs.map(() => 'checksum mismatch'));
    for (const b of blobs) expect(await target.size(b.key)).toBeNull();
  } finally {
    target.onModuleDestroy();
    await ds.destroy();
  }
});
