// `npm run bench:live -- --scale 0.1 --clients 2000`: how fast a ticket event reaches every
// connected staff client, across two API instances joined by the Redis adapter.
//
// Builds and starts TWO API instances (dist/apps/api/apps/api/src/main.js) on the same bench
// database with REDIS_URL set and jobs off, signs in --users engineers (created here) and one
// customer of an existing organisation, and spreads --clients socket.io clients (staff, so each is in
// the staff room and hears every ticket event) half on each instance, over --procs child processes
// (scripts/bench-live-client.mjs) so the client side is not one event loop. Then the customer creates
// --events tickets through instance A (POST /api/tickets), one every --interval ms (open loop: each
// is sent on schedule whether or not the previous one has answered). Every client records when its
// `ticket.created` arrives; instance B's clients hear it through Redis.
//
// Latency is measured from the moment the POST was sent (t0 = "the write"): the API emits the event
// inside the request, before it answers, so time from the 201 understates it (and can be negative).
// Both are printed. All processes use one clock: performance.timeOrigin + performance.now(), whose
// agreement between processes is checked over IPC and printed.
//
// Also sampled: both API processes' RSS (/proc/<pid>/status VmRSS) and CPU, the client processes'
// event-loop delay and CPU, Redis's CPU, and when the adapter's publish is seen on Redis by an
// observer (to split the Redis hop from the emitting).
//
// Options: --scale S (0.1; the database only provides users and organisations), --clients N (2000),
// --procs P (4), --users U (8 engineers; sockets share their access tokens), --events N (100),
// --interval MS (100), --warmup N (3 tickets first, not counted), --drain MS (5000: how long to
// wait for missing deliveries), --json FILE, --no-build.
// Env: BENCH_DATABASE_URL, IDENTIFIER_HMAC_KEY (must be the seed's), BENCH_REDIS_URL
// (redis://127.0.0.1:6379).
import { execFileSync, fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { require, root } from './lib.mjs';
import {
  arg,
  benchDatabase,
  buildApi,
  ensureUser,
  fmt,
  freePort,
  hmacKey,
  machine,
  say,
  scaleArg,
  sleep,
  startApi,
  wallClockMs,
} from './bench-common.mjs';

const Redis = require('ioredis');

const SCALE = scaleArg();
const num = (name, fallback, min = 1) => {
  const v = Number(arg(name, String(fallback)));
  if (!Number.isFinite(v) || v < min) throw new Error(`--${name} must be a number ≥ ${min}`);
  return Math.floor(v);
};
const CLIENTS = num('clients', 2000, 2);
const PROCS = Math.min(num('procs', 4), CLIENTS);
const USERS = num('users', 8);
const EVENTS = num('events', 100);
const INTERVAL = num('interval', 100, 0);
const WARMUP = num('warmup', 3, 0);
const DRAIN = num('drain', 5000, 0);
const KEY = hmacKey();
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
const EVENT = 'ticket.created'; // SOCKET_EVENTS.ticketCreated in @hushdesk/contracts
const CONNECT_CONCURRENCY = 25; // handshakes in flight per client process (each costs the API 2 queries)
const CONNECT_TIMEOUT = 30_000;
const TARGET_P99_MS = 100;
const TARGET_RSS_MB = 300;
const db = benchDatabase(SCALE);

const engineers = Array.from({ length: USERS }, (_, i) => ({
  email: `bench.live.engineer${i + 1}@hushdesk-bench.example`,
  password: 'bench-live-password-123',
  role: 'engineer',
  fullName: `Bench Live Engineer ${i + 1}`,
}));
const customer = {
  email: 'bench.live.customer@hushdesk-bench.example',
  password: 'bench-live-password-123',
  role: 'customer',
  fullName: 'Bench Live Customer',
};

// ---- small helpers -------------------------------------------------------------------------------

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;
  } catch {
    return 100;
  }
})();

