// Shared by the bench scripts (`npm run bench:*`): which database, which key, who the subject is,
// and how to load the app's TypeScript (identifier index, keyed hash) in plain Node.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, release, tmpdir, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import { apiNodeArgs, root, run } from './lib.mjs';

export const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432';
/** ≥ 32 characters, as the API requires; the seed and the API must use the same one. */
export const DEFAULT_HMAC_KEY = 'hushdesk-bench-identifier-key-not-a-secret-0001';

/** The data subject the DSAR benchmark asks about, planted by the seed. */
export const SUBJECT = {
  fullName: 'Bench Subject',
  email: 'bench.subject@dsar-subject.example',
  phone: '+447911123456',
  organisation: 'DSAR Bench Subject Ltd',
};
export const DPO = { email: 'bench.dpo@hushdesk-bench.example', password: 'bench-dpo-password-123' };

export const say = (s = '') => process.stdout.write(`${s}\n`);

/** `--name value` from argv, or the fallback. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  return v === undefined || v.startsWith('--') ? true : v;
}

/** `--name N`, a whole number from `min` to `max`, or `fallback` when not given. */
export function intArg(name, fallback, min, max) {
  const v = Number(arg(name, String(fallback)));
  if (!(Number.isInteger(v) && v >= min && v <= max))
    throw new Error(`--${name} must be an integer ${min}–${max}`);
  return v;
}

export function scaleArg() {
  const scale = Number(arg('scale', '0.1'));
  if (!(scale > 0 && scale <= 10)) throw new Error('--scale must be a number in (0, 10]');
  return scale;
}

export function hmacKey() {
  const key = process.env.IDENTIFIER_HMAC_KEY || DEFAULT_HMAC_KEY;
  if (key.length < 32) throw new Error('IDENTIFIER_HMAC_KEY must be at least 32 characters');
  return key;
}

/**
 * The bench database: BENCH_DATABASE_URL when it names a database (other than `postgres`), else
 * `hushdesk_bench_<scale>` on BENCH_DATABASE_URL's server or 127.0.0.1:5432. The seed drops and
 * recreates it, so its name must contain "bench".
 */
