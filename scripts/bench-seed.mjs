// `npm run bench:seed -- --scale 0.1`: a dedicated database for the benchmarks (bench:dsar, bench:http …).
//
// Drops and recreates `hushdesk_bench_<scale>` (or BENCH_DATABASE_URL's database; see bench-common.mjs),
// runs the app's migrations on it, then fills it at scale S through COPY … FROM STDIN, two tables at a
// time: 10k×S organisations (min 10), 100k×S customers (person + user), 200×S engineers (min 5) and a
// DPO, 1M×S tickets, 5M×S messages (~5% mention a random person's email or phone, ~1% their name, in
// the ways people write them; ticket descriptions 2% and 0.5%), 1M×S call recordings from people's
// numbers, the identifier index for all of it (keyed hashes: libs/privacy keyedHash with
// IDENTIFIER_HMAC_KEY, default the bench key), three years of nightly retention runs, and the audit
// trail (~0.3 entries a ticket: engineers reading and revealing contact details, retention runs,
// recording holds), hash-chained as AuditService.record chains it.
//
// Rows are generated in Node (scripts/bench-seed/), each a deterministic function of its number, so
// the same scale always gives the same database. The bulk tables' indexes and foreign keys are taken
// off for the load and put back exactly as the migrations made them (checked). Then one data subject,
// "Bench Subject", is planted with ~50 items through the app's own IdentifierIndex, a sample of the
// bulk index is checked against the same code, and the whole audit chain against AuditService.verify.
//
// Options: --scale S (0.1), --sample N (texts checked against the app's indexer, 2000).
import pg from 'pg';
import { run } from './lib.mjs';
import {
  SUBJECT,
  arg,
  benchDatabase,
  fmt,
  hmacKey,
  identifierIndex,
  say,
  scaleArg,
  secs,
} from './bench-common.mjs';
import { copyInto } from './bench-seed/copy.mjs';
import { runPlan } from './bench-seed/plan.mjs';
import { ProgressBoard } from './bench-seed/progress.mjs';
import {
  catchUpSequences,
  dropIndexes,
  foreignKeyTasks,
  restoreTasks,
  schemaDefinitions,
} from './bench-seed/schema.mjs';
import { plantSubject } from './bench-seed/subject.mjs';
import { copyJobs } from './bench-seed/tables.mjs';
import { verifyAudit, verifyIndexSample } from './bench-seed/verify.mjs';
import { World, sizes } from './bench-seed/world.mjs';

const SCALE = scaleArg();
const KEY = hmacKey();
const SAMPLE = Number(arg('sample', '2000'));
const db = benchDatabase(SCALE);
const N = sizes(SCALE);
/** The tables loaded without their indexes and foreign keys. */
const BULK_TABLES = [
  'organisations',
  'people',
  'users',
  'tickets',
  'ticket_messages',
  'recordings',
  'identifier_mentions',
  'audit_log',
];
/** The load order: longest first, so neither connection is left with a long table at the end. */
const LOAD_ORDER = [
  'ticket_messages',
  'tickets',
  'identifier_mentions',
  'recordings',
  'audit_log',
  'people',
  'users',
  'organisations',
  'retention_runs',
];
const started = Date.now();
const BASE = Math.floor(started / 60_000) * 60_000; // "now" for every generated date
const timings = [];

async function step(label, fn) {
  const t0 = Date.now();
  const timing = [label, 0];
  timings.push(timing); // before the steps it contains
  const out = await fn();
  timing[1] = Date.now() - t0;
  say(`✓ ${label} (${secs(timing[1])})`);
  return out;
}

async function connect() {
  const c = new pg.Client({ connectionString: db.url, application_name: 'hushdesk-bench-seed' });
  await c.connect();
  await c.query('SET synchronous_commit = off');
  await c.query("SET maintenance_work_mem = '1GB'");
  await c.query("SET work_mem = '64MB'");
  await c.query('SET jit = off');
  // Two index builds already keep both cores busy; parallel workers would only queue behind them.
  await c.query('SET max_parallel_maintenance_workers = 0');
  return c;
}

