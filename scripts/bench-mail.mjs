// `npm run bench:mail`: the email channel under load, in parts (`--part smtp|imap|outbound|all`).
//
//   smtp      Builds and starts the API on a fresh database of its own (`hushdesk_bench_mail`, dropped
//             and made again each run, on BENCH_DATABASE_URL's server or 127.0.0.1:5432) with the SMTP
//             intake on a free port, then:
//             1. throughput: --mails mails (10,000) from 200 senders (unknown, so each sender's first
//                mail also makes a contact), 10% replies to an earlier mail of theirs, 5% auto-replies,
//                1% sent twice, through --concurrency (16) SMTP connections (nodemailer, pooled).
//                Prints mails/s and, checked in the database afterwards, lost (answered 250 but
//                missing) and duplicated (a Message-ID imported twice). Target: >= 100 mails/s, 0, 0.
//             2. ticket creation over HTTP (autocannon, 10 connections, --duration seconds each):
//                first flat out, alone, which finds the API's capacity; then at a fixed rate
//                (--http-rate, default half that capacity: a busy helpdesk, not a saturated one),
//                alone and while mail is ingested at --ingest-rate mails/s (20), whose p99 ratio is
//                the target (<= 1.2x); then flat out again with mail, for the throughput mail costs.
//                Flat out, p99 is the queue's length, so it rises with any extra work at all.
//             3. memory: --big (8) mails of 25 MB (a 24 MB attachment, rejected by the 10 MB upload
//                limit, so each is parsed whole), 4 at a time, while the API's RSS is sampled every
//                100 ms. Target: peak < 300 MB.
//   imap      A --messages (10,000) message Dovecot mailbox imported by one poll of the real poller,
//             in this process (test/bench/mail-imap.ts, `imapBench`). Target: >= 50 mails/s, 0 lost,
//             0 duplicated. Needs Dovecot (`apt-get install -y dovecot-imapd`).
//   outbound  --count (1,000) `ticket_received` notifications queued, then drained by the send job
//             into a local smtp-server, in this process (scripts/bench-mail-outbound.mjs,
//             `outboundBench`). Target: >= 100 mails/s, 0 lost, 0 duplicated.
// Ends with one summary of every part run, each against its target.
//
// Options: --part (all), --mails N, --concurrency N, --duration SECONDS (15), --ingest-rate N,
//          --http-rate N, --big N, --messages N, --count N, --json FILE, --cpu-prof DIR (the API's V8 profile, smtp
//          part), --workers N (API_WORKERS for the smtp part's API, 1: the lead worker takes the mail, HTTP is
//          shared by all; RSS is then the largest process's), --no-build.
//          Env: BENCH_DATABASE_URL, IDENTIFIER_HMAC_KEY.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import nodemailer from 'nodemailer';
import pg from 'pg';
import {
  DEFAULT_SERVER,
  allWorkersUp,
  arg,
  buildApi,
  ensureUser,
  fmt,
  freePort,
  hmacKey,
  intArg,
  ownRssMb,
  processTree,
  say,
  sleep,
  startApi,
} from './bench-common.mjs';
import { require, root } from './lib.mjs';

const PARTS = ['smtp', 'imap', 'outbound'];
const PART = String(arg('part', 'all'));
if (![...PARTS, 'all'].includes(PART)) throw new Error(`--part must be one of ${PARTS.join(', ')} or all`);
const int = intArg;
const MAILS = int('mails', 10_000, 10, 1_000_000);
const CONCURRENCY = int('concurrency', 16, 1, 200);
const DURATION = int('duration', 15, 1, 600);
const INGEST_RATE = int('ingest-rate', 20, 1, 10_000);
const HTTP_RATE = arg('http-rate', undefined) === undefined ? undefined : int('http-rate', 0, 1, 100_000);
const BIG = int('big', 8, 0, 100);
const MESSAGES = int('messages', 10_000, 10, 1_000_000);
const COUNT = int('count', 1_000, 10, 1_000_000);
const CPU_PROF = arg('cpu-prof', undefined);
const WORKERS = int('workers', 1, 1, 64);
const DOMAIN = 'bench.example';
const KEY = hmacKey();
const results = {};

function database() {
  const url = new URL(process.env.BENCH_DATABASE_URL || DEFAULT_SERVER);
  url.pathname = '/hushdesk_bench_mail';
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return { url: url.toString(), adminUrl: admin.toString() };
}

