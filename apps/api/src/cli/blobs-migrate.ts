// `npm run blobs:migrate -- --to s3` (or `--to fs`): copies every blob the database points at
// (attachments, call audio, raw emails, DSAR evidence and packages) from the store BLOB_STORE names
// to the other one: the file store under DATA_DIR/blobs, or the bucket of the S3_* variables. Each
// copy is read back and compared by SHA-256 before it counts; the source is only read. Progress is
// kept in the database (`blob_copies`), so Ctrl-C (or a crash) and running again resumes.
// Switching BLOB_STORE is the operator's step afterwards; the end of the run says how.
//
// In the Docker image: `node dist/apps/api/apps/api/src/cli/blobs-migrate.js --to s3`.
//
// Options: --to fs|s3 (required), --fresh (forget what earlier runs copied to this target, e.g.
// after the bucket was emptied), --concurrency N (4).
import { join, resolve } from 'node:path';
import type { BlobStore } from '../blobs/blob-store';
import { FsBlobStore } from '../blobs/fs-blob-store';
import { BlobCopiesRepository } from '../blobs/migration/blob-copies.repository';
import { BlobStoreMigration, type MigrationReport } from '../blobs/migration/blob-store-migration';
import { S3BlobStore } from '../blobs/s3-blob-store';
import { buildAppConfig } from '../config/app-config';
import { ConfigurationError, validateEnvironment } from '../config/environment';
import { commandLineDataSource } from '../database/data-source';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { SchemaMigrator } from '../database/schema-migrator';
import { type ProgressBar, ProgressBoard } from './progress-board';

type Kind = 'fs' | 's3';
const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface Options {
  to: Kind;
  fresh: boolean;
  concurrency: number;
}

function options(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i < 0 ? undefined : argv[i + 1];
  };
  const to = value('to');
  if (to !== 'fs' && to !== 's3')
    throw new UsageError('--to must be fs or s3: the store to copy the blobs to');
  const concurrency = Number(value('concurrency') ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    throw new UsageError('--concurrency must be a whole number from 1 to 32');
  return { to, fresh: argv.includes('--fresh'), concurrency };
}

class UsageError extends Error {}

