// `npm run bench:blobs`: the blob store under load, the file store and S3 side by side in one run.
//
// Starts an S3-compatible server (s3rver, its own process, on a free port with its own data folder),
// then for each store in turn (--store fs|s3|both; fs first) builds and starts the API on a fresh
// database of its own (`hushdesk_bench_blobs_<pid>`, made again per store and dropped at the end, on
// BENCH_DATABASE_URL's server or 127.0.0.1:5432) with its own DATA_DIR, jobs on, and measures over HTTP:
//   transfer  attachment upload then download, --small (100) files of 1 MB and --large (20) of 25 MB,
//             through 10 connections (ATTACHMENT_MAX_BYTES raised to 30 MB): MB/s, req/s, p50/p99.
//   range     --recordings (20) recordings of 1 MB uploaded through the recordings route, then random
//             64 KB Range GETs of their audio through 10 connections for --duration (10) seconds.
//   dsar      a subject whose phone matches 20 recordings of 5 MB: collection by the DSAR job, the ZIP
//             export, the release (the package stored), and the requester's download: times, sizes.
//   purge     --purge (100,000) expired recordings with audio: rows inserted in bulk by SQL, objects put
//             into the store directly (files in the store's layout, or PutObject), then one retention
//             run (the job) timed until it completes; rows and objects counted afterwards.
// The API's RSS is sampled every 100 ms throughout; each part reports its peak (target < 300 MB).
// Ends with one table, fs beside s3, each against its target.
//
// Options: --store (both), --small N, --large N, --recordings N, --duration SECONDS, --purge N,
//          --json FILE, --no-build. Env: BENCH_DATABASE_URL, IDENTIFIER_HMAC_KEY.
import { ListObjectsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import {
  DEFAULT_SERVER,
  arg,
  buildApi,
  ensureUser,
  fmt,
  freePort,
  hmacKey,
  intArg,
  machine,
  say,
  sleep,
  startApi,
} from './bench-common.mjs';
import { root } from './lib.mjs';

const STORE = String(arg('store', 'both'));
if (!['fs', 's3', 'both'].includes(STORE)) throw new Error('--store must be fs, s3 or both');
const STORES = STORE === 'both' ? ['fs', 's3'] : [STORE];
const int = intArg;
const SMALL = int('small', 100, 10, 100_000);
const LARGE = int('large', 20, 10, 10_000);
const RECORDINGS = int('recordings', 20, 1, 1000);
const DURATION = int('duration', 10, 1, 600);
const PURGE = int('purge', 100_000, 100, 10_000_000);
const CONNECTIONS = 10;
const MB = 1024 * 1024;
const KEY = hmacKey();
const RSS_TARGET_MB = 300;
const BUCKET = 'hushdesk-bench';
// Its own name per run, so two runs on one server never drop each other's database.
const DB_NAME = `hushdesk_bench_blobs_${process.pid}`;
const results = { stores: {} };

const PASSWORD = 'bench-blobs-password-123';
const ORG_NAME = 'Bench Blobs Ltd';
const SUBJECT = {
  fullName: 'Blob Subject',
  email: 'blob.subject@bench-blobs.example',
  phone: '+447700900123',
};

function database() {
  const url = new URL(process.env.BENCH_DATABASE_URL || DEFAULT_SERVER);
  url.pathname = `/${DB_NAME}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return { url: url.toString(), adminUrl: admin.toString() };
}

async function dropDatabase(admin) {
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
}

async function freshDatabase() {
  const db = database();
  const admin = new pg.Client({ connectionString: db.adminUrl });
  await admin.connect();
  await dropDatabase(admin);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  return db.url;
}

function rssMb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return 0; // exited
  }
}

/** The API's RSS every 100 ms; `part(name)` starts a new part and returns the last one's peak. */
function rssSampler(pid) {
  const peaks = {};
  let current = null;
  const timer = setInterval(() => {
    if (current) peaks[current] = Math.max(peaks[current] ?? 0, rssMb(pid));
  }, 100);
  return {
    part: (name) => {
      current = name;
      peaks[name] = Math.max(peaks[name] ?? 0, rssMb(pid));
    },
    peaks,
    stop: () => clearInterval(timer),
  };
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** `count` calls of `one(i)` through `connections` workers: wall time and latencies. */
async function pool(count, connections, one) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const t = performance.now();
      await one(i);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const ms = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { count, ms, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function png(bytes) {
  const b = Buffer.allocUnsafe(bytes);
  randomFillSync(b);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  return b;
}

/** A mono 16-bit WAV of about `bytes`, its samples random (so a ZIP cannot shrink it). */
function wav(bytes) {
  const data = bytes - 44;
  const b = Buffer.alloc(bytes);
  randomFillSync(b, 44);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + data, 4);
  b.write('WAVE', 8);
  b.write('fmt ', 12);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(data, 40);
  return b;
}

/** Reads a response body to the end without keeping it: its size. */
async function drain(res) {
  let n = 0;
  for await (const chunk of res.body) n += chunk.length;
  return n;
}

function client(baseUrl) {
  return async (method, path, { body, token, headers = {}, raw = false } = {}) => {
    const json = body !== undefined && !(body instanceof FormData) && !Buffer.isBuffer(body);
    const res = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        ...(json ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: json ? JSON.stringify(body) : body,
    });
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    }
    if (raw) return res;
    return res.status === 204 ? null : res.json().catch(() => null);
  };
}

// ---- s3rver, a process of its own -------------------------------------------------------------

function accepts(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function startS3() {
  const dir = mkdtempSync(join(tmpdir(), 'hushdesk-bench-s3rver-'));
  const port = await freePort();
  const logFile = join(tmpdir(), `hushdesk-bench-blobs-s3rver-${Date.now()}.log`);
  const log = openSync(logFile, 'w');
  const child = spawn(
    join(root, 'node_modules/.bin/s3rver'),
    ['-d', dir, '-a', '127.0.0.1', '-p', String(port), '--configure-bucket', BUCKET],
    { stdio: ['ignore', log, log] },
  );
  const output = () => readFileSync(logFile, 'utf8').slice(-2000);
  say(`s3rver on port ${port} (log: ${logFile})`);
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  while (!(await accepts(port))) {
    if (exited) throw new Error(`s3rver exited at start: ${output()}`);
    if (Date.now() > deadline) throw new Error(`s3rver did not open port ${port}: ${output()}`);
    await sleep(50);
  }
  const env = {
    BLOB_STORE: 's3',
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_BUCKET: BUCKET,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: '1',
  };
  const sdk = new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    env,
    sdk,
    pid: child.pid,
    stop: async () => {
      sdk.destroy();
      if (!exited) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a store holds, and how to put into it directly: the purge's objects skip the API. */
function storeAccess(kind, dataDir, s3) {
  const blobDir = join(dataDir, 'blobs');
  if (kind === 'fs') {
    return {
      // The file store's layout (fs-blob-store.ts): blobs/<key[0..2]>/<key[2..4]>/<key>.
      put: async (key, bytes) => {
        const dir = join(blobDir, key.slice(0, 2), key.slice(2, 4));
        mkdirSync(dir, { recursive: true });
        await writeFile(join(dir, key), bytes);
      },
      count: async () =>
        readdirSync(blobDir, { withFileTypes: true, recursive: true }).filter(
          (e) => e.isFile() && !e.parentPath.endsWith('/tmp'),
        ).length,
    };
  }
  return {
    put: (key, bytes) => s3.sdk.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes })),
    count: async () => {
      // ListObjects (v1) with a Marker: s3rver 3.7 makes v2's continuation token with a cipher
      // OpenSSL 3 refuses (ERR_OSSL_EVP_UNSUPPORTED), so any truncated v2 listing answers 500.
      let n = 0;
      let after;
      for (;;) {
        const res = await s3.sdk.send(
          new ListObjectsCommand({ Bucket: BUCKET, Marker: after, MaxKeys: 1000 }),
        );
        const keys = res.Contents ?? [];
        n += keys.length;
        if (!res.IsTruncated || !keys.length) break;
        after = keys.at(-1).Key;
      }
      return n;
    },
  };
}

// ---- the parts ------------------------------------------------------------------------------

async function transferPart(call, rss, part, customer, ticketId, size, count) {
  const bytes = png(size);
  const name = `${size / MB}mb.png`;
  const ids = [];
  rss.part(`${part}.upload`);
  const up = await pool(count, CONNECTIONS, async () => {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'image/png' }), name);
    const res = await call('POST', `/tickets/${ticketId}/attachments`, { body: form, token: customer });
    ids.push(res.id);
  });
  let wrong = 0;
  rss.part(`${part}.download`);
  const down = await pool(count, CONNECTIONS, async (i) => {
    const res = await call('GET', `/tickets/${ticketId}/attachments/${ids[i % ids.length]}`, {
      token: customer,
      raw: true,
    });
    if ((await drain(res)) !== size) wrong++;
  });
  if (wrong) throw new Error(`${wrong} download(s) of ${name} came back the wrong size`);
  const figures = (r) => ({
    ...r,
    mbPerSecond: (count * size) / MB / (r.ms / 1000),
    rps: count / (r.ms / 1000),
  });
  const [upload, download] = [figures(up), figures(down)];
  upload.rssPeakMb = rss.peaks[`${part}.upload`];
  download.rssPeakMb = rss.peaks[`${part}.download`];
  return { sizeMb: size / MB, count, upload, download };
}

async function logCall(call, engineer, callerNumber, audio, startedAt = new Date(Date.now() - 86_400_000)) {
  const rec = await call('POST', '/recordings', {
    token: engineer,
    body: { callerNumber, direction: 'inbound', startedAt: startedAt.toISOString(), durationSeconds: 60 },
  });
  await call('PUT', `/recordings/${rec.id}/audio`, {
    token: engineer,
    body: audio,
    headers: { 'content-type': 'audio/wav' },
  });
  return rec.id;
}

async function rangePart(call, baseUrl, engineer) {
  const audio = wav(MB);
  const ids = [];
  for (let i = 0; i < RECORDINGS; i++) ids.push(await logCall(call, engineer, '+447700900999', audio));
  const chunk = 64 * 1024;
  const r = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const start = Math.floor(Math.random() * (audio.length - chunk));
          return {
            ...req,
            path: `/api/recordings/${ids[Math.floor(Math.random() * ids.length)]}/audio`,
            headers: {
              authorization: `Bearer ${engineer}`,
              range: `bytes=${start}-${start + chunk - 1}`,
            },
          };
        },
      },
    ],
  });
  // autocannon counts 2xx; a 206 is one.
  return {
    recordings: RECORDINGS,
    rangeBytes: chunk,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    mbPerSecond: r.throughput.average / MB,
  };
}

async function dsarPart(call, db, engineer, dpo) {
  const { rows: org } = await db.query('SELECT id FROM organisations WHERE name = $1', [ORG_NAME]);
  const userId = await ensureUser(db, KEY, {
    ...SUBJECT,
    password: PASSWORD,
    role: 'customer',
    organisationId: org[0].id,
  });
  const { rows } = await db.query('SELECT person_id FROM users WHERE id = $1', [userId]);
  const { accessToken: subject } = await call('POST', '/auth/login', {
    body: { email: SUBJECT.email, password: PASSWORD },
  });
  await call('PATCH', `/people/${rows[0].person_id}`, { token: subject, body: { phone: SUBJECT.phone } });
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) {
    await logCall(call, engineer, SUBJECT.phone, wav(5 * MB), new Date(Date.now() - (i + 1) * 3_600_000));
  }
  const uploadMs = performance.now() - t0;

  const created = await call('POST', '/dsar', {
    token: dpo,
    body: { kind: 'access', subject: { email: SUBJECT.email }, channel: 'email' },
  });
  await call('POST', `/dsar/${created.id}/verify`, { token: dpo, body: { method: 'id_document' } });
  const c0 = performance.now();
  await call('POST', `/dsar/${created.id}/collect`, { token: dpo });
  let detail;
  for (;;) {
    detail = await call('GET', `/dsar/${created.id}`, { token: dpo });
    if (detail.status !== 'collecting') break;
    if (performance.now() - c0 > 300_000) throw new Error('collection did not finish within 5 minutes');
    await sleep(50);
  }
  const collectMs = performance.now() - c0;
  if (detail.status !== 'in_review') throw new Error(`collection ended in status ${detail.status}`);
  const { rows: items } = await db.query(
    "SELECT count(*)::int AS n FROM dsar_items WHERE dsar_id = $1 AND item_type = 'recording'",
    [created.id],
  );

  const e0 = performance.now();
  const exportBytes = await drain(
    await call('GET', `/dsar/${created.id}/export?format=zip`, { token: dpo, raw: true }),
  );
  const exportMs = performance.now() - e0;
  const r0 = performance.now();
  const released = await call('POST', `/dsar/${created.id}/release`, { token: dpo });
  const releaseMs = performance.now() - r0;
  const d0 = performance.now();
  const path = released.downloadPath.replace(/^\/api/, '');
  const downloadBytes = await drain(
    await call('GET', path, {
      raw: true,
      headers: released.oneTimeCode ? { 'x-download-code': released.oneTimeCode } : {},
    }),
  );
  const downloadMs = performance.now() - d0;
  return {
    recordings: items[0].n,
    recordingMb: 5,
    uploadMs,
    collectMs,
    exportMs,
    exportMb: exportBytes / MB,
    releaseMs,
    downloadMs,
    packageMb: downloadBytes / MB,
  };
}

async function purgePart(call, db, dpo, store) {
  // Rows: expired a day ago, each with a 64-byte audio object under a key of the app's shape.
  const p0 = performance.now();
  const { rows: keys } = await db.query(
    `INSERT INTO recordings (caller_number, direction, started_at, duration_seconds, audio_blob_key,
                             audio_content_type, audio_size_bytes, expires_at)
     SELECT '+447700900555', 'inbound', now() - interval '400 days', 60, md5('bench-purge-' || g || $2),
            'audio/wav', 64, now() - interval '1 day'
       FROM generate_series(1, $1) g
     RETURNING audio_blob_key AS k`,
    [PURGE, Date.now()],
  );
  const insertMs = performance.now() - p0;
  const bytes = wav(64);
  const o0 = performance.now();
  let next = 0;
  let retries = 0;
  // s3rver answers an occasional 500 under concurrent PUTs; a put is retried, and the retries counted.
  const put = async (key) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await store.put(key, bytes);
      } catch (e) {
        if (attempt >= 5) throw e;
        retries++;
        await sleep(50 * attempt);
      }
    }
  };
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let i = next++; i < keys.length; i = next++) await put(keys[i].k);
    }),
  );
  const objectsMs = performance.now() - o0;
  const before = await store.count();

  const t0 = performance.now();
  const run = await call('POST', '/retention/runs', { token: dpo, body: { dryRun: false } });
  let status;
  for (;;) {
    status = await call('GET', `/retention/runs/${run.id}`, { token: dpo });
    if (status.status === 'completed' || status.status === 'failed') break;
    if (performance.now() - t0 > 3_600_000)
      throw new Error('the retention run did not finish within an hour');
    await sleep(200);
  }
  const runMs = performance.now() - t0;
  if (status.status !== 'completed') throw new Error(`the retention run ${status.status}`);
  const {
    rows: [left],
  } = await db.query(
    `SELECT (SELECT count(*)::int FROM recordings WHERE audio_blob_key = ANY($1)) AS rows,
            (SELECT count(*)::int FROM blob_deletions) AS outbox`,
    [keys.map((r) => r.k)],
  );
  const after = await store.count();
  return {
    recordings: PURGE,
    insertMs,
    objectsMs,
    putRetries: retries,
    runMs,
    deleted: status.report?.recordings?.deleted,
    blobsDeleted: status.report?.blobs?.deleted,
    blobsFailed: status.report?.blobs?.failed,
    objectsBefore: before,
    objectsAfter: after,
    rowsLeft: left.rows,
    outboxLeft: left.outbox,
  };
}

async function benchStore(kind, s3) {
  say(`\n=== ${kind === 'fs' ? 'file store (BLOB_STORE=fs)' : 'S3 (BLOB_STORE=s3, s3rver)'} ===`);
  const databaseUrl = await freshDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), `hushdesk-bench-blobs-${kind}-`));
  const port = await freePort();
  const logFile = join(tmpdir(), `hushdesk-bench-blobs-${kind}-${Date.now()}.log`);
  say(`  API log: ${logFile}; DATA_DIR ${dataDir}`);
  const api = await startApi({
    databaseUrl,
    key: KEY,
    port,
    logFile,
    env: {
      DATA_DIR: dataDir,
      ATTACHMENT_MAX_BYTES: String(30 * MB),
      JOBS_ENABLED: '1',
      ...(kind === 's3' ? s3.env : { BLOB_STORE: 'fs' }),
    },
  });
  const rss = rssSampler(api.pid);
  const out = { load: [loadavg()[0]] };
  results.stores[kind] = out;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const call = client(api.baseUrl);
  try {
    rss.part('idle');
    const { rows: org } = await db.query('INSERT INTO organisations (name) VALUES ($1) RETURNING id', [
      ORG_NAME,
    ]);
    const users = {
      customer: { email: 'blob.customer@bench-blobs.example', role: 'customer', organisationId: org[0].id },
      engineer: { email: 'blob.engineer@bench-blobs.example', role: 'engineer' },
      dpo: { email: 'blob.dpo@bench-blobs.example', role: 'dpo' },
    };
    const token = {};
    for (const [role, u] of Object.entries(users)) {
      await ensureUser(db, KEY, { ...u, password: PASSWORD, fullName: `Blob ${role}` });
      token[role] = (
        await call('POST', '/auth/login', { body: { email: u.email, password: PASSWORD } })
      ).accessToken;
    }
    const ticket = await call('POST', '/tickets', {
      token: token.customer,
      body: { type: 'fault', subject: 'Router logs', description: 'The logs and photos are attached.' },
    });

    for (const [size, count] of [
      [MB, SMALL],
      [25 * MB, LARGE],
    ]) {
      const name = `transfer${size / MB}`;
      rss.part(name);
      say(
        `\n[${kind}] ${count} attachments of ${size / MB} MB up, then down, through ${CONNECTIONS} connections`,
      );
      const r = await transferPart(call, rss, name, token.customer, ticket.id, size, count);
      r.rssPeakMb = Math.max(r.upload.rssPeakMb, r.download.rssPeakMb);
      out[name] = r;
      for (const dir of ['upload', 'download']) {
        const x = r[dir];
        say(
          `  ${dir.padEnd(8)} ${x.mbPerSecond.toFixed(1)} MB/s, ${x.rps.toFixed(1)} req/s, ` +
            `p50 ${fmt(x.p50)} ms, p99 ${fmt(x.p99)} ms (${(x.ms / 1000).toFixed(1)} s); RSS peak ${fmt(x.rssPeakMb)} MB`,
        );
      }
    }

    rss.part('range');
    say(
      `\n[${kind}] ${RECORDINGS} recordings of 1 MB; random 64 KB Range GETs, ${CONNECTIONS} connections, ${DURATION} s`,
    );
    out.range = await rangePart(call, api.baseUrl, token.engineer);
    out.range.rssPeakMb = rss.peaks.range;
    say(
      `  ${fmt(out.range.rps)} req/s (${out.range.mbPerSecond.toFixed(1)} MB/s), p50 ${out.range.p50} ms, ` +
        `p99 ${out.range.p99} ms, non-2xx ${out.range.non2xx}, errors ${out.range.errors}; RSS peak ${fmt(out.range.rssPeakMb)} MB`,
    );

    rss.part('dsar');
    say(`\n[${kind}] DSAR package of 20 recordings of 5 MB`);
    out.dsar = await dsarPart(call, db, token.engineer, token.dpo);
    out.dsar.rssPeakMb = rss.peaks.dsar;
    const d = out.dsar;
    say(
      `  ${d.recordings} recordings uploaded in ${(d.uploadMs / 1000).toFixed(1)} s; collection ${fmt(d.collectMs)} ms; ` +
        `ZIP export ${fmt(d.exportMs)} ms (${d.exportMb.toFixed(1)} MB); release ${fmt(d.releaseMs)} ms; ` +
        `download ${fmt(d.downloadMs)} ms (${d.packageMb.toFixed(1)} MB); RSS peak ${fmt(d.rssPeakMb)} MB`,
    );

    rss.part('purge');
    say(`\n[${kind}] purge of ${fmt(PURGE)} expired recordings with audio`);
    out.purge = await purgePart(call, db, token.dpo, storeAccess(kind, dataDir, s3));
    out.purge.rssPeakMb = rss.peaks.purge;
    const p = out.purge;
    say(
      `  set-up: rows ${(p.insertMs / 1000).toFixed(1)} s, objects ${(p.objectsMs / 1000).toFixed(1)} s (${p.putRetries} retried); ` +
        `retention run ${(p.runMs / 1000).toFixed(1)} s: ${fmt(p.deleted)} recordings, ${fmt(p.blobsDeleted)} objects ` +
        `deleted (${p.blobsFailed} failed)`,
    );
    say(
      `  objects ${fmt(p.objectsBefore)} before, ${fmt(p.objectsAfter)} after; rows left ${p.rowsLeft}; ` +
        `outbox left ${p.outboxLeft}; RSS peak ${fmt(p.rssPeakMb)} MB`,
    );
  } finally {
    rss.stop();
    out.rssPeakMb = Math.max(...Object.values(rss.peaks));
    out.load.push(loadavg()[0]);
    await db.end();
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One row per figure, fs beside s3, against the targets. */
function summary() {
  const kinds = Object.keys(results.stores);
  const rows = [];
  let ok = true;
  const row = (what, value, target, pass) => {
    const cells = kinds.map((k) => {
      const s = results.stores[k];
      try {
        const v = value(s);
        if (pass && !pass(s)) ok = false;
        return pass ? `${v}${pass(s) ? '' : ' (SHORT)'}` : v;
      } catch {
        return '–';
      }
    });
    rows.push(`| ${what} | ${cells.join(' | ')} | ${target} |`);
  };
  const t = (x) =>
    `${x.mbPerSecond.toFixed(0)} MB/s, ${x.rps.toFixed(1)} req/s, p50 ${fmt(x.p50)} / p99 ${fmt(x.p99)} ms`;
  row('upload 1 MB ×10', (s) => t(s.transfer1.upload), '–');
  row('download 1 MB ×10', (s) => t(s.transfer1.download), '–');
  row('upload 25 MB ×10', (s) => t(s.transfer25.upload), '–');
  row('download 25 MB ×10', (s) => t(s.transfer25.download), '–');
  row(
    'Range 64 KB of audio ×10',
    (s) => `${fmt(s.range.rps)} req/s, p99 ${s.range.p99} ms`,
    'no errors',
    (s) => !s.range.non2xx && !s.range.errors,
  );
  row(
    'DSAR 20 × 5 MB: collect / export / release / download',
    (s) =>
      `${fmt(s.dsar.collectMs)} / ${fmt(s.dsar.exportMs)} / ${fmt(s.dsar.releaseMs)} / ${fmt(s.dsar.downloadMs)} ms, ` +
      `${s.dsar.packageMb.toFixed(0)} MB`,
    '20 recordings',
    (s) => s.dsar.recordings === 20,
  );
  row(
    `purge ${fmt(PURGE)} recordings with audio`,
    (s) => `${(s.purge.runMs / 1000).toFixed(1)} s (${fmt(PURGE / (s.purge.runMs / 1000))}/s)`,
    'rows and objects gone',
    (s) => s.purge.rowsLeft === 0 && s.purge.objectsBefore - s.purge.objectsAfter === PURGE,
  );
  for (const part of ['transfer1', 'transfer25', 'range', 'dsar', 'purge']) {
    row(
      `RSS peak, ${part}`,
      (s) => `${fmt(s[part].rssPeakMb)} MB`,
      `< ${RSS_TARGET_MB} MB`,
      (s) => s[part].rssPeakMb < RSS_TARGET_MB,
    );
  }
  row('1-min load average, start / end', (s) => s.load.map((l) => l.toFixed(1)).join(' / '), '–');
  say(
    `\n## bench:blobs summary\n\n| measure | ${kinds.join(' | ')} | target |\n|---|${kinds.map(() => '---|').join('')}---|`,
  );
  for (const r of rows) say(r);
  return ok;
}

await buildApi();
{
  const db = new pg.Client({ connectionString: database().adminUrl });
  await db.connect();
  results.machine = await machine(db);
  await db.end();
}
for (const l of results.machine) say(l);
const s3 = STORES.includes('s3') ? await startS3() : null;
try {
  for (const kind of STORES) await benchStore(kind, s3);
} finally {
  await s3?.stop();
  const admin = new pg.Client({ connectionString: database().adminUrl });
  await admin.connect();
  await dropDatabase(admin);
  await admin.end();
}
const json = arg('json', undefined);
if (json) writeFileSync(String(json), JSON.stringify(results, null, 2));
if (!summary()) process.exitCode = 1;