export function benchDatabase(scale) {
  const given = process.env.BENCH_DATABASE_URL;
  const url = new URL(given || DEFAULT_SERVER);
  let name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name || name === 'postgres') name = `hushdesk_bench_${String(scale).replace('.', '_')}`;
  if (!/^[a-z0-9_]+$/.test(name) || !name.includes('bench')) {
    throw new Error(`refusing to use database "${name}": the bench database's name must contain "bench"`);
  }
  url.pathname = `/${name}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return { name, url: url.toString(), adminUrl: admin.toString() };
}

/** Loads the app's TypeScript sources (as the migration CLI does): SWC, with the API's path aliases. */
export function appSources() {
  process.env.SWC_NODE_PROJECT ??= resolve(root, 'apps/api/tsconfig.spec.json');
  const require = createRequire(import.meta.url);
  require('@swc-node/register');
  require('reflect-metadata');
  const privacy = require('../libs/privacy/src/index.ts');
  const { IdentifierIndex } = require('../apps/api/src/privacy/identifier-index.service.ts');
  const repositories = {
    mentions: require('../apps/api/src/privacy/identifier-mentions.repository.ts')
      .IdentifierMentionsRepository,
    people: require('../apps/api/src/people/person-privacy.repository.ts').PersonPrivacyRepository,
    tickets: require('../apps/api/src/tickets/ticket-lookup.repository.ts').TicketLookupRepository,
    messages: require('../apps/api/src/messages/message-redaction.repository.ts').MessageRedactionRepository,
    recordings: require('../apps/api/src/recordings/recordings.repository.ts').RecordingsRepository,
    attachments: require('../apps/api/src/attachments/attachment-redaction.repository.ts')
      .AttachmentRedactionRepository,
  };
  return { privacy, IdentifierIndex, repositories };
}

/**
 * The app's own IdentifierIndex, on a plain pg client: `manager.query` returns rows like TypeORM's.
 * Used to write the planted subject's index entries and to check the bulk ones.
 */
export function identifierIndex(client, key) {
  const { IdentifierIndex, privacy, repositories: r } = appSources();
  const manager = { query: async (sql, params) => (await client.query(sql, params)).rows };
  // Repositories run on `manager`, passed as the transaction or found as the pool's manager.
  const dataSource = { manager };
  const people = new r.people(dataSource);
  const index = new IdentifierIndex(
    null,
    new r.mentions(dataSource),
    people,
    new r.tickets(dataSource),
    new r.messages(dataSource),
    new r.recordings(dataSource),
    new r.attachments(dataSource),
    { identifierKey: Buffer.from(key, 'utf8') },
  );
  return { index, manager, privacy };
}

export const fmt = (n) => Math.round(n).toLocaleString('en-GB');
export const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

export const JWT_SECRET = 'hushdesk-bench-jwt-secret-not-a-secret-0001';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/**
 * A signed-in user of the bench database (person + user with an argon2id password, indexed like any
 * person), created once and reused: `{email, password, role, fullName, organisationId?}`.
 */
export async function ensureUser(client, key, who) {
  const require = createRequire(import.meta.url);
  const { hash } = require('@node-rs/argon2');
  const { index, manager, privacy } = identifierIndex(client, key);
  const passwordHash = await hash(who.password);
  const email = privacy.normaliseEmail(who.email);
  const { rows } = await client.query(
    'SELECT u.id FROM users u JOIN people p ON p.id = u.person_id WHERE p.email = $1',
    [email],
  );
  if (rows.length) {
    await client.query('UPDATE users SET password_hash = $2, disabled_at = NULL WHERE id = $1', [
      rows[0].id,
      passwordHash,
    ]);
    return rows[0].id;
  }
  await client.query('BEGIN');
  const [person] = (
    await client.query('INSERT INTO people (full_name, name_key, email) VALUES ($1, $2, $3) RETURNING id', [
      who.fullName,
      privacy.normaliseName(who.fullName),
      email,
    ])
  ).rows;
  await index.indexPerson(manager, { id: person.id, email, phone: null, fullName: who.fullName });
  const [user] = (
    await client.query(
      'INSERT INTO users (person_id, role, password_hash, organisation_id) VALUES ($1, $2, $3, $4) RETURNING id',
      [person.id, who.role, passwordHash, who.organisationId ?? null],
    )
  ).rows;
  await client.query('COMMIT');
  return user.id;
}

/**
 * Starts the built API (dist/apps/api/apps/api/src/main.js) on a bench database and waits for
 * /api/health. `env` adds or overrides variables (e.g. REDIS_URL, JOBS_ENABLED), `nodeArgs` go to node
 * (e.g. --cpu-prof). Returns
 * `{baseUrl, pid, stop()}`; its log goes to `logFile`.
 */
export async function startApi({ databaseUrl, key, port, logFile, env = {}, nodeArgs = [] }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hushdesk-bench-'));
  const log = createWriteStream(logFile);
  const api = spawn(process.execPath, [...nodeArgs, ...apiNodeArgs({ ...process.env, ...env })], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      IDENTIFIER_HMAC_KEY: key,
      JWT_SECRET,
      JOBS_ENABLED: '1',
      HUSHDESK_DEMO: '0',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: 'warn',
      REDIS_URL: '',
      ...env,
    },
  });
  // Both streams into one file: neither may end it while the other still writes.
  api.stdout.pipe(log, { end: false });
  api.stderr.pipe(log, { end: false });
  let exited = null;
  api.on('exit', (code, signal) => (exited = signal ?? code));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) throw new Error(`the API exited (${exited}) while starting; see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`the API did not start within 3 minutes; see ${logFile}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  const stop = async () => {
    if (exited !== null) return;
    const done = new Promise((r) => api.once('exit', r));
    api.kill('SIGTERM');
    const timer = setTimeout(() => api.kill('SIGKILL'), 20_000);
    await done;
    clearTimeout(timer);
  };
  return { baseUrl, pid: api.pid, stop };
}

/** Builds the API with Nx (cached when up to date), unless `--no-build`. */
export async function buildApi() {
  if (arg('no-build', false)) return;
  say('Building the API (nx, cached when up to date)…');
  await run('npx', ['nx', 'run', 'api:build', '--outputStyle=static'], {
    env: { NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The machine, for every benchmark's table. */
export async function machine(client) {
  const { rows } = await client.query("SELECT version() AS v, current_setting('shared_buffers') AS sb");
  return [
    `os        ${type()} ${release()}`,
    `cpus      ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
    `memory    ${Math.round(totalmem() / 2 ** 30)} GiB`,
    `node      ${process.version}`,
    `postgres  ${rows[0].v.split(' on ')[0]} (shared_buffers ${rows[0].sb})`,
    `date      ${new Date().toISOString()}`,
  ];
}

/**
 * Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one
 * machine: performance.timeOrigin is the wall clock (in µs) when the process started, and
 * performance.now() the monotonic time since. Use it on both sides of a cross-process measurement.
 */
export const wallClockMs = () => performance.timeOrigin + performance.now();

/** `pid` and its descendants (the API's cluster workers), from /proc's parent links. */
export function processTree(pid) {
  const parents = new Map();
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      parents.set(Number(p), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++)
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  return tree;
}

/** One process's resident memory in MB, or NaN once it is gone. */
export function ownRssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** With API_WORKERS, /api/health answers once one worker listens: wait for the primary's line. */
export async function allWorkersUp(logFile, n) {
  const deadline = Date.now() + 120_000;
  while (!readFileSync(logFile, 'utf8').includes(`${n} API workers listening`)) {
    if (Date.now() > deadline) throw new Error(`the ${n} API workers did not all start; see ${logFile}`);
    await sleep(200);
  }
}