/** A store of each kind from the same environment the API reads, and its name in the ledger. */
function openStore(
  kind: Kind,
  env: NodeJS.ProcessEnv,
  databaseUrl: string,
): { store: BlobStore; name: string; init(): Promise<void>; close(): void } {
  const vars = validateEnvironment({ ...env, BLOB_STORE: kind, JOBS_ENABLED: '0' });
  const config = buildAppConfig(vars, databaseUrl, { embedded: !env.DATABASE_URL });
  if (kind === 'fs') {
    const store = new FsBlobStore(config.blobDir);
    return {
      store,
      name: `fs:${resolve(config.blobDir)}`,
      init: () => store.onModuleInit(),
      close: () => undefined,
    };
  }
  const s3 = config.s3;
  if (!s3) throw new ConfigurationError(['S3_BUCKET is required to copy to or from S3']);
  const store = new S3BlobStore(s3, join(config.blobDir, 'tmp'));
  return {
    store,
    name: `s3:${s3.endpoint ?? `aws:${s3.region}`}/${s3.bucket}`,
    init: () => store.onModuleInit(),
    close: () => store.onModuleDestroy(),
  };
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const env = process.env;
  const current = validateEnvironment({ ...env, JOBS_ENABLED: '0' });
  const from: Kind = opts.to === 's3' ? 'fs' : 's3';
  if (current.BLOB_STORE === opts.to) {
    throw new UsageError(
      `BLOB_STORE is already ${opts.to}: the API reads its blobs from there. ` +
        `This copies from the store in use (BLOB_STORE=${from}) to the other one.`,
    );
  }
  const embedded = current.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dir: resolve(current.DATA_DIR, 'pg') });
  const databaseUrl = current.DATABASE_URL ?? (embedded as { url: string }).url;
  const ds = commandLineDataSource(databaseUrl, 'hushdesk-blobs-migrate');
  const source = openStore(from, env, databaseUrl);
  const target = openStore(opts.to, env, databaseUrl);
  try {
    await ds.initialize();
    await new SchemaMigrator(ds).migrate();
    await source.init();
    await target.init();
    const ledger = new BlobCopiesRepository(ds);
    if (opts.fresh) await ledger.forgetTarget(target.name);

    const stop = new AbortController();
    const onSignal = () => {
      if (stop.signal.aborted) process.exit(130);
      stop.abort();
      process.stderr.write(
        '\nStopping after the blobs in flight (again to quit now); run again to resume.\n',
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    process.stdout.write(`Copying blobs from ${from} (${source.name}) to ${opts.to} (${target.name})\n`);
    const board = new ProgressBoard();
    let bar: ProgressBar | undefined;
    const started = Date.now();
    const report = await new BlobStoreMigration(
      ledger,
      source.store,
      target.store,
      target.name,
      opts.concurrency,
    )
      .run(
        {
          pass: (n, pending) => {
            bar?.done();
            bar = board.bar(n === 1 ? 'blobs' : `written meanwhile (${n})`, pending, 'blobs', {
              tenths: true,
            });
          },
          copied: () => bar?.add(1),
          failed: (key, reason) => {
            bar?.add(1);
            board.note(`✗ ${key}: ${reason}`);
          },
        },
        stop.signal,
      )
      .finally(() => {
        bar?.done();
        board.close();
      });
    const api = await ledger.apiSessions();
    return summarise(report, { from, to: opts.to, ms: Date.now() - started, api });
  } finally {
    source.close();
    target.close();
    if (ds.isInitialized) await ds.destroy();
    await embedded?.stop();
  }
}

function summarise(r: MigrationReport, run: { from: Kind; to: Kind; ms: number; api: number }): number {
  const say = (line = '') => process.stdout.write(`${line}\n`);
  say(
    `${fmt(r.copied)} blobs (${fmt(r.bytes / 1e6)} MB) copied in ${secs(run.ms)}, each read back from ${run.to} ` +
      `and matched by SHA-256; ${fmt(r.alreadyCopied)} were copied by an earlier run; ` +
      `${fmt(r.pruned)} copies pruned (their owner was deleted).`,
  );
  say(`The ${run.from} store was only read: nothing the API uses has changed.`);
  if (r.stopped) {
    say('Stopped before the end. Run the same command again to resume: verified copies are not redone.');
    return 130;
  }
  if (r.failures.length) {
    say(`${fmt(r.failures.length)} blobs were not copied:`);
    for (const f of r.failures) say(`  ${f.key}: ${f.reason}${f.detail ? ` (${f.detail})` : ''}`);
    say('Run again to retry them. One missing in the source was already missing for the API.');
    return 2;
  }
  say();
  if (run.api > 0) {
    say(
      `Every blob is in ${run.to}, but ${run.api} API connection(s) are open: blobs written from now on are not.`,
    );
    say(
      'Next: stop every API instance, run this again (it copies only what was written meanwhile), then switch.',
    );
  } else {
    // Behind a pooler (PgBouncer) the API's sessions may not show under its name: hence "seen".
    say(`Every blob is in ${run.to}, verified, and no API connection is seen. With the API stopped, switch:`);
  }
  const vars =
    run.to === 's3'
      ? 'BLOB_STORE=s3, with the S3_* variables this run used'
      : 'BLOB_STORE=fs (or unset it), with the DATA_DIR this run used';
  say(`  1. Set ${vars}, on every API instance, and start them.`);
  say('  2. Check that attachments and call audio open.');
  say(
    `  3. Then empty the ${run.from} store: retention and erasure delete only from the store in use, ` +
      'so the old copies would outlive them (see docs/operations.md, "Moving blobs between stores").',
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`blobs:migrate: ${message}\n`);
    process.exit(e instanceof UsageError || e instanceof ConfigurationError ? 64 : 1);
  },
);