async function freshDatabase() {
  const db = database();
  const admin = new pg.Client({ connectionString: db.adminUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS hushdesk_bench_mail WITH (FORCE)');
  await admin.query('CREATE DATABASE hushdesk_bench_mail');
  await admin.end();
  return db.url;
}

function rawMail(m) {
  const headers = [
    `From: ${m.name} <${m.from}>`,
    `To: support@${DOMAIN}`,
    `Subject: ${m.subject}`,
    `Message-ID: <${m.id}>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`, `References: <${m.inReplyTo}>`] : []),
    ...(m.auto ? ['Auto-Submitted: auto-replied'] : []),
  ];
  const body =
    `Hello support,\n\nMail ${m.n}: the handset at desk ${m.n % 97} shows "No service" since this morning. ` +
    `We restarted it twice.\n\nThanks\n-- \n${m.name}\nBench Ltd\n\nOn Mon, someone wrote:\n> an earlier line\n> another\n`;
  return `${headers.join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`;
}

/** The mix: 10% replies to an earlier mail of the same sender, 5% auto-replies, 1% sent twice. */
function plan(count, tag) {
  const mails = [];
  const lastBy = new Map();
  for (let n = 0; mails.length < count; n++) {
    const s = n % 200;
    const from = `sender${s}@client.${DOMAIN}`;
    const m = {
      n,
      id: `${tag}.${n}@client.${DOMAIN}`,
      from,
      name: `Sender ${s}`,
      subject: `Bench mail ${n}`,
    };
    if (n % 20 === 13) m.auto = true;
    else if (n % 10 === 4 && lastBy.has(from)) m.inReplyTo = lastBy.get(from);
    if (!m.auto) lastBy.set(from, m.id);
    m.raw = rawMail(m);
    mails.push(m);
    if (n % 100 === 50 && mails.length < count) mails.push({ ...m, duplicate: true });
  }
  return mails;
}