/** Resident memory in MB, or null when the process is gone. */
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) in ms, or null. */
function cpuMs(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

function openFilesLimit() {
  try {
    const m = /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(
      readFileSync('/proc/self/limits', 'utf8'),
    );
    const n = (x) => (x === 'unlimited' ? Infinity : Number(x));
    return m ? { soft: n(m[1]), hard: n(m[2]) } : null;
  } catch {
    return null;
  }
}

/** Nearest-rank percentiles. */
function stats(xs) {
  const s = Float64Array.from(xs).sort();
  const at = (p) =>
    s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : NaN;
  return { n: s.length, min: s[0] ?? NaN, p50: at(50), p95: at(95), p99: at(99), max: s.at(-1) ?? NaN };
}
const ms1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const mb = (x) => (x == null ? '–' : `${Math.round(x)} MB`);

/** A forked client process with request/answer over IPC. */
function spawnClient(index) {
  const child = fork(join(root, 'scripts/bench-live-client.mjs'), [], {
    execArgv: ['--enable-source-maps'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map();
  let seq = 0;
  let exited = null;
  child.on('message', (msg) => {
    const p = pending.get(msg.seq);
    if (!p) return;
    pending.delete(msg.seq);
    if (msg.error) p.reject(new Error(`client process ${index}: ${msg.error}`));
    else p.resolve(msg);
  });
  child.on('exit', (code, signal) => {
    exited = signal ?? code;
    for (const p of pending.values()) p.reject(new Error(`client process ${index} exited (${exited})`));
    pending.clear();
  });
  const ask = (msg, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      if (exited !== null) return reject(new Error(`client process ${index} has exited (${exited})`));
      const id = ++seq;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`client process ${index}: no answer to ${msg.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      child.send({ ...msg, seq: id });
    });
  const kill = async () => {
    if (exited !== null) return;
    const done = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    await done;
    clearTimeout(t);
  };
  return { index, pid: child.pid, ask, kill };
}

/** Splits n into k near-equal parts. */
const split = (n, k) => Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));

// ---- the run -------------------------------------------------------------------------------------

const cleanups = [];
async function cleanup() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    await Promise.resolve()
      .then(fn)
      .catch((e) => process.stderr.write(`cleanup: ${e.message}\n`));
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    process.stderr.write(`\n${sig}: stopping the API instances and client processes…\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main() {
  // Each socket is a file descriptor in a client process and in an API process.
  const perChild = Math.ceil(CLIENTS / PROCS);
  const perApi = Math.ceil(CLIENTS / 2);
  const need = Math.max(perChild, perApi) + 200;
  const limit = openFilesLimit();
  if (limit && limit.soft < need) {
    throw new Error(
      `the open-files limit (ulimit -n) is ${limit.soft}, below the ~${need} an API instance needs for ` +
        `${perApi} sockets; raise it (e.g. \`ulimit -n ${Math.min(limit.hard, 65536)}\`, hard limit ${limit.hard}) and rerun`,
    );
  }

  const client = new pg.Client({ connectionString: db.url, application_name: 'hushdesk-bench-live' });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `cannot connect to ${db.name} (${e.message}); run: npm run bench:seed -- --scale ${SCALE}`,
    );
  }
  cleanups.push(() => client.end());
  const [org] = (await client.query('SELECT id, name FROM organisations ORDER BY created_at, id LIMIT 1'))
    .rows;
  if (!org) throw new Error(`${db.name} has no organisations; run: npm run bench:seed -- --scale ${SCALE}`);
  for (const e of engineers) await ensureUser(client, KEY, e);
  await ensureUser(client, KEY, { ...customer, organisationId: org.id });
  const machineLines = await machine(client);

  await buildApi();
  const env = { REDIS_URL, JOBS_ENABLED: '0' };
  const apis = [];
  for (const name of ['A', 'B']) {
    const port = await freePort();
    const logFile = join(tmpdir(), `hushdesk-bench-live-${name}.log`);
    say(`Starting API ${name} on port ${port} (log: ${logFile})…`);
    const t = performance.now();
    const api = await startApi({ databaseUrl: db.url, key: KEY, port, logFile, env });
    cleanups.push(() => api.stop());
    say(`  ready in ${((performance.now() - t) / 1000).toFixed(1)} s (pid ${api.pid})`);
    apis.push({ name, port, logFile, ...api });
  }

  // Memory and CPU of everything involved, by phase.
  const phases = ['idle', 'connected', 'events'];
  let phase = 'idle';
  const rss = apis.map(() => Object.fromEntries(phases.map((p) => [p, 0])));
  const sampleRss = () =>
    apis.forEach((a, i) => {
      const v = rssMb(a.pid);
      if (v != null) rss[i][phase] = Math.max(rss[i][phase], v);
    });
  sampleRss();
  const sampler = setInterval(sampleRss, 100);
  cleanups.push(() => clearInterval(sampler));

  const call = async (base, method, path, body, token) => {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return { status: res.status, json };
  };
  const [A] = apis;
  const login = async (who) =>
    (await call(A.baseUrl, 'POST', '/auth/login', { email: who.email, password: who.password })).json
      .accessToken;
  // One session per engineer; its access token is shared by many sockets (the gateway checks the
  // session on each handshake and sets no per-session connection limit).
  const tokens = [];
  for (const e of engineers) tokens.push(await login(e));
  const customerToken = await login(customer);

  // An observer on Redis: when instance A's publish of each event passes through Redis.
  const observer = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  observer.on('error', () => undefined);
  const infoCli = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  infoCli.on('error', () => undefined);
  cleanups.push(() => observer.quit().catch(() => observer.disconnect()));
  cleanups.push(() => infoCli.quit().catch(() => infoCli.disconnect()));
  await Promise.all([observer.connect(), infoCli.connect()]);
  const published = [];
  observer.on('pmessageBuffer', (_pattern, _channel, message) =>
    published.push({ t: wallClockMs(), message }),
  );
  await observer.psubscribe('socket.io#/#*');
  const redisCpu = async () => {
    const info = await infoCli.info('cpu');
    const v = (k) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? NaN);
    return (v('used_cpu_sys') + v('used_cpu_user')) * 1000;
  };

  // The clients: each process gets a share of each instance's sockets, so client-side lag affects
  // both instances alike.
  const perInstance = [Math.floor(CLIENTS / 2), CLIENTS - Math.floor(CLIENTS / 2)];
  const shares = perInstance.map((n) => split(n, PROCS));
  const children = Array.from({ length: PROCS }, (_, i) => spawnClient(i));
  cleanups.push(() => Promise.all(children.map((c) => c.kill())));
  say(
    `Connecting ${fmt(CLIENTS)} staff sockets (${perInstance.join(' + ')}) from ${PROCS} client processes, ` +
      `${USERS} engineers' tokens (${Math.ceil(CLIENTS / USERS)} sockets per token)…`,
  );
  const load = { start: loadavg()[0] };
  const connectStart = performance.now();
  const offsets = [0, 0];
  const ready = await Promise.all(
    children.map((c, i) => {
      const targets = apis.map((a, k) => {
        const t = { instance: k, url: a.baseUrl, tokens, count: shares[k][i], offset: offsets[k] };
        offsets[k] += shares[k][i];
        return t;
      });
      return c.ask(
        {
          type: 'connect',
          targets,
          event: EVENT,
          concurrency: CONNECT_CONCURRENCY,
          timeoutMs: CONNECT_TIMEOUT,
        },
        600_000,
      );
    }),
  );
  const connectWall = performance.now() - connectStart;
  const connected = [0, 1].map((k) => ready.reduce((s, r) => s + r.connected[k], 0));
  const failed = [0, 1].map((k) => ready.reduce((s, r) => s + r.failed[k], 0));
  const connectErrors = {};
  for (const r of ready)
    for (const [k, v] of Object.entries(r.errors)) connectErrors[k] = (connectErrors[k] ?? 0) + v;
  say(
    `  ${fmt(connected[0] + connected[1])} connected (A ${connected[0]}, B ${connected[1]}), ` +
      `${failed[0] + failed[1]} failed, in ${(connectWall / 1000).toFixed(1)} s`,
  );
  for (const [k, v] of Object.entries(connectErrors)) say(`  ! ${v} × ${k}`);
  if (!connected[0] || !connected[1]) throw new Error('no socket connected to one of the instances');

  // Do the processes' clocks agree? Offset at the fastest of 20 IPC round trips, per child.
  const clock = [];
  for (const c of children) {
    let best = { rtt: Infinity, offset: 0 };
    for (let i = 0; i < 20; i++) {
      const t1 = wallClockMs();
      const { t } = await c.ask({ type: 'clock' });
      const t3 = wallClockMs();
      if (t3 - t1 < best.rtt) best = { rtt: t3 - t1, offset: t - (t1 + t3) / 2 };
    }
    clock.push(best);
  }

  phase = 'connected';
  await sleep(1000);
  load.connected = loadavg()[0];

  const createTicket = async (i, label) => {
    const body = {
      type: 'service_request',
      subject: `Bench live ${label} ${i + 1}`,
      description: 'Created by npm run bench:live to measure how fast live updates reach staff.',
    };
    const sent = wallClockMs();
    const { status, json } = await call(A.baseUrl, 'POST', '/tickets', body, customerToken);
    const answered = wallClockMs();
    if (status !== 201) throw new Error(`POST /tickets answered ${status}`);
    return { id: json.id, reference: json.reference, sent, answered };
  };
  const received = async (ids) => {
    const answers = await Promise.all(children.map((c) => c.ask({ type: 'status', ids })));
    return ids.reduce((s, id) => s + answers.reduce((t, a) => t + a.received[id], 0), 0);
  };
  const live = () => connected[0] + connected[1];
  const waitDelivered = async (ids, ms) => {
    const until = performance.now() + ms;
    while (performance.now() < until && (await received(ids)) < ids.length * live()) await sleep(100);
  };

  // Warm-up: the first requests and emits of a process are slower (JIT, pools, connections).
  const warm = [];
  for (let i = 0; i < WARMUP; i++) warm.push(await createTicket(i, 'warm-up'));
  if (warm.length)
    await waitDelivered(
      warm.map((w) => w.id),
      3000,
    );

  say(`Creating ${EVENTS} tickets through instance A, one every ${INTERVAL} ms…`);
  await Promise.all(children.map((c) => c.ask({ type: 'measure' })));
  phase = 'events';
  const cpuBefore = {
    apis: apis.map((a) => cpuMs(a.pid)),
    children: children.map((c) => cpuMs(c.pid)),
    redis: await redisCpu(),
  };
  const eventsStart = wallClockMs();
  const writes = [];
  const lateness = [];
  for (let i = 0; i < EVENTS; i++) {
    const due = eventsStart + i * INTERVAL;
    const wait = due - wallClockMs();
    if (wait > 0) await sleep(wait);
    lateness.push(wallClockMs() - due);
    writes.push(createTicket(i, 'event'));
  }
  const done = await Promise.all(writes);
  const lastAnswer = Math.max(...done.map((d) => d.answered));
  await waitDelivered(
    done.map((d) => d.id),
    DRAIN,
  );
  const eventsWall = wallClockMs() - eventsStart;
  const cpuAfter = {
    apis: apis.map((a) => cpuMs(a.pid)),
    children: children.map((c) => cpuMs(c.pid)),
    redis: await redisCpu(),
  };
  load.events = loadavg()[0];
  sampleRss();
  clearInterval(sampler);

  const reports = await Promise.all(children.map((c) => c.ask({ type: 'report' }, 120_000)));
  await Promise.all(children.map((c) => c.ask({ type: 'close' }).catch(() => undefined)));

  // ---- analysis ----------------------------------------------------------------------------------
  const dropped = [0, 1].map((k) => reports.reduce((s, r) => s + r.dropped[k], 0));
  const duplicates = reports.reduce((s, r) => s + r.duplicates, 0);
  const known = new Set([...done, ...warm].map((d) => d.id));
  const foreign = new Set(reports.flatMap((r) => Object.keys(r.byTicket)).filter((id) => !known.has(id)));

  const lat = {
    lastAll: [],
    last: [[], []],
    first: [[], []],
    perDelivery: [[], []],
    fromAnswerLast: [],
    post: [],
    published: [],
    publishedToFirstB: [],
    spread: [[], []],
  };
  let receivedTotal = 0;
  let complete = 0;
  const missedByInstance = [0, 0];
  const perEvent = [];
  for (const d of done) {
    lat.post.push(d.answered - d.sent);
    const all = [[], []];
    for (const r of reports) {
      const t = r.byTicket[d.id];
      if (!t) continue;
      for (const k of [0, 1]) {
        all[k].push(...t[k]);
        if (t[k].length > 1) lat.spread[k].push(Math.max(...t[k]) - Math.min(...t[k]));
      }
    }
    const ev = { id: d.id, reference: d.reference, sent: d.sent, answered: d.answered };
    for (const k of [0, 1]) {
      receivedTotal += all[k].length;
      missedByInstance[k] += Math.max(0, connected[k] - all[k].length);
      for (const t of all[k]) lat.perDelivery[k].push(t - d.sent);
      if (all[k].length) {
        const last = Math.max(...all[k]) - d.sent;
        const first = Math.min(...all[k]) - d.sent;
        lat.last[k].push(last);
        lat.first[k].push(first);
        ev[k ? 'b' : 'a'] = { received: all[k].length, first, last };
      }
    }
    if (all[0].length + all[1].length) {
      const last = Math.max(...all[0], ...all[1]);
      lat.lastAll.push(last - d.sent);
      lat.fromAnswerLast.push(last - d.answered);
      ev.lastMs = last - d.sent;
    }
    if (all[0].length === connected[0] && all[1].length === connected[1]) complete++;
    const pub = published.find((p) => p.message.includes(d.id));
    if (pub) {
      lat.published.push(pub.t - d.sent);
      if (all[1].length) lat.publishedToFirstB.push(Math.min(...all[1]) - pub.t);
    }
    perEvent.push(ev);
  }
  const expected = EVENTS * (connected[0] + connected[1]);
  const missed = expected - receivedTotal;
  const cpu = (before, after) => (before == null || after == null ? NaN : after - before);
  const during = Math.max(1, lastAnswer - eventsStart);
  const apiCpu = apis.map((_, i) => cpu(cpuBefore.apis[i], cpuAfter.apis[i]));
  const childCpu = children.map((_, i) => cpu(cpuBefore.children[i], cpuAfter.children[i]));
  const redisCpuMs = cpuAfter.redis - cpuBefore.redis;
  const S = {
    lastAll: stats(lat.lastAll),
    lastA: stats(lat.last[0]),
    lastB: stats(lat.last[1]),
    firstA: stats(lat.first[0]),
    firstB: stats(lat.first[1]),
    deliveryAll: stats([...lat.perDelivery[0], ...lat.perDelivery[1]]),
    deliveryA: stats(lat.perDelivery[0]),
    deliveryB: stats(lat.perDelivery[1]),
    post: stats(lat.post),
    fromAnswerLast: stats(lat.fromAnswerLast),
    published: stats(lat.published),
    publishedToFirstB: stats(lat.publishedToFirstB),
    spreadA: stats(lat.spread[0]),
    spreadB: stats(lat.spread[1]),
    lateness: stats(lateness),
  };
  const loopDelay = {
    p99: Math.max(...reports.map((r) => r.loopDelayMs.p99)),
    max: Math.max(...reports.map((r) => r.loopDelayMs.max)),
  };
  const clockSkew = Math.max(...clock.map((c) => Math.abs(c.offset)));
  const clockRtt = Math.max(...clock.map((c) => c.rtt));

  // ---- report ------------------------------------------------------------------------------------
  say('');
  say(
    `bench:live — ${fmt(CLIENTS)} staff clients on 2 API instances (Redis adapter), ${PROCS} client processes, ` +
      `${EVENTS} tickets every ${INTERVAL} ms through A; database ${db.name}`,
  );
  say('');
  say(
    '| instance | port | sockets | connected | failed | dropped | RSS idle | RSS connected | RSS max (events) | CPU during events |',
  );
  say('|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  apis.forEach((a, k) =>
    say(
      `| ${a.name}${k ? ' (via Redis)' : ' (writer)'} | ${a.port} | ${perInstance[k]} | ${connected[k]} | ${failed[k]} | ` +
        `${dropped[k]} | ${mb(rss[k].idle)} | ${mb(rss[k].connected)} | ${mb(rss[k].events)} | ` +
        `${((apiCpu[k] / during) * 100).toFixed(0)} % of a core |`,
    ),
  );
  say('');
  say(
    '| events | deliveries expected | received | missed (A / B) | duplicates | events reaching every client |',
  );
  say('|--:|--:|--:|--:|--:|--:|');
  say(
    `| ${EVENTS} | ${fmt(expected)} | ${fmt(receivedTotal)} | ${missed} (${missedByInstance[0]} / ${missedByInstance[1]}) | ` +
      `${duplicates} | ${complete} / ${EVENTS} |`,
  );
  say('');
  say('Latency in ms; t0 = the POST was sent ("from the write") unless the row says otherwise.');
  say('');
  say('| measure | n | p50 | p95 | p99 | max |');
  say('|:--|--:|--:|--:|--:|--:|');
  const row = (label, s) =>
    say(`| ${label} | ${fmt(s.n)} | ${ms1(s.p50)} | ${ms1(s.p95)} | ${ms1(s.p99)} | ${ms1(s.max)} |`);
  row('**write → last client (both instances)**', S.lastAll);
  row('write → last client on A (same instance)', S.lastA);
  row('write → last client on B (through Redis)', S.lastB);
  row('write → first client on A', S.firstA);
  row('write → first client on B', S.firstB);
  row('per delivery, all', S.deliveryAll);
  row('per delivery on A (same instance)', S.deliveryA);
  row('per delivery on B (through Redis)', S.deliveryB);
  row('POST /tickets round trip (sent → 201)', S.post);
  row('201 received → last client (negative: before the answer)', S.fromAnswerLast);
  row('write → publish seen on Redis by an observer', S.published);
  row('publish seen on Redis → first client on B', S.publishedToFirstB);
  row('spread in one client process, A (last − first)', S.spreadA);
  row('spread in one client process, B (last − first)', S.spreadB);
  say('');
  const okLatency = S.lastAll.p99 < TARGET_P99_MS && missed === 0;
  say(
    `${okLatency ? '✓' : '✗'} p99 write → last client ${ms1(S.lastAll.p99)} ms (target < ${TARGET_P99_MS} ms` +
      `${missed ? `; ${missed} deliveries missed` : ''}); from the 201: ${ms1(S.fromAnswerLast.p99)} ms`,
  );
  const rssMax = rss.map((r) => Math.max(...Object.values(r)));
  const okRss = rssMax.every((r) => r < TARGET_RSS_MB);
  say(
    `${okRss ? '✓' : '✗'} API RSS max ${rssMax.map((r, k) => `${apis[k].name} ${mb(r)}`).join(', ')} (target < ${TARGET_RSS_MB} MB each)`,
  );
  say('');
  say(
    `clients   ${PROCS} processes, CPU during events ${childCpu.map((c) => `${((c / during) * 100).toFixed(0)} %`).join(' / ')} ` +
      `of a core, event-loop delay p99 ${ms1(loopDelay.p99)} ms (max ${ms1(loopDelay.max)}), RSS max ` +
      `${mb(Math.max(...reports.map((r) => r.rssMb)))} per process; connected in ${(connectWall / 1000).toFixed(1)} s`,
  );
  say(
    `clock     client processes agree with this one within ${(clockSkew * 1000).toFixed(1)} µs ` +
      `(measured over IPC round trips of ≤ ${Math.round(clockRtt * 1000)} µs)`,
  );
  say(
    `writer    sends late by p99 ${ms1(S.lateness.p99)} ms (max ${ms1(S.lateness.max)}) against the schedule`,
  );
  say(`redis     ${((redisCpuMs / during) * 100).toFixed(1)} % of a core during events`);
  if (foreign.size) say(`other     ${foreign.size} ticket events not created by this run were ignored`);
  say(`sessions  ${USERS} engineers, ${Math.ceil(CLIENTS / USERS)} sockets per access token`);
  for (const l of machineLines) say(l);
  say(`ulimit -n ${limit ? `${limit.soft} (hard ${limit.hard})` : 'unknown'}`);
  say(
    `load      1-minute load average ${load.start.toFixed(2)} before connecting, ${load.connected.toFixed(2)} connected, ` +
      `${load.events.toFixed(2)} after the events`,
  );

  const json = arg('json', null);
  if (typeof json === 'string') {
    writeFileSync(
      json,
      JSON.stringify(
        {
          options: {
            scale: SCALE,
            clients: CLIENTS,
            procs: PROCS,
            users: USERS,
            events: EVENTS,
            interval: INTERVAL,
            warmup: WARMUP,
          },
          t0: 'request sent',
          connections: {
            asked: perInstance,
            connected,
            failed,
            dropped,
            errors: connectErrors,
            connectMs: connectWall,
          },
          deliveries: { expected, received: receivedTotal, missed, missedByInstance, duplicates, complete },
          latencyMs: S,
          targets: {
            p99WriteToLastClientMs: TARGET_P99_MS,
            rssMb: TARGET_RSS_MB,
            latencyOk: okLatency,
            rssOk: okRss,
          },
          rssMb: Object.fromEntries(apis.map((a, k) => [a.name, rss[k]])),
          cpuPercentOfCore: {
            apis: Object.fromEntries(apis.map((a, k) => [a.name, (apiCpu[k] / during) * 100])),
            clients: childCpu.map((c) => (c / during) * 100),
            redis: (redisCpuMs / during) * 100,
          },
          clients: {
            loopDelayMs: reports.map((r) => r.loopDelayMs),
            rssMb: reports.map((r) => r.rssMb),
            clock,
          },
          load,
          machine: machineLines,
          events: perEvent,
          eventsWallMs: eventsWall,
        },
        null,
        2,
      ),
    );
    say(`Results: ${json}`);
  }
}

main()
  .catch((e) => {
    process.stderr.write(`bench:live failed: ${e.stack ?? e}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanup().then(() => process.exit()));
