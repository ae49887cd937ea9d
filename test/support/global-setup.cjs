// Provides one PostgreSQL server for the whole run: TEST_DATABASE_URL when set, else an embedded
// one under .data/test-pg. It holds a template database with every migration applied; each test
// file clones it (CREATE DATABASE … TEMPLATE), so files never see each other's rows.
const { mkdirSync, writeFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { Client } = require('pg');

process.env.SWC_NODE_PROJECT ??= resolve(__dirname, '../../apps/api/tsconfig.spec.json');
require('@swc-node/register');

const root = resolve(__dirname, '../..');
const RUN_FILE = resolve(root, '.data/test-run.json');

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Drops databases left by earlier runs that died before their teardown. */
async function dropAbandoned(serverUrl) {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT datname FROM pg_database WHERE datname LIKE 'hushdesk\\_t\\_%'",
    );
    for (const { datname } of rows) {
      const pid = Number(datname.split('_')[2]);
      if (!isAlive(pid)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

/** Redis for the multi-instance tests: TEST_REDIS_URL, else the machine's own if it answers. */
async function findRedis() {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const Redis = require('ioredis');
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
    return url;
  } catch {
    return null;
  } finally {
    client.disconnect();
  }
}

module.exports = async function globalSetup() {
  const started = Date.now();
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const { startEmbeddedPostgres } = require('../../apps/api/src/database/embedded-postgres.ts');
    const db = await startEmbeddedPostgres({ dir: resolve(root, '.data/test-pg') });
    globalThis.__HUSHDESK_EMBEDDED__ = db;
    serverUrl = db.url;
  }
  await dropAbandoned(serverUrl);

  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const template = `hushdesk_t_${runId}_template`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();

  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require('../../apps/api/src/database/data-source.ts');
  const url = new URL(serverUrl);
  url.pathname = `/${template}`;
  const ds = new DataSource(dataSourceOptions(url.toString(), 2));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();

  mkdirSync(resolve(root, '.data'), { recursive: true });
  const redisUrl = await findRedis();
  if (!redisUrl) {
    if (process.env.CI && process.env.CI !== 'false')
      throw new Error('CI needs Redis (TEST_REDIS_URL or 127.0.0.1:6379)');
    process.stderr.write(
      '\n[test] !!! No Redis reachable: the two-instance socket.io test will not run. !!!\n',
    );
  }
  const run = JSON.stringify({ serverUrl, template, runId, redisUrl });
  // Workers read the run from the environment, so two `npm test` runs side by side keep their own
  // templates; the file is for tools that run outside Jest.
  process.env.HUSHDESK_TEST_RUN = run;
  writeFileSync(RUN_FILE, run);
  globalThis.__HUSHDESK_TEST_RUN__ = { serverUrl, runId };
  process.stderr.write(
    `\n[test] PostgreSQL ${process.env.TEST_DATABASE_URL ? 'from TEST_DATABASE_URL' : 'embedded'}; template ready in ${Date.now() - started} ms\n`,
  );
};