/** Sends mails through `connections` pooled SMTP connections; resolves with the 250s and failures. */
async function sendAll(port, mails, connections, pace) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
  });
  const acknowledged = [];
  const failed = {};
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= mails.length) return;
      if (pace) {
        const due = started + (i * 1000) / pace;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      const m = mails[i];
      try {
        const info = await transport.sendMail({
          envelope: { from: m.from, to: [`support@${DOMAIN}`] },
          raw: m.raw,
        });
        if (/^250/.test(info.response)) acknowledged.push(m);
        else failed[info.response.slice(0, 3)] = (failed[info.response.slice(0, 3)] ?? 0) + 1;
      } catch (e) {
        const code = e.responseCode ?? e.code ?? 'error';
        failed[code] = (failed[code] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  transport.close();
  return { acknowledged, failed, ms: Date.now() - started };
}

/** The API's resident memory; with workers, the largest process's (the lead, which parses the mail). */
function rssMb(pid) {
  if (WORKERS === 1) return ownRssMb(pid);
  return Math.max(...processTree(pid).map((p) => ownRssMb(p) || 0));
}

/** Ticket creation for `duration` seconds: flat out, or at `rate` requests per second overall. */
async function createP99(baseUrl, token, duration, rate) {
  let n = 0;
  const r = await autocannon({
    url: `${baseUrl}/api/tickets`,
    connections: 10,
    duration,
    ...(rate ? { overallRate: rate } : {}),
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    setupClient: (client) =>
      client.setBody(
        JSON.stringify({
          type: 'service_request',
          subject: `HTTP bench ticket ${n}`,
          description: `The printer ${n++} on the second floor is jammed again, and the queue is stuck.`,
        }),
      ),
  });
  return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, non2xx: r.non2xx };
}

async function smtpPart() {
  const databaseUrl = await freshDatabase();
  const port = await freePort();
  const intakePort = await freePort();
  const logFile = join(tmpdir(), `hushdesk-bench-mail-${Date.now()}.log`);
  const api = await startApi({
    databaseUrl,
    key: KEY,
    port,
    logFile,
    nodeArgs: CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [],
    env: {
      MAIL_INTAKE_PORT: String(intakePort),
      MAIL_FROM: `Support <support@${DOMAIN}>`,
      JOBS_ENABLED: '0',
      API_WORKERS: String(WORKERS),
    },
  });
  if (WORKERS > 1) await allWorkersUp(logFile, WORKERS);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    // 1. Throughput.
    say(
      `\n[smtp] ${fmt(MAILS)} mails through ${CONCURRENCY} SMTP connections; ${WORKERS} API process${WORKERS > 1 ? 'es' : ''}`,
    );
    const mails = plan(MAILS, `t${Date.now().toString(36)}`);
    const sent = await sendAll(intakePort, mails, CONCURRENCY);
    const ids = [...new Set(sent.acknowledged.filter((m) => !m.auto).map((m) => m.id))];
    const { rows } = await db.query(
      'SELECT message_id, count(*)::int AS n FROM email_messages WHERE message_id = ANY($1) GROUP BY message_id',
      [ids],
    );
    const found = new Map(rows.map((r) => [r.message_id, r.n]));
    const { rows: outcomes } = await db.query(
      'SELECT outcome, count(*)::int AS n FROM mail_receipts GROUP BY outcome ORDER BY outcome',
    );
    const throughput = {
      mails: mails.length,
      connections: CONCURRENCY,
      seconds: sent.ms / 1000,
      mailsPerSecond: mails.length / (sent.ms / 1000),
      acknowledged: sent.acknowledged.length,
      refused: sent.failed,
      lost: ids.filter((id) => !found.has(id)).length,
      duplicated: [...found.values()].filter((n) => n > 1).length,
      receipts: Object.fromEntries(outcomes.map((r) => [r.outcome, r.n])),
      rssAfterMb: rssMb(api.pid),
    };
    results.smtpThroughput = throughput;
    say(
      `  ${fmt(throughput.mailsPerSecond)} mails/s (${throughput.seconds.toFixed(1)} s); 250s ${fmt(throughput.acknowledged)}; ` +
        `lost ${throughput.lost}; duplicated ${throughput.duplicated}; refused ${JSON.stringify(sent.failed)}`,
    );
    say(`  receipts ${JSON.stringify(throughput.receipts)}`);

    // 2. Ticket creation over HTTP, alone and while mail comes in.
    const { rows: org } = await db.query(
      "INSERT INTO organisations (name) VALUES ('Bench HTTP') RETURNING id",
    );
    const customer = {
      email: 'bench.http.customer@bench.example',
      password: 'bench-customer-password-123',
      role: 'customer',
      fullName: 'Bench Customer',
      organisationId: org[0].id,
    };
    await ensureUser(db, KEY, customer);
    const login = await fetch(`${api.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: customer.email, password: customer.password }),
    });
    const { accessToken } = await login.json();
    say(
      `\n[smtp] ticket creation over HTTP, ${DURATION} s per window; mail at ${INGEST_RATE}/s in the last two`,
    );
    await createP99(api.baseUrl, accessToken, 2); // warm-up
    const flatOut = await createP99(api.baseUrl, accessToken, DURATION);
    const rate = HTTP_RATE ?? Math.max(10, Math.round(flatOut.rps / 2));
    const alone = await createP99(api.baseUrl, accessToken, DURATION, rate);
    const background = plan(INGEST_RATE * (2 * DURATION + 5), `h${Date.now().toString(36)}`);
    const ingest = sendAll(intakePort, background, 4, INGEST_RATE);
    await sleep(500);
    const withMail = await createP99(api.baseUrl, accessToken, DURATION, rate);
    const flatOutWithMail = await createP99(api.baseUrl, accessToken, DURATION);
    const ingested = await ingest;
    results.httpCreate = {
      rate,
      flatOut,
      flatOutWithMail,
      alone,
      withMail,
      ratioP99: withMail.p99 / alone.p99,
      ingestRate: INGEST_RATE,
      ingestedMailsPerSecond: ingested.acknowledged.length / (ingested.ms / 1000),
    };
    say(
      `  flat out: ${fmt(flatOut.rps)} req/s, p99 ${flatOut.p99} ms alone; ${fmt(flatOutWithMail.rps)} req/s, ` +
        `p99 ${flatOutWithMail.p99} ms with mail`,
    );
    say(
      `  at ${rate} req/s: p99 alone ${alone.p99} ms (p50 ${alone.p50}); with mail ${withMail.p99} ms ` +
        `(p50 ${withMail.p50}); ratio ${(withMail.p99 / alone.p99).toFixed(2)}x; ` +
        `mail taken at ${results.httpCreate.ingestedMailsPerSecond.toFixed(1)}/s`,
    );

    // 3. Memory with 25 MB mails.
    if (BIG) {
      say(`\n[smtp] ${BIG} mails of 25 MB, 4 at a time; API RSS sampled every 100 ms`);
      const attachment = Buffer.alloc(24 * 1024 * 1024, 7)
        .toString('base64')
        .replace(/.{76}/g, '$&\r\n');
      const big = Array.from({ length: BIG }, (_, i) => {
        const m = {
          n: i,
          id: `big.${i}.${Date.now().toString(36)}@client.${DOMAIN}`,
          from: `big${i}@client.${DOMAIN}`,
          name: `Big ${i}`,
        };
        m.raw = [
          `From: Big ${i} <${m.from}>`,
          `To: support@${DOMAIN}`,
          `Subject: Big mail ${i}`,
          `Message-ID: <${m.id}>`,
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="B"',
          '',
          '--B',
          'Content-Type: text/plain',
          '',
          'The log file is attached.',
          '--B',
          'Content-Type: application/octet-stream; name="dump.bin"',
          'Content-Disposition: attachment; filename="dump.bin"',
          'Content-Transfer-Encoding: base64',
          '',
          attachment.slice(0, Math.floor((25 * 1024 * 1024 - 2048) / 78) * 78),
          '--B--',
          '',
        ].join('\r\n');
        return m;
      });
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(api.pid))), 100);
      const before = rssMb(api.pid);
      const r = await sendAll(intakePort, big, 4);
      await sleep(500);
      clearInterval(sampler);
      results.bigMails = {
        mails: BIG,
        bytesEach: big[0].raw.length,
        acknowledged: r.acknowledged.length,
        refused: r.failed,
        rssBeforeMb: before,
        rssPeakMb: peak,
        seconds: r.ms / 1000,
      };
      say(
        `  ${r.acknowledged.length}/${BIG} taken (${(big[0].raw.length / 1048576).toFixed(1)} MB each) in ${(r.ms / 1000).toFixed(1)} s; ` +
          `RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB; refused ${JSON.stringify(r.failed)}`,
      );
    }
  } finally {
    await db.end();
    await api.stop();
  }
}

/** The IMAP and outbound parts run the API's TypeScript in this process (SWC, as their scripts do). */
function registerTypeScript() {
  process.env.SWC_NODE_PROJECT ??= resolve(root, 'apps/api/tsconfig.spec.json');
  require('@swc-node/register');
  require('reflect-metadata');
}

async function imapPart() {
  say(`\n[imap] ${fmt(MESSAGES)} messages polled from Dovecot`);
  registerTypeScript();
  const { imapBench } = require('../test/bench/mail-imap.ts');
  results.imap = await imapBench({ messages: MESSAGES });
}

async function outboundPart() {
  say(`\n[outbound] ${fmt(COUNT)} notifications drained to a local SMTP server`);
  registerTypeScript();
  const { outboundBench } = await import('./bench-mail-outbound.mjs');
  results.outbound = await outboundBench({ count: COUNT });
}

/** One line per figure, against the targets. */
function summary() {
  const rows = [];
  const row = (what, value, target, ok) =>
    rows.push(`| ${what} | ${value} | ${target} | ${ok ? 'ok' : 'SHORT'} |`);
  const t = results.smtpThroughput;
  if (t) {
    row('SMTP intake', `${fmt(t.mailsPerSecond)} mails/s`, '>= 100 mails/s', t.mailsPerSecond >= 100);
    row('SMTP lost / duplicated', `${t.lost} / ${t.duplicated}`, '0 / 0', !t.lost && !t.duplicated);
  }
  const h = results.httpCreate;
  if (h) {
    row(
      `ticket creation p99 at ${h.rate} req/s, with mail / alone`,
      `${h.withMail.p99} / ${h.alone.p99} ms = ${h.ratioP99.toFixed(2)}x`,
      '<= 1.2x',
      h.ratioP99 <= 1.2,
    );
  }
  const b = results.bigMails;
  if (b) row('RSS peak, 25 MB mails 4 at a time', `${fmt(b.rssPeakMb)} MB`, '< 300 MB', b.rssPeakMb < 300);
  const i = results.imap;
  if (i) {
    row('IMAP import', `${fmt(i.mailsPerSecond)} mails/s`, '>= 50 mails/s', i.mailsPerSecond >= 50);
    row('IMAP lost / duplicated', `${i.lost} / ${i.duplicated}`, '0 / 0', !i.lost && !i.duplicated);
  }
  const o = results.outbound;
  if (o) {
    row('outbound drain', `${fmt(o.mailsPerSecond)} mails/s`, '>= 100 mails/s', o.mailsPerSecond >= 100);
    row('outbound lost / duplicated', `${o.lost} / ${o.duplicated}`, '0 / 0', !o.lost && !o.duplicated);
  }
  say('\n## bench:mail summary\n\n| measure | value | target | |\n|---|---:|---|---|');
  for (const r of rows) say(r);
  return rows.every((r) => r.endsWith('| ok |'));
}

await buildApi();
if (PART === 'smtp' || PART === 'all') await smtpPart();
if (PART === 'imap' || PART === 'all') await imapPart();
if (PART === 'outbound' || PART === 'all') await outboundPart();
const json = arg('json', undefined);
if (json) writeFileSync(String(json), JSON.stringify(results, null, 2));
if (!summary()) process.exitCode = 1;
