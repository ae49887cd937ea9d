// `npm run bench:http -- --scale 1`: the API's hot HTTP paths under load, on a database seeded by bench:seed.
//
// Builds and starts the API (dist/apps/api/apps/api/src/main.js) on the bench database (jobs off), signs
// in a customer (created here, in an existing organisation with tickets) and an engineer (the first
// seeded one, given a password), then measures with autocannon, printing a markdown table per scenario:
//
//   floor   GET /api/health and GET /api/auth/me: what any request costs (Fastify, Nest, one small query).
//   create  POST /api/tickets as the customer, 50 connections, a varied ~300-character body per request;
//           then the same INSERT straight through node-postgres as a named prepared statement (pg.Pool of
//           the API's pool size, 50 workers) for the same time; the ratio of the two rates. While the API is loaded its RSS is
//           sampled every 250 ms (/proc/<pid>/status VmRSS).
//   queue   The engineer's queue as the web console loads it (GET /api/tickets?limit=25, staff order:
//           soonest SLA deadline first) and four filtered variants, at 1 and 10 connections.
//   page    A ticket page with 20 messages (created once through the API and reused): GET /api/tickets/:id
//           (at 1, 10 and 50 connections: the rate at 50 over the rate at 10 shows whether a request costs
//           more under concurrency) and GET /api/tickets/:id/messages?limit=100, at 1 and 10.
//   search  GET /api/tickets?q=… for a common word, a rare word and a reference, at 1 and 10 connections.
//
// Latencies are the client's, per request, to 0.01 ms (autocannon's `response` event; only 2xx ones
// count, as autocannon does). CPU columns are cores used during the run: the API process, the rest of
// the machine (PostgreSQL, plus anything else running) and the load generator itself. Other benchmark,
// API or test processes seen on the machine during a run are counted and listed (two shared cores).
//
// Then, with the API stopped, the same code paths are run in-process: the API's own TypeScript
// services (TicketsService, MessagesService, SessionService), on a pg.Pool, with every statement
// recorded. That gives the SQL the API really runs (so the plans follow any change to it), the time of
// "session lookup + service method" without HTTP, Nest or Fastify, and EXPLAIN (ANALYZE, BUFFERS) of
// every SELECT of scenarios queue/page/search. With --workers N the API runs N processes (API_WORKERS):
// CPU and RSS are then summed over the primary and its workers. Tickets made by the create scenario are deleted
// afterwards (unless --keep-created), so runs stay comparable.
//
// Options: --scale S (1), --duration SECONDS (20), --only all or a list such as create,page (all),
//          --workers N (API_WORKERS for the API, 1), --json FILE, --no-build, --keep-created,
//          --warmup SECONDS (2: each read run is preceded by as long an unmeasured one; 0 for none).
// Env: BENCH_DATABASE_URL, IDENTIFIER_HMAC_KEY (must be the seed's), DB_POOL_SIZE (the API's, 10).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { require } from './lib.mjs';
import {
  JWT_SECRET,
  allWorkersUp,
  appSources,
  arg,
  benchDatabase,
  buildApi,
  ensureUser,
  fmt,
  freePort,
  hmacKey,
  machine,
  say,
  sleep,
  startApi,
  ownRssMb,
  processTree,
} from './bench-common.mjs';

const SCALE = Number(arg('scale', '1'));
if (!(SCALE > 0 && SCALE <= 10)) throw new Error('--scale must be a number in (0, 10]');
const DURATION = Number(arg('duration', '20'));
if (!(DURATION >= 1 && DURATION <= 3600)) throw new Error('--duration must be a number of seconds, 1–3600');
const ONLY = String(arg('only', 'all'));
const SCENARIOS = ['create', 'queue', 'page', 'search'];
const CHOSEN = ONLY.split(',');
if (ONLY !== 'all' && !CHOSEN.every((s) => SCENARIOS.includes(s)))
  throw new Error(`--only must be all, or one or more (comma-separated) of ${SCENARIOS.join(', ')}`);
const runs = (s) => ONLY === 'all' || CHOSEN.includes(s);
const JSON_FILE = arg('json', null);
const WORKERS = Number(arg('workers', '1'));
const WARMUP = Number(arg('warmup', '2'));
if (!(Number.isInteger(WORKERS) && WORKERS >= 1 && WORKERS <= 64))
  throw new Error('--workers must be a whole number of API processes, 1–64');
const KEEP_CREATED = arg('keep-created', false) === true;
const KEY = hmacKey();
const db = benchDatabase(SCALE);
/** The API's pool size: startApi passes the environment on, so DB_POOL_SIZE applies to both. */
const POOL_SIZE = Number(process.env.DB_POOL_SIZE || 10);
const CREATE_CONNECTIONS = 50;

const TARGET = {
  ratio: 0.4,
  ratioHope: 0.6,
  ratioIssue17: 0.25,
  readAt50: 0.8, // GET /api/tickets/:id, rate at 50 connections / rate at 10
  rssMb: 300,
  queueP99: 25, // at 1 connection (issue 17)
  queueP99At10: 50, // the default queue at 10 connections, 1M tickets (issue 18)
  pageP99: 20,
  searchP99: 100,
};

const CUSTOMER = {
  email: 'bench.http.customer@hushdesk-bench.example',
  password: 'bench-http-customer-password-1',
  role: 'customer',
  fullName: 'Bench HTTP Customer',
};
const ENGINEER_PASSWORD = 'bench-http-engineer-password-1';
const PAGE_SUBJECT = 'Handsets reboot during long calls (bench:http ticket page)';
const PAGE_MESSAGES = 20;
const SEARCH = [
  { label: 'common word', q: 'router' },
  { label: 'rare word', q: 'crawl' },
  { label: 'reference', q: 'HD-000123' },
];
// The console's queue (apps/web/src/features/console ConsoleHomePage + useTicketList): its filters,
// then limit=25; staff are always sorted by the next SLA deadline (TicketsService.list).
const QUEUE = [
  { label: 'default queue', query: {} },
  { label: 'status=open', query: { status: 'open' } },
  { label: 'assigneeId=me', query: { assigneeId: 'me' } },
  { label: 'priority=P1&assigneeId=unassigned', query: { priority: 'P1', assigneeId: 'unassigned' } },
  { label: 'sla=breached', query: { sla: 'breached' } },
];
const LIST_LIMIT = 25; // the console's LIST_PAGE_SIZE
const THREAD_LIMIT = 100; // the console's THREAD_PAGE_SIZE

// ---------------------------------------------------------------------------------------------------
// Numbers and tables

const sortNum = (xs) => Float64Array.from(xs).sort();
/** Nearest-rank percentile of a sorted array. */
const pct = (s, p) =>
  s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : NaN;
function summarise(values) {
  const s = sortNum(values);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    n: s.length,
    mean: s.length ? sum / s.length : NaN,
    min: s.length ? s[0] : NaN,
    p50: pct(s, 50),
    p975: pct(s, 97.5),
    p99: pct(s, 99),
    max: s.length ? s[s.length - 1] : NaN,
  };
}
const ms = (x) =>
  !Number.isFinite(x)
    ? '–'
    : x < 10
      ? x.toFixed(2)
      : x < 100
        ? x.toFixed(1)
        : Math.round(x).toLocaleString('en-GB');
const rate = (x) => (x >= 100 ? fmt(x) : x.toFixed(1));
const cores = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');