async function main() {
  say(`Hushdesk bench seed: scale ${SCALE} → database ${db.name}`);
  say(
    `  ${fmt(N.orgs)} organisations, ${fmt(N.people)} customers, ${fmt(N.engineers)} engineers, ` +
      `${fmt(N.tickets)} tickets, ${fmt(N.messages)} messages, ${fmt(N.recordings)} recordings`,
  );

  // 1. A fresh database with the app's schema.
  await step('database recreated', async () => {
    const admin = new pg.Client({ connectionString: db.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${db.name}`);
    await admin.end();
  });
  await step('migrations', () =>
    run('node', ['scripts/migration.mjs', 'run'], {
      env: { DATABASE_URL: db.url },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );

  const a = await connect();
  const b = await connect();
  const app = identifierIndex(a, KEY);
  const { privacy } = app;
  const world = new World(N, BASE, privacy);
  const key = Buffer.from(KEY, 'utf8');
  const hash = (kind, value) => privacy.keyedHash(key, kind, value);

  // 2. Off with the bulk tables' indexes and foreign keys; keep their exact definitions.
  const schema = await schemaDefinitions(a);
  const dropped = await step(`dropped the indexes and foreign keys of ${BULK_TABLES.join(', ')}`, () =>
    dropIndexes(a, BULK_TABLES),
  );

  // 3. The load and the rebuild as one plan on two connections (this machine's two cores): each
  // index as soon as its table is in, so the messages' full-text index starts while the rest loads.
  const groups = (await a.query('SELECT id FROM ticket_groups ORDER BY name')).rows.map((g) => g.id);
  const jobs = copyJobs(world, { groups, hash, privacy });
  const board = new ProgressBoard();
  const note = (line) => board.note(line);
  const rows = {};
  const copyTasks = LOAD_ORDER.map((table) => ({
    name: `copy:${table}`,
    after: [],
    run: async (c) => {
      const job = jobs[table];
      const t0 = Date.now();
      const bar = board.bar(table, job.total);
      rows[table] = await copyInto(c, job.table, job.columns, job.lines(), { bar, freeze: job.freeze });
      timings.push([`  COPY ${table} (${fmt(rows[table])} rows)`, Date.now() - t0]);
    },
  }));
  // A full-text GIN index costs several b-trees over the same rows.
  const weight = (i) => jobs[i.tbl].total * (/ USING gin /.test(i.def) ? 4 : 1);
  const restoreBar = board.bar('indexes and keys', dropped.indexes.length + dropped.fks.length, 'built');
  const builds = [];
  const record = (label, ms) => builds.push([`  ${label}`, ms]);
  const restore = restoreTasks(dropped, { weight, note, bar: restoreBar, record });
  // Rows written by COPY FREEZE are already frozen and all-visible: statistics are all they need.
  const analyzeTasks = LOAD_ORDER.map((table) => ({
    name: `analyze:${table}`,
    after: [
      BULK_TABLES.includes(table) ? `table:${table}` : `copy:${table}`,
      ...foreignKeyTasks(dropped, table),
    ],
    run: (c) => c.query(`${jobs[table].freeze ? 'ANALYZE' : 'VACUUM (ANALYZE)'} ${table}`),
  }));
  let chain;
  const auditTask = {
    name: 'audit:verify',
    after: ['table:audit_log'],
    run: async (c) => {
      const t0 = Date.now();
      chain = await verifyAudit(c, rows.audit_log, note);
      timings.push(['  audit chain checked with AuditService.verify', Date.now() - t0]);
    },
  };
  await step('COPY, indexes and keys', () =>
    runPlan([a, b], [...copyTasks, ...restore, auditTask, ...analyzeTasks])
      .then(() => restoreBar.done())
      .finally(() => board.close()),
  );
  const buildMs = builds.reduce((sum, [, ms]) => sum + ms, 0);
  timings.push([`  ${builds.length} index builds and key checks, in all`, buildMs]);
  timings.push(...builds.sort((x, y) => y[1] - x[1]).slice(0, 5));

  // 4. Checked against the migrations' schema; sequences past the loaded rows.
  const after = await schemaDefinitions(a);
  const differences = [
    ...schema.filter((d) => !after.includes(d)).map((d) => `missing: ${d}`),
    ...after.filter((d) => !schema.includes(d)).map((d) => `extra: ${d}`),
  ];
  if (differences.length) throw new Error(`the schema was not restored exactly:\n${differences.join('\n')}`);
  say(`  schema as the migrations made it: ${schema.length} indexes, constraints and triggers`);
  const moved = await step('sequences caught up', () => catchUpSequences(a));
  say(`  ${moved.join(', ')}`);

  // 5. The data subject, through the app's own identifier index.
  const planted = await step('planted the data subject', () => plantSubject(a, world, app));

  // 6. The bulk index against the app's indexer, on a sample.
  if (SAMPLE > 0)
    await step('index sample checked against IdentifierIndex', () => verifyIndexSample(a, app, SAMPLE));
  await a.query('CHECKPOINT').catch(() => undefined); // superusers only; it only saves the bench a checkpoint

  const [counts] = (
    await a.query(`SELECT (SELECT count(*) FROM organisations)::int AS organisations, (SELECT count(*) FROM people)::int AS people,
        (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM tickets)::int AS tickets,
        (SELECT count(*) FROM ticket_messages)::int AS messages, (SELECT count(*) FROM recordings)::int AS recordings,
        (SELECT count(*) FROM identifier_mentions)::int AS identifier_mentions,
        (SELECT count(*) FROM audit_log)::int AS audit_log, (SELECT count(*) FROM retention_runs)::int AS retention_runs,
        pg_size_pretty(pg_database_size(current_database())) AS size`)
  ).rows;
  const seconds = Math.round((Date.now() - started) / 1000);
  const comment = JSON.stringify({
    hushdeskBench: 'dsar',
    scale: SCALE,
    seededAt: new Date().toISOString(),
    seedSeconds: seconds,
    loader: 'copy',
    auditChain: `verified: ${chain.entries} entries`,
    ...counts,
  });
  await a.query(`COMMENT ON DATABASE ${db.name} IS '${comment.replaceAll("'", "''")}'`);
  await a.end();
  await b.end();

  say('');
  for (const [label, ms] of timings) say(`  ${secs(ms).padStart(8)}  ${label}`);
  say(`Seeded ${db.name} in ${secs(Date.now() - started)}: ${JSON.stringify(counts)}`);
  say(`Subject: ${SUBJECT.fullName} <${SUBJECT.email}>, ${SUBJECT.phone}: ${JSON.stringify(planted)}`);
  say(`Next: npm run bench:dsar -- --scale ${SCALE}`);
}

main().catch((e) => {
  process.stderr.write(`bench:seed failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