function table(headers, rows) {
  const right = headers.map((h) => h.endsWith(':'));
  const names = headers.map((h) => h.replace(/:$/, ''));
  const out = [`| ${names.join(' | ')} |`, `|${right.map((r) => (r ? '---:' : ':---')).join('|')}|`];
  for (const row of rows) out.push(`| ${row.join(' | ')} |`);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// CPU and memory of the API process, from /proc

const CLK_TCK = 100;
/** CPU seconds of the API and its workers; a worker that exits mid-run takes its seconds with it. */
function procCpuSeconds(pid) {
  if (WORKERS > 1) return processTree(pid).reduce((sum, p) => sum + (ownCpuSeconds(p) || 0), 0);
  return ownCpuSeconds(pid);
}
function ownCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime + stime
  } catch {
    return NaN;
  }
}
function machineCpuSeconds() {
  const [, ...v] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = v.map(Number);
  const idle = n[3] + n[4];
  return { busy: (n.reduce((a, b) => a + b, 0) - idle) / CLK_TCK };
}
/** Cores used by the API, the bench process and the machine between start() and stop(). */
function cpuMeter(pid) {
  const t0 = performance.now();
  const api0 = procCpuSeconds(pid);
  const self0 = process.cpuUsage();
  const m0 = machineCpuSeconds().busy;
  return () => {
    const wall = (performance.now() - t0) / 1000;
    const self = process.cpuUsage(self0);
    const api = (procCpuSeconds(pid) - api0) / wall;
    const bench = (self.user + self.system) / 1e6 / wall;
    const busy = (machineCpuSeconds().busy - m0) / wall;
    return { api, bench, rest: Math.max(0, busy - api - bench), machine: busy };
  };
}
function rssMb(pid) {
  if (WORKERS > 1) return processTree(pid).reduce((sum, p) => sum + (ownRssMb(p) || 0), 0);
  return ownRssMb(pid);
}
function rssSampler(pid, everyMs = 250) {
  const samples = [];
  const read = () => {
    const v = rssMb(pid);
    if (Number.isFinite(v)) samples.push(v);
  };
  read();
  const timer = setInterval(read, everyMs);
  return () => {
    clearInterval(timer);
    read();
    const s = summarise(samples);
    return { samples: s.n, maxMb: s.max, meanMb: s.mean, minMb: s.min };
  };
}

/** Other benchmarks, API instances or test runs on this machine (they share its two cores). */
function otherProcesses(exclude) {
  const found = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || exclude.includes(Number(pid))) continue;
    let cmd;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    } catch {
      continue;
    }
    if (/bench-http/.test(cmd) || !/^\S*node\b/.test(cmd)) continue;
    if (/apps\/api\/src\/main\.js|scripts\/bench-|jest|scripts\/test\.mjs|nx(\.js)? run/.test(cmd))
      found.push(cmd.replace(/^\S*node\s+(--\S+\s+)*/, '').slice(0, 90));
  }
  return found;
}
/** Which of those were seen (checked every second) between start and stop. */
function contentionWatch(exclude) {
  const seen = new Set();
  const look = () => otherProcesses(exclude).forEach((c) => seen.add(c));
  look();
  const timer = setInterval(look, 1000);
  return () => {
    clearInterval(timer);
    look();
    return [...seen];
  };
}

// ---------------------------------------------------------------------------------------------------
// Realistic ticket texts, deterministic per run (so re-runs send the same mix)

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
// prettier-ignore
const T_SUBJECTS = [
  'Handsets lose registration every morning', 'Broadband keeps dropping at the branch office',
  'No dial tone on the warehouse phones', 'Calls to mobiles break up after a minute', 'Router rebooting on its own',
  'Voicemail greeting cannot be changed', 'Wi-Fi very slow in the training room', 'Leased line showing packet loss',
  'Softphone app will not sign in', 'Fax line engaged all the time', 'Call queue not ringing the new starters',
  'VPN drops every twenty minutes', 'Internet down at the Leeds site', 'Echo on calls through the conference unit',
  'Inbound calls go straight to voicemail', 'Printer cannot be reached over the network',
];
// prettier-ignore
const T_PROBLEMS = [
  'Since about eight this morning none of the handsets on the first floor can make or take calls.',
  'The broadband at our branch office has dropped five times today and each outage lasts a few minutes.',
  'Customers calling our main number hear a few rings and then the call is cut off without voicemail.',
  'Outbound calls to mobiles start fine but the audio breaks up badly after about a minute.',
  'The router in the comms cupboard restarts on its own several times a day, usually mid-morning.',
  'Our softphone users cannot sign in and the app just says that the server could not be reached.',
  'The Wi-Fi in the training room is unusable when more than ten people are connected.',
  'Everyone working from home loses the VPN connection roughly every twenty minutes.',
  'There is a loud echo on every call made through the conference unit in the boardroom.',
  'The two new starters in the sales team are not receiving any calls from the call queue.',
];
// prettier-ignore
const T_DETAILS = [
  'Restarting the equipment has not helped.', 'It affects everyone in the office.',
  'We first noticed it yesterday afternoon.', 'Nothing has changed on our side recently as far as we know.',
  'It seems much worse at busy times.', 'This is urgent for us as the office is open to the public.',
  'The lights on the front of the box look normal.', 'We have checked the cables and they are all plugged in.',
  'A colleague at the other site has the same problem.', 'We can send photos of the equipment if that helps.',
  'The problem started after the power cut on Tuesday.', 'We tried a different handset and it does the same.',
];
const T_OPENERS = ['Hello,', 'Hi team,', 'Good morning,', 'Hi there,', 'Good afternoon,'];
const T_CLOSERS = ['Thanks.', 'Many thanks.', 'Kind regards.', 'Thanks for your help.', 'Cheers.'];
const T_PHONE = [
  'Please call %s before you send an engineer.',
  'Our site contact can be reached on %s during office hours.',
  'Best number to reach me today is %s.',
];
const T_EMAIL = [
  'Please copy %s into any replies.',
  'Our IT contact is %s if you need access details.',
  'Send the visit confirmation to %s please.',
];
const T_NAME = ['Please ask for %s at reception when you arrive.', '%s on the front desk first spotted it.'];

/** A ticket body like a customer writes: ~300 characters, one in four naming someone's phone, email or name. */
function ticketWriter(seed, people) {
  const rand = prng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const national = (e164) => `0${e164.slice(3, 7)} ${e164.slice(7)}`;
  return () => {
    const parts = [pick(T_OPENERS), pick(T_PROBLEMS)];
    const details = [...T_DETAILS];
    while (parts.join(' ').length < 240)
      parts.push(details.splice(Math.floor(rand() * details.length), 1)[0]);
    const roll = rand();
    const who = pick(people);
    if (roll < 0.12 && who.phone) parts.push(pick(T_PHONE).replace('%s', national(who.phone)));
    else if (roll < 0.22 && who.email) parts.push(pick(T_EMAIL).replace('%s', who.email));
    else if (roll < 0.27 && who.full_name) parts.push(pick(T_NAME).replace('%s', who.full_name));
    parts.push(pick(T_CLOSERS));
    return { type: 'fault', subject: pick(T_SUBJECTS), description: parts.join(' '), priority: 'P3' };
  };
}

// ---------------------------------------------------------------------------------------------------
// The API's own services, in this process, on a pg.Pool that records every statement

function recordingDataSource(pool) {
  const log = { on: false, entries: [] };
  const run = async (q, sql, params = []) => {
    const t0 = performance.now();
    const res = await q.query(sql, params);
    if (log.on) log.entries.push({ sql, params, ms: performance.now() - t0, rows: res.rowCount });
    return res.rows;
  };
  const manager = { query: (sql, params) => run(pool, sql, params) };
  // preparedQuery's way in: the driver's pool, given a named statement.
  const master = {
    async query(statement) {
      const t0 = performance.now();
      const res = await pool.query(statement);
      if (log.on) {
        log.entries.push({
          sql: statement.text,
          params: statement.values,
          ms: performance.now() - t0,
          rows: res.rowCount,
        });
      }
      return res;
    },
  };
  const dataSource = {
    query: manager.query,
    manager,
    driver: { master },
    async transaction(work) {
      const c = await pool.connect();
      const inTx = { query: (sql, params) => run(c, sql, params) };
      try {
        await run(c, 'BEGIN');
        const out = await work(inTx);
        await run(c, 'COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK');
        throw e;
      } finally {
        c.release();
      }
    },
  };
  return { dataSource, log };
}

function appServices(pool) {
  appSources(); // SWC, reflect-metadata, the API's path aliases
  const { TicketsService } = require('../apps/api/src/tickets/tickets.service.ts');
  const { TicketsRepository } = require('../apps/api/src/tickets/tickets.repository.ts');
  const { TicketHistoryRepository } = require('../apps/api/src/tickets/ticket-history.repository.ts');
  const { GroupsRepository } = require('../apps/api/src/groups/groups.repository.ts');
  const { UsersRepository } = require('../apps/api/src/users/users.repository.ts');
  const { MessagesService } = require('../apps/api/src/messages/messages.service.ts');
  const { MessagesRepository } = require('../apps/api/src/messages/messages.repository.ts');
  const { SessionService } = require('../apps/api/src/auth/session.service.ts');
  const { SessionsRepository } = require('../apps/api/src/auth/sessions.repository.ts');
  const { Transactions } = require('../apps/api/src/database/transactions.ts');
  const { SlaClockService } = require('../apps/api/src/sla/sla-clock.service.ts');
  const { SlaSettings } = require('../apps/api/src/sla/sla-settings.service.ts');
  const { FieldPoliciesService } = require('../apps/api/src/privacy/field-policies.service.ts');
  const { IdentifierIndex } = require('../apps/api/src/privacy/identifier-index.service.ts');
  const {
    FieldPolicyOverridesRepository,
  } = require('../apps/api/src/privacy/field-policy-overrides.repository.ts');
  const {
    IdentifierMentionsRepository,
  } = require('../apps/api/src/privacy/identifier-mentions.repository.ts');
  const { PersonPrivacyRepository } = require('../apps/api/src/people/person-privacy.repository.ts');
  const { TicketRetentionRepository } = require('../apps/api/src/tickets/ticket-retention.repository.ts');
  const { TicketLookupRepository } = require('../apps/api/src/tickets/ticket-lookup.repository.ts');
  const { MessageRedactionRepository } = require('../apps/api/src/messages/message-redaction.repository.ts');
  const { RecordingsRepository } = require('../apps/api/src/recordings/recordings.repository.ts');
  const {
    AttachmentRedactionRepository,
  } = require('../apps/api/src/attachments/attachment-redaction.repository.ts');
  const { TicketEvents } = require('../apps/api/src/realtime/ticket-events.service.ts');
  const { MailNotifications } = require('../apps/api/src/mail/outbox/mail-notifications.service.ts');
  const { MailOutboxRepository } = require('../apps/api/src/mail/outbox/mail-outbox.repository.ts');
  const { buildAppConfig } = require('../apps/api/src/config/app-config.ts');
  const { validateEnvironment } = require('../apps/api/src/config/environment.ts');
  const config = buildAppConfig(
    validateEnvironment({
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      JWT_SECRET,
      IDENTIFIER_HMAC_KEY: KEY,
      DATA_DIR: tmpdir(),
      SLA_BANK_HOLIDAYS: process.env.SLA_BANK_HOLIDAYS,
      SLA_TARGETS: process.env.SLA_TARGETS,
    }),
    db.url,
    { embedded: false },
  );
  const { dataSource, log } = pool ? recordingDataSource(pool) : { dataSource: null, log: null };
  // The environment's calendar and targets (never started: nothing is read from sla_settings here).
  const sla = new SlaClockService(new SlaSettings(config, null, null, null));
  const events = new TicketEvents(); // no socket server: emits go nowhere
  // Wired by hand as Nest would (the constructors' order); audit is never reached by these paths.
  const transactions = new Transactions(dataSource);
  const people = new PersonPrivacyRepository(dataSource);
  const recordings = new RecordingsRepository(dataSource);
  const attachments = new AttachmentRedactionRepository(dataSource);
  const policies = new FieldPoliciesService(
    transactions,
    new FieldPolicyOverridesRepository(dataSource),
    people,
    new TicketRetentionRepository(dataSource),
    recordings,
    attachments,
    null,
  );
  const index = new IdentifierIndex(
    transactions,
    new IdentifierMentionsRepository(dataSource),
    people,
    new TicketLookupRepository(dataSource),
    new MessageRedactionRepository(dataSource),
    recordings,
    attachments,
    config,
  );
  // Mail is queued as the API queues it; no jobs run here, so nothing wakes a sender.
  const mail = new MailNotifications(new MailOutboxRepository(dataSource), { running: false });
  const tickets = new TicketsService(
    new TicketsRepository(dataSource),
    new TicketHistoryRepository(dataSource),
    new GroupsRepository(dataSource),
    new UsersRepository(dataSource),
    transactions,
    sla,
    events,
    policies,
    index,
    mail,
  );
  const messages = new MessagesService(
    new MessagesRepository(dataSource),
    transactions,
    tickets,
    sla,
    events,
    index,
    policies,
    mail,
  );
  // The access token is the API's own; only its claims are read here (the API checks the signature).
  const jwt = { verify: (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) };
  const sessions = new SessionService(new SessionsRepository(dataSource), jwt, config, events);
  return { sla, tickets, messages, sessions, policies, log };
}

/** A short name for a statement the services ran. */
function statementLabel(sql) {
  const s = sql.replace(/\s+/g, ' ').trim();
  if (/FROM sessions s/.test(s)) return 'session lookup (AccessGuard)';
  if (/^UPDATE sessions/.test(s)) return 'session touch';
  if (/field_policy_overrides/.test(s)) return 'field policies (cached 5 s)';
  if (/GROUP BY t\.status/.test(s) || /^SELECT '\w+' AS status, \(SELECT count/.test(s))
    return 'list: counts per status';
  if (/^SELECT .* FROM\s+tickets t .* ORDER BY .* LIMIT/.test(s)) return 'list: page of rows';
  if (/^SELECT .* FROM\s+tickets t .*WHERE t\.id = \$1 AND/.test(s)) return 'ticket (findVisible)';
  if (/^SELECT .* FROM\s+tickets t .*WHERE t\.id = \$1$/.test(s)) return 'ticket (loadRow)';
  if (/FROM ticket_messages m/.test(s) && /ORDER BY/.test(s)) return 'messages: page';
  if (/^INSERT INTO tickets/.test(s)) return 'INSERT tickets';
  if (/^DELETE FROM identifier_mentions/.test(s)) return 'DELETE identifier_mentions (re-index)';
  if (/name_key = ANY/.test(s)) return 'known names in the text (people.name_key)';
  if (/^INSERT INTO identifier_mentions/.test(s)) return 'INSERT identifier_mentions';
  if (s === 'BEGIN' || s === 'COMMIT') return s;
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  const client = new pg.Client({ connectionString: db.url, application_name: 'hushdesk-bench-http' });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `cannot connect to ${db.name} (${e.message}); run: npm run bench:seed -- --scale ${SCALE}`,
    );
  }
  const q = async (sql, params) => (await client.query(sql, params)).rows;
  const { privacy } = appSources();
  const [{ tickets: ticketCount }] = await q('SELECT count(*)::int AS tickets FROM tickets');
  if (!ticketCount) throw new Error(`${db.name} has no tickets; run: npm run bench:seed -- --scale ${SCALE}`);
  const keyCheck = await q(
    "SELECT p.email FROM people p JOIN identifier_mentions m ON m.source_type = 'person' AND m.source_id = p.id AND m.kind = 'email' WHERE p.email IS NOT NULL LIMIT 1",
  );
  if (keyCheck.length) {
    const hash = privacy.keyedHash(Buffer.from(KEY, 'utf8'), 'email', keyCheck[0].email);
    const ok = await q(
      "SELECT 1 FROM identifier_mentions WHERE source_type = 'person' AND kind = 'email' AND hash = $1",
      [hash],
    );
    if (!ok.length) throw new Error('IDENTIFIER_HMAC_KEY is not the key the database was seeded with');
  }

  // Who: a customer (created once) in an existing organisation with tickets; the first seeded engineer.
  const [org] = await q(
    `SELECT o.id, o.name FROM organisations o
      WHERE EXISTS (SELECT 1 FROM tickets t WHERE t.organisation_id = o.id) ORDER BY o.name LIMIT 1`,
  );
  const customerId = await ensureUser(client, KEY, { ...CUSTOMER, organisationId: org.id });
  const [eng] = await q(
    `SELECT p.email, p.full_name FROM users u JOIN people p ON p.id = u.person_id
      WHERE u.role = 'engineer' AND u.disabled_at IS NULL ORDER BY (p.email LIKE '%@hushdesk-support.example') DESC, p.email LIMIT 1`,
  );
  if (!eng) throw new Error(`${db.name} has no engineer`);
  const ENGINEER = {
    email: eng.email,
    password: ENGINEER_PASSWORD,
    role: 'engineer',
    fullName: eng.full_name,
  };
  const engineerId = await ensureUser(client, KEY, ENGINEER);
  const [{ assigned }] = await q(
    `SELECT count(*)::int AS assigned FROM tickets WHERE assignee_id = $1 AND status IN ('new', 'open', 'pending_customer', 'on_hold')`,
    [engineerId],
  );
  const people = await q(
    'SELECT full_name, email, phone FROM people WHERE email IS NOT NULL AND phone IS NOT NULL ORDER BY id LIMIT 200',
  );

  await buildApi();
  const logFile = join(tmpdir(), `hushdesk-bench-http-${db.name}.log`);
  const port = await freePort();
  const loadBefore = loadavg()[0];
  say(`1-min load average before: ${loadBefore.toFixed(2)}`);
  say(`Starting the API on port ${port} (log: ${logFile})…`);
  const t0 = Date.now();
  const api = await startApi({
    databaseUrl: db.url,
    key: KEY,
    port,
    logFile,
    env: { JOBS_ENABLED: '0', ACCESS_TOKEN_TTL_SECONDS: '3600', API_WORKERS: String(WORKERS) },
  });
  if (WORKERS > 1) await allWorkersUp(logFile, WORKERS);
  say(
    `  ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${api.pid}, pool ${POOL_SIZE}, ${WORKERS} API process${WORKERS > 1 ? 'es' : ''})`,
  );
  const idleRss = rssMb(api.pid);
  const wholeRunRss = rssSampler(api.pid, 500);

  const call = async (method, path, body, token) => {
    const res = await fetch(`${api.baseUrl}/api${path}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const login = async (who) => {
    const r = await call('POST', '/auth/login', { email: who.email, password: who.password });
    const claims = JSON.parse(Buffer.from(r.accessToken.split('.')[1], 'base64url').toString());
    return {
      token: r.accessToken,
      actor: {
        userId: r.user.id,
        personId: r.user.personId,
        role: r.user.role,
        organisationId: r.user.organisationId,
        sessionId: claims.sid,
      },
    };
  };

  /**
   * Waits until the API has left the bench database alone for 300 ms: requests a run abandoned go on
   * in the API (and queue for its pool), so after `graceMs` their queries are cancelled, again and
   * again until none are left. Returns how many were cancelled.
   */
  const quiet = async (graceMs = 5000, capMs = 300_000) => {
    const start = Date.now();
    let idlePolls = 0;
    let cancelled = 0;
    for (;;) {
      const active = await q(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'hushdesk'
            AND backend_type = 'client backend' AND state IN ('active', 'idle in transaction')`,
      );
      if (!active.length) {
        if (++idlePolls >= 3) return cancelled;
      } else {
        idlePolls = 0;
        if (Date.now() - start > capMs)
          throw new Error('the API kept the database busy for 5 minutes after a run');
        if (Date.now() - start > graceMs) {
          for (const a of active) {
            const [{ ok }] = await q('SELECT pg_cancel_backend($1) AS ok', [a.pid]);
            if (ok) cancelled++;
          }
        }
      }
      await sleep(100);
    }
  };

  /** One autocannon run; latencies of 2xx responses, to 0.01 ms. */
  const hammer = async ({
    label,
    path,
    token,
    connections,
    duration = DURATION,
    body,
    timeout = 10,
    graceMs = 10_000,
  }) => {
    const headers = { authorization: `Bearer ${token}` };
    const opts = { url: `${api.baseUrl}${path}`, connections, duration, timeout, headers };
    if (body) {
      headers['content-type'] = 'application/json';
      Object.assign(opts, { method: 'POST' });
      opts.requests = [
        { method: 'POST', path, headers, setupRequest: (req) => ({ ...req, body: JSON.stringify(body()) }) },
      ];
    }
    // A read is measured warm: the same load, unmeasured, first. Each pooled connection's first
    // statements load PostgreSQL's catalog caches and plan (15–20 ms each on a new backend), which
    // otherwise put the first 0.3 s of a 10-connection run, 20 to 30 requests, into its p99.
    if (!body && WARMUP > 0) {
      await autocannon({ ...opts, duration: WARMUP });
      await quiet(graceMs);
    }
    const latencies = [];
    const codes = {};
    let bytes = 0;
    const cpu = cpuMeter(api.pid);
    const rss = rssSampler(api.pid);
    const others = contentionWatch([process.pid, api.pid]);
    const instance = autocannon(opts);
    instance.on('response', (_client, status, responseBytes, responseMs) => {
      codes[status] = (codes[status] ?? 0) + 1;
      bytes += responseBytes;
      if (status >= 200 && status < 300) latencies.push(responseMs);
    });
    const r = await instance;
    const used = cpu();
    const memory = rss();
    const otherProcs = others();
    const cancelled = await quiet(graceMs);
    const responses = Object.values(codes).reduce((a, b) => a + b, 0);
    const out = {
      label,
      path,
      connections,
      seconds: r.duration,
      responses,
      rps: responses / r.duration,
      bytesPerResponse: responses ? Math.round(bytes / responses) : 0,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      codes,
      cancelledQueries: cancelled,
      latency: summarise(latencies),
      cpu: used,
      rssMaxMb: memory.maxMb,
      otherProcs,
    };
    say(
      `  ${label} @${connections}: ${rate(out.rps)} req/s, p50 ${ms(out.latency.p50)} ms, p99 ${ms(out.latency.p99)} ms` +
        ` (n ${out.latency.n}, ${fmt(out.bytesPerResponse)} B each, non-2xx ${out.non2xx}, errors ${out.errors}${cancelled ? `, ${cancelled} queries cancelled after` : ''})`,
    );
    return out;
  };

  const results = { floor: [], queue: [], page: [], search: [] };
  let createdSince = null;
  results.cleanup = [];
  /** Deletes what the customer raised since the create scenario began (bar the page ticket), then VACUUM. */
  const removeCreated = async (what) => {
    if (!createdSince || KEEP_CREATED) return;
    const t1 = performance.now();
    const ids = (
      await q('SELECT id FROM tickets WHERE requester_id = $1 AND created_at >= $2 AND subject <> $3', [
        customerId,
        createdSince,
        PAGE_SUBJECT,
      ])
    ).map((r) => r.id);
    for (let i = 0; i < ids.length; i += 5000) {
      const part = ids.slice(i, i + 5000);
      await q(
        "DELETE FROM identifier_mentions WHERE source_type = 'ticket' AND source_id = ANY($1::uuid[])",
        [part],
      );
      await q('DELETE FROM tickets WHERE id = ANY($1::uuid[])', [part]);
    }
    await q('VACUUM tickets, identifier_mentions');
    const seconds = (performance.now() - t1) / 1000;
    results.cleanup.push({ after: what, tickets: ids.length, seconds });
    say(`  deleted the ${fmt(ids.length)} tickets made by ${what}, then VACUUM (${seconds.toFixed(1)} s)`);
  };
  let pageTicket = null;
  let engineer;
  let customer;
  try {
    customer = await login(CUSTOMER);
    engineer = await login(ENGINEER);

    // Floor: what a request costs with (almost) no work.
    say('Floor: GET /api/health (public, SELECT 1) and GET /api/auth/me (session lookup + one user query)');
    for (const [label, path] of [
      ['GET /api/health', '/api/health'],
      ['GET /api/auth/me', '/api/auth/me'],
    ]) {
      await call('GET', path.replace('/api', ''), undefined, engineer.token);
      for (const connections of [1, 10])
        results.floor.push(
          await hammer({ label, path, token: engineer.token, connections, duration: Math.min(5, DURATION) }),
        );
    }

    if (runs('create')) {
      say(`Create: POST /api/tickets as ${CUSTOMER.email} (${org.name}), ${CREATE_CONNECTIONS} connections`);
      const write = ticketWriter(1, people);
      createdSince ??= (await q('SELECT now() AS now'))[0].now;
      await call('POST', '/tickets', write(), customer.token); // warm-up, checks the body is accepted
      const memory = rssSampler(api.pid);
      const apiRun = await hammer({
        label: 'POST /api/tickets',
        path: '/api/tickets',
        token: customer.token,
        connections: CREATE_CONNECTIONS,
        body: write,
      });
      results.memory = { idleMb: idleRss, ...memory() };
      results.createApi = apiRun;
      results.createDescriptionChars = summarise(
        Array.from({ length: 500 }, ticketWriter(1, people)).map((t) => t.description.length),
      );

      say(
        `Create: raw INSERT through node-postgres, pg.Pool max ${POOL_SIZE}, ${CREATE_CONNECTIONS} workers`,
      );
      const { sla } = appServices(null);
      const rawWrite = ticketWriter(2, people);
      const pool = new pg.Pool({
        connectionString: db.url,
        max: POOL_SIZE,
        application_name: 'hushdesk-bench-http-raw',
      });
      const latencies = [];
      let failures = 0;
      const cpu = cpuMeter(api.pid);
      const others = contentionWatch([process.pid, api.pid]);
      const start = performance.now();
      const deadline = start + DURATION * 1000;
      await Promise.all(
        Array.from({ length: CREATE_CONNECTIONS }, async () => {
          while (performance.now() < deadline) {
            const t = rawWrite();
            const now = new Date();
            const fields = {
              ...sla.start(now, t.priority),
              priority: t.priority,
              status: 'new',
              createdAt: now,
              nextDueAt: null,
              nextAtRiskAt: null,
              slaPausedAt: null,
              firstRespondedAt: null,
              resolvedAt: null,
            };
            sla.pointAtRunningClock(fields);
            const t1 = performance.now();
            try {
              // The INSERT of TicketsService.create, with the same columns and kinds of values.
              await pool.query({
                name: 'bench-raw-insert-ticket',
                text: `INSERT INTO tickets (type, status, priority, category, subject, description, requester_id, created_by_id,
                 organisation_id, group_id, tags, equipment_asset_tag, equipment_model, equipment_serial_number,
                 equipment_location, contact_phone, first_response_due_at, first_response_at_risk_at, resolution_due_at,
                 resolution_at_risk_at, next_due_at, next_at_risk_at, created_at, updated_at)
               VALUES ($1, 'new', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22)
               RETURNING id`,
                values: [
                  t.type,
                  t.priority,
                  null,
                  t.subject,
                  t.description,
                  customerId,
                  customerId,
                  org.id,
                  null,
                  [],
                  null,
                  null,
                  null,
                  null,
                  null,
                  fields.firstResponseDueAt,
                  fields.firstResponseAtRiskAt,
                  fields.resolutionDueAt,
                  fields.resolutionAtRiskAt,
                  fields.nextDueAt,
                  fields.nextAtRiskAt,
                  now,
                ],
              });
              latencies.push(performance.now() - t1);
            } catch {
              failures++;
            }
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      const used = cpu();
      await pool.end();
      results.createRaw = {
        label: 'raw INSERT (node-postgres)',
        connections: CREATE_CONNECTIONS,
        seconds,
        responses: latencies.length,
        rps: latencies.length / seconds,
        failures,
        latency: summarise(latencies),
        cpu: used,
        otherProcs: others(),
      };
      say(
        `  raw INSERT: ${rate(results.createRaw.rps)} inserts/s, p50 ${ms(results.createRaw.latency.p50)} ms, p99 ${ms(results.createRaw.latency.p99)} ms`,
      );
      results.createRatio = apiRun.rps / results.createRaw.rps;
      // The other scenarios run on the seeded data, not on 30,000 extra new tickets.
      await removeCreated('the create scenario');
    }

    if (runs('queue')) {
      say(`Queue: GET /api/tickets as engineer ${ENGINEER.email} (${fmt(assigned)} open tickets assigned)`);
      for (const v of QUEUE) {
        const path = `/api/tickets?${new URLSearchParams({ ...v.query, limit: String(LIST_LIMIT) })}`;
        const t1 = performance.now();
        const first = await call('GET', path.replace('/api', ''), undefined, engineer.token);
        const firstMs = performance.now() - t1;
        for (const connections of [1, 10]) {
          const r = await hammer({ label: v.label, path, token: engineer.token, connections });
          r.firstMs = firstMs;
          r.items = first.items.length;
          r.total = Object.values(first.counts).reduce((a, b) => a + b, 0);
          results.queue.push(r);
        }
      }
    }

    if (runs('page')) {
      pageTicket = await ensurePageTicket(q, call, customer, engineer, customerId);
      say(
        `Page: ticket ${pageTicket.reference} (${pageTicket.id}) with ${PAGE_MESSAGES} messages, as the engineer`,
      );
      for (const [label, path] of [
        ['GET /api/tickets/:id', `/api/tickets/${pageTicket.id}`],
        [
          `GET /api/tickets/:id/messages?limit=${THREAD_LIMIT}`,
          `/api/tickets/${pageTicket.id}/messages?limit=${THREAD_LIMIT}`,
        ],
      ]) {
        const first = await call('GET', path.replace('/api', ''), undefined, engineer.token);
        for (const connections of first.items ? [1, 10] : [1, 10, 50]) {
          const r = await hammer({ label, path, token: engineer.token, connections });
          if (first.items) r.items = first.items.length;
          results.page.push(r);
        }
      }
    }

    if (runs('search')) {
      say('Search: GET /api/tickets?q=… as the engineer');
      for (const s of SEARCH) {
        const path = `/api/tickets?${new URLSearchParams({ q: s.q, limit: String(LIST_LIMIT) })}`;
        const t1 = performance.now();
        const first = await call('GET', path.replace('/api', ''), undefined, engineer.token);
        const firstMs = performance.now() - t1;
        say(`  first request q=${s.q}: ${ms(firstMs)} ms`);
        for (const connections of [1, 10]) {
          const r = await hammer({
            label: `q=${s.q} (${s.label})`,
            path,
            token: engineer.token,
            connections,
            timeout: Math.max(60, DURATION * 3),
            graceMs: 2000,
          });
          r.firstMs = firstMs;
          r.items = first.items.length;
          r.total = Object.values(first.counts).reduce((a, b) => a + b, 0);
          results.search.push(r);
        }
      }
    }
  } finally {
    results.wholeRunRss = wholeRunRss();
    await api.stop();
  }
  const loadAfter = loadavg()[0];
  say(`1-min load average after: ${loadAfter.toFixed(2)}`);

  // ---- The same code paths in-process: exact SQL, time without HTTP, and the plans --------------------
  const pool = new pg.Pool({
    connectionString: db.url,
    max: POOL_SIZE,
    application_name: 'hushdesk-bench-http-direct',
  });
  const app = appServices(pool);
  await app.policies.all(); // the API has them cached too
  const bearer = `Bearer ${engineer.token}`;
  const viaEngineer = async (fn) => fn(await app.sessions.authenticateCredentials(bearer, undefined));
  const direct = [];
  const plans = new Map();
  const planOrder = [];
  /** Runs fn once recording its statements, then times it; EXPLAINs each SELECT it ran. */
  const inProcess = async (
    scenario,
    label,
    fn,
    { reps = 300, budgetMs = 3000, minReps = 3, explain = true } = {},
  ) => {
    app.log.entries = [];
    app.log.on = true;
    const first = performance.now();
    await fn();
    const statements = app.log.entries.map((e) => ({ ...e, label: statementLabel(e.sql) }));
    // Warm up (JIT, caches) unless one call is already slow.
    if (performance.now() - first < 100) for (let i = 0; i < 10; i++) await fn();
    const times = [];
    const perStatement = new Map();
    const started = performance.now();
    while (times.length < reps && (times.length < minReps || performance.now() - started < budgetMs)) {
      app.log.entries = [];
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
      for (const e of app.log.entries) {
        const k = statementLabel(e.sql);
        if (!perStatement.has(k)) perStatement.set(k, []);
        perStatement.get(k).push(e.ms);
      }
    }
    app.log.on = false;
    const row = {
      scenario,
      label,
      time: summarise(times),
      statements: [...perStatement].map(([k, v]) => ({ label: k, ...summarise(v) })),
    };
    direct.push(row);
    if (explain) {
      for (const st of statements) {
        if (!/^\s*SELECT/i.test(st.sql) || /field_policy_overrides/.test(st.sql)) continue;
        const key = `${st.sql}\u0000${JSON.stringify(st.params)}`;
        if (plans.has(key)) {
          plans.get(key).usedBy.push(`${scenario}: ${label}`);
          continue;
        }
        const rows = await q(`EXPLAIN (ANALYZE, BUFFERS) ${st.sql}`, st.params);
        const plan = { label: st.label, usedBy: [`${scenario}: ${label}`], sql: st.sql, params: st.params };
        plan.text = rows.map((r) => r['QUERY PLAN']);
        plans.set(key, plan);
        planOrder.push(plan);
      }
    }
    return row;
  };

  say('');
  say('In-process runs of the same services (no HTTP): timing, SQL and plans…');
  if (runs('create')) {
    const write = ticketWriter(3, people);
    const cust = customer.actor;
    createdSince ??= (await q('SELECT now() AS now'))[0].now;
    await inProcess(
      'create',
      'POST /api/tickets',
      () =>
        app.sessions
          .authenticateCredentials(`Bearer ${customer.token}`, undefined)
          .then(() => app.tickets.create(cust, write())),
      { reps: 50, explain: false },
    );
  }
  if (runs('queue'))
    for (const v of QUEUE)
      await inProcess('queue', v.label, () =>
        viaEngineer((a) => app.tickets.list(a, { ...v.query, limit: LIST_LIMIT })),
      );
  if (runs('page') && pageTicket) {
    await inProcess('page', 'GET /api/tickets/:id', () =>
      viaEngineer((a) => app.tickets.get(a, pageTicket.id)),
    );
    await inProcess('page', `GET /api/tickets/:id/messages?limit=${THREAD_LIMIT}`, () =>
      viaEngineer((a) => app.messages.list(a, pageTicket.id, { limit: THREAD_LIMIT })),
    );
  }
  if (runs('search'))
    for (const s of SEARCH)
      await inProcess(
        'search',
        `q=${s.q}`,
        () => viaEngineer((a) => app.tickets.list(a, { q: s.q, limit: LIST_LIMIT })),
        {
          minReps: 1,
        },
      );
  await pool.end();

  await removeCreated('in-process runs');

  const [data] = await q(`SELECT (SELECT count(*) FROM tickets)::int AS tickets,
      (SELECT count(*) FROM ticket_messages)::int AS messages,
      pg_size_pretty(pg_database_size(current_database())) AS size,
      current_setting('jit') AS jit, current_setting('work_mem') AS work_mem,
      current_setting('max_parallel_workers_per_gather') AS parallel`);
  const tableRows = new Map(
    (
      await q(
        "SELECT relname, reltuples::float8 AS n FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace",
      )
    ).map((r) => [r.relname, r.n]),
  );
  const machineLines = await machine(client);
  await client.end();

  // ---- Report ------------------------------------------------------------------------------------------
  const report = [];
  const p = (s = '') => report.push(s);
  const latencyRow = (r, target) => {
    const l = r.latency;
    const met =
      target === undefined
        ? ''
        : l.n === 0
          ? '**not met** (no response)'
          : l.p99 <= target && !r.non2xx && !r.errors
            ? 'met'
            : '**not met**';
    return [
      r.label,
      String(r.connections),
      fmt(l.n),
      rate(r.rps),
      ms(l.p50),
      ms(l.p975),
      ms(l.p99),
      ms(l.max),
      String(r.non2xx ?? 0),
      String(
        (r.errors ?? r.failures ?? 0) + (r.cancelledQueries ? ` (+${r.cancelledQueries} cancelled)` : ''),
      ),
      cores(r.cpu?.api),
      cores(r.cpu?.rest),
      cores(r.cpu?.bench),
      String(r.otherProcs?.length ?? 0),
      ...(target === undefined ? [] : [`≤ ${target}`, met]),
    ];
  };
  const LAT_HEAD = [
    'request',
    'conns:',
    'n:',
    'req/s:',
    'p50 ms:',
    'p97.5 ms:',
    'p99 ms:',
    'max ms:',
    'non-2xx:',
    'errors:',
    'API CPU:',
    'PG+other CPU:',
    'bench CPU:',
    'others:',
  ];

  p('');
  p(
    `## bench:http — ${db.name} (${fmt(data.tickets)} tickets, ${fmt(data.messages)} messages, ${data.size})`,
  );
  p('');
  p(
    `duration ${DURATION} s per run; API pool ${POOL_SIZE}; customer ${CUSTOMER.email} in "${org.name}"; ` +
      `engineer ${ENGINEER.email} (${fmt(assigned)} open tickets assigned)`,
  );
  p(`1-min load average: ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);
  p('CPU columns: cores used during the run by the API process, by the rest of the machine (PostgreSQL, and');
  p(
    'anything else running) and by this load generator. others: other benchmark/API/test processes seen running',
  );
  p('during the run (they share the two cores; listed at the end). n = 2xx responses measured. Times in ms.');

  p('');
  p('### 0. Floor (no target): the cheapest requests');
  p('');
  for (const l of table(
    LAT_HEAD,
    results.floor.map((r) => latencyRow(r)),
  ))
    p(l);

  if (results.createApi) {
    const a = results.createApi;
    const raw = results.createRaw;
    const ratio = results.createRatio;
    const d = results.createDescriptionChars;
    p('');
    p(`### 1. Ticket creation as a customer (${CREATE_CONNECTIONS} connections, ${DURATION} s each)`);
    p('');
    p(
      `Body: {type:'fault', subject, description, priority:'P3'}, varied per request; description ${Math.round(d.min)}–${Math.round(d.max)} characters (mean ${Math.round(d.mean)}), ~1 in 4 with a phone, email or name.`,
    );
    p('');
    for (const l of table(LAT_HEAD, [latencyRow(a), latencyRow(raw)])) p(l);
    p('');
    for (const l of table(
      ['measure', 'value:', 'target', 'met'],
      [
        [
          'API rate / raw INSERT rate',
          ratio.toFixed(3),
          `≥ ${TARGET.ratio} (hope > ${TARGET.ratioHope})`,
          ratio >= TARGET.ratioHope ? 'met (and hope)' : ratio >= TARGET.ratio ? 'met' : '**not met**',
        ],
        [
          'the same, issue 17',
          ratio.toFixed(3),
          `≥ ${TARGET.ratioIssue17}`,
          ratio >= TARGET.ratioIssue17 ? 'met' : '**not met**',
        ],
      ],
    ))
      p(l);
    const dc = direct.find((x) => x.scenario === 'create');
    if (dc) {
      p('');
      p(
        `In-process, one at a time (session lookup + TicketsService.create, committed): p50 ${ms(dc.time.p50)} ms over ${dc.time.n} runs. Statements per create:`,
      );
      p('');
      for (const l of table(
        ['statement', 'per create:', 'p50 ms:', 'max ms:'],
        dc.statements.map((s) => [s.label, (s.n / dc.time.n).toFixed(2), ms(s.p50), ms(s.max)]),
      ))
        p(l);
    }
  }

  if (results.memory) {
    const m = results.memory;
    p('');
    p('### 2. API memory (RSS) during ticket creation, sampled every 250 ms');
    p('');
    for (const l of table(
      ['idle before MB:', 'max MB:', 'mean MB:', 'samples:', 'target', 'met'],
      [
        [
          ms(m.idleMb),
          ms(m.maxMb),
          ms(m.meanMb),
          String(m.samples),
          `max < ${TARGET.rssMb} MB`,
          m.maxMb < TARGET.rssMb ? 'met' : '**not met**',
        ],
      ],
    ))
      p(l);
    p(
      `Whole run (every 500 ms, all scenarios): max ${ms(results.wholeRunRss.maxMb)} MB, mean ${ms(results.wholeRunRss.meanMb)} MB.`,
    );
  }
  {
    const runsOf = (name, rs) => {
      const max = Math.max(...rs.map((r) => r.rssMaxMb).filter(Number.isFinite));
      return rs.length ? `${name} ${ms(max)}` : null;
    };
    const parts = [
      runsOf('floor', results.floor),
      results.createApi ? runsOf('create', [results.createApi]) : null,
      runsOf('queue', results.queue),
      runsOf('page', results.page),
      runsOf('search', results.search),
    ].filter(Boolean);
    p('');
    p(`API RSS max per scenario (MB, every 250 ms during its runs): ${parts.join('; ')}.`);
  }

  const withTarget = [...LAT_HEAD, 'target p99', 'met'];
  if (results.queue.length) {
    p('');
    p(`### 3. Engineer queue (GET /api/tickets?…&limit=${LIST_LIMIT}, sorted by next SLA deadline)`);
    p('');
    const rows = results.queue.map((r) => {
      const row = latencyRow(r, r.connections === 1 ? TARGET.queueP99 : TARGET.queueP99At10);
      row[0] = `${r.label} (${r.items} items, ${fmt(r.total)} counted; first request ${ms(r.firstMs)})`;
      return row;
    });
    for (const l of table(withTarget, rows)) p(l);
  }
  if (results.page.length) {
    p('');
    p(`### 4. Ticket page with ${PAGE_MESSAGES} messages (${pageTicket.reference}), as the engineer`);
    p('');
    for (const l of table(
      withTarget,
      results.page.map((r) => latencyRow(r, TARGET.pageP99)),
    ))
      p(l);
    p(
      '(The console page also loads /history, /attachments, the requester card and calls; not measured here.)',
    );
    const read = (c) => results.page.find((r) => r.label === 'GET /api/tickets/:id' && r.connections === c);
    if (read(10) && read(50)) {
      const scaling = read(50).rps / read(10).rps;
      p('');
      p(
        `GET /api/tickets/:id at 50 connections / at 10: ${scaling.toFixed(2)} (target ≥ ${TARGET.readAt50}: ${scaling >= TARGET.readAt50 ? 'met' : '**not met**'}).`,
      );
    }
  }
  if (results.search.length) {
    p('');
    p(`### 5. Full-text search (GET /api/tickets?q=…&limit=${LIST_LIMIT}), as the engineer`);
    p('');
    const rows = results.search.map((r) => {
      const row = latencyRow(r, TARGET.searchP99);
      row[0] = `${r.label} (${r.items} items, ${fmt(r.total)} counted; first request ${ms(r.firstMs)})`;
      return row;
    });
    for (const l of table(withTarget, rows)) p(l);
    p(
      `(Request timeout ${Math.max(60, DURATION * 3)} s; requests still running when a run ends are abandoned and their queries cancelled.)`,
    );
  }

  const httpP50 = (label) =>
    [...results.queue, ...results.page, ...results.search].find(
      (r) => r.connections === 1 && (r.label === label || r.label.startsWith(label)),
    )?.latency.p50;
  const reads = direct.filter((d) => d.scenario !== 'create');
  if (reads.length) {
    p('');
    p(
      '### Where the time goes: the same code in-process (session lookup + service method, no HTTP), one at a time',
    );
    p('');
    const rows = reads.map((d) => {
      const http = httpP50(d.label);
      return [
        `${d.scenario}: ${d.label}`,
        ms(http),
        ms(d.time.p50),
        Number.isFinite(http) ? ms(http - d.time.p50) : '–',
        String(d.time.n),
        d.statements.map((s) => `${s.label} ${ms(s.p50)}`).join('; '),
      ];
    });
    for (const l of table(
      [
        'request',
        'HTTP p50 @1:',
        'in-process p50:',
        'difference:',
        'runs:',
        'statements (p50 ms each; list rows and counts run in parallel)',
      ],
      rows,
    ))
      p(l);
  }

  if (planOrder.length) {
    p('');
    p('### 6. Query plans: EXPLAIN (ANALYZE, BUFFERS) of the SELECTs the services ran (API stopped)');
    p(
      `(jit ${data.jit}, work_mem ${data.work_mem}, max_parallel_workers_per_gather ${data.parallel}; costs cut; lines cut at 170 characters)`,
    );
    for (const plan of planOrder) {
      const s = planSummary(plan.text, tableRows);
      plan.summary = s;
      p('');
      p(`#### ${plan.label} — ${plan.usedBy.join(', ')}`);
      p(
        `execution ${s.execution} ms, planning ${s.planning} ms, buffers ${s.buffers}` +
          (s.seqScans.length ? `, **Seq Scan** on ${s.seqScans.join(', ')}` : '') +
          (s.smallSeqScans.length ? `, seq scans of small tables (${s.smallSeqScans.join(', ')})` : '') +
          (s.indexes.length ? `; indexes: ${s.indexes.join(', ')}` : '') +
          (s.jit ? `; JIT ${s.jit} ms` : ''),
      );
      p('```');
      for (const l of compactPlan(plan.text)) p(l);
      p('```');
    }
  }

  const contended = [
    ...results.floor,
    ...[results.createApi, results.createRaw].filter(Boolean),
    ...results.queue,
    ...results.page,
    ...results.search,
  ].filter((r) => r.otherProcs?.length);
  if (contended.length) {
    p('');
    p('### Other processes running during runs (they compete for the same two cores)');
    p('');
    for (const r of contended) p(`- ${r.label} @${r.connections}: ${r.otherProcs.join(' | ')}`);
  }

  p('');
  p('### Machine');
  p('');
  for (const l of machineLines) p(`    ${l}`);
  p(`    load      1-min load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);
  p(`    database  ${db.name}, ${data.size}`);
  p(`    warm-up   ${WARMUP > 0 ? `${WARMUP} s unmeasured before each read run, same connections` : 'none'}`);
  for (const l of report) say(l);

  if (typeof JSON_FILE === 'string')
    writeFileSync(
      JSON_FILE,
      JSON.stringify(
        {
          options: { scale: SCALE, duration: DURATION, only: ONLY, poolSize: POOL_SIZE },
          database: { name: db.name, ...data },
          machine: machineLines,
          load: { before: loadBefore, after: loadAfter },
          targets: TARGET,
          results,
          inProcess: direct,
          plans: planOrder.map((x) => ({
            ...x,
            params: x.params.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)),
          })),
        },
        null,
        2,
      ),
    );
}

/** The 20-message ticket of the page scenario: found from an earlier run, or made through the API. */
async function ensurePageTicket(q, call, customer, engineer, customerId) {
  const [found] = await q(
    `SELECT t.id, t.reference FROM tickets t
      WHERE t.requester_id = $1 AND t.subject = $2
        AND (SELECT count(*) FROM ticket_messages m WHERE m.ticket_id = t.id) = $3
      ORDER BY t.created_at LIMIT 1`,
    [customerId, PAGE_SUBJECT, PAGE_MESSAGES],
  );
  if (found) return { id: found.id, reference: `HD-${String(found.reference).padStart(6, '0')}` };
  const ticket = await call(
    'POST',
    '/tickets',
    {
      type: 'fault',
      subject: PAGE_SUBJECT,
      priority: 'P2',
      category: 'voice',
      description:
        'Hello, since Monday the handsets in the sales office reboot in the middle of long calls, usually after ' +
        'about twenty minutes. It happens on at least four desks and always on outbound calls. We have swapped ' +
        'two handsets and the power supplies but it keeps happening. Thanks.',
      equipment: { model: 'Yealink T54W', location: 'Sales office, first floor' },
    },
    customer.token,
  );
  const lines = [
    'Could you tell us the firmware version shown under Status on one of the affected handsets?',
    'It says 96.86.0.70 on all of them. It happened again twice this morning.',
    'Thanks. Do the reboots happen on the handsets connected through the desk switch or the wall ports?',
    'All of the affected ones are on the small switch under the desks.',
    'Switch under the desks is an unmanaged PoE model, probably running out of power budget.',
    'We think the switch under the desks cannot power all the handsets at once. Could you check its model?',
    'It is a grey eight-port box, the label says it gives 65 W in total.',
    'That would explain it: eight handsets need more than that during calls. We will send a larger switch.',
    'Great, when can we expect it?',
    'Dispatched today from stock, 120 W model.',
    'It should arrive tomorrow morning. Any of your team can swap it, or we can book an engineer.',
    'We would prefer an engineer please, any time after ten.',
    'Engineer visit booked for Thursday 10:30.',
    'An engineer will be with you on Thursday at half past ten.',
    'Thank you, someone will be at reception to let them in.',
    'Switch replaced, all eight handsets stable under a test call for 45 minutes.',
    'The new switch is in and every handset held a 45 minute test call. Please let us know how it goes.',
    'No reboots at all today, thank you.',
    'Glad to hear it. We will keep the ticket open until the end of the week to be sure.',
    'Still fine on Friday, please go ahead and close it.',
  ];
  for (const [i, body] of lines.entries()) {
    const staff = i % 2 === 0;
    const internal = staff && /^(Switch under|Dispatched|Engineer visit|Switch replaced)/.test(body);
    await call(
      'POST',
      `/tickets/${ticket.id}/messages`,
      { body, visibility: internal ? 'internal' : 'public' },
      staff ? engineer.token : customer.token,
    );
  }
  return { id: ticket.id, reference: ticket.reference };
}

/**
 * Execution and planning time, top-level buffers, sequential scans (of tables over 10,000 rows; the
 * small ones only by name), indexes and JIT of a text plan.
 */
function planSummary(lines, tableRows) {
  const find = (re) => lines.map((l) => re.exec(l)).find(Boolean);
  const seqScans = [];
  const smallSeqScans = new Set();
  const indexes = new Set();
  for (const [i, l] of lines.entries()) {
    const seq = /Seq Scan on (\w+)(?: \w+)? .*actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/.exec(l);
    if (seq && (tableRows.get(seq[1]) ?? 0) > 10_000) {
      const removed = lines
        .slice(i + 1, i + 4)
        .map((x) => /Rows Removed by Filter: (\d+)/.exec(x))
        .find(Boolean);
      seqScans.push(
        `${seq[1]} (${fmt(Number(seq[2]))} rows × ${seq[3]} loops` +
          `${removed ? `, ${fmt(Number(removed[1]))} removed by filter` : ''})`,
      );
    } else if (seq) smallSeqScans.add(seq[1]);
    const idx = /(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/.exec(l);
    if (idx) indexes.add(idx[1]);
  }
  const buffers = find(/Buffers: (.*)$/);
  return {
    execution: find(/Execution Time: ([\d.]+) ms/)?.[1] ?? '?',
    planning: find(/Planning Time: ([\d.]+) ms/)?.[1] ?? '?',
    buffers: buffers ? buffers[1] : 'none',
    seqScans,
    smallSeqScans: [...smallSeqScans],
    indexes: [...indexes],
    jit: find(/Timing: .*Total ([\d.]+) ms/)?.[1] ?? null,
  };
}

/**
 * The plan, compact: no costs, indentation a third as deep, no hash/sort/memoize bookkeeping, and
 * buffers only for the top node and the scans.
 */
function compactPlan(lines) {
  const skip =
    /^\s*(Output:|Sort Key:|Group Key:|Hash Cond:|Merge Cond:|Cache Key:|Cache Mode:|Options:|Functions:|Buckets:|Batches:|Hits:|Sort Method:|Workers Planned:|Presorted Key:|Full-sort Groups:)/;
  const out = [];
  let node = '';
  let planning = false;
  for (const [i, l] of lines.entries()) {
    if (/^Planning:/.test(l)) {
      planning = true;
      continue;
    }
    if (planning && /^\s+Buffers:/.test(l)) continue;
    planning = false;
    if (skip.test(l)) continue;
    if (i === 0 || /->/.test(l)) node = l;
    if (/^\s*Buffers:/.test(l) && i > 1 && !/Scan/.test(node)) continue;
    const indent = l.length - l.trimStart().length;
    const line = ' '.repeat(Math.round(indent / 3)) + l.trimStart().replace(/\s*\(cost=[^)]*\)/, '');
    out.push(line.length > 170 ? `${line.slice(0, 169)}…` : line);
  }
  return out;
}

main().catch((e) => {
  process.stderr.write(`bench:http failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
