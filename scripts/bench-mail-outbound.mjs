// `node scripts/bench-mail-outbound.mjs [--count 1000] [--json FILE]`: the outbound part of
// `npm run bench:mail` (scripts/bench-mail.mjs imports `outboundBench`). Queues --count notifications (one `ticket_received` per ticket, created
// through the app's own TicketsService, so each is queued by the ticket's creating statement) and
// times the send job's drain (MailSender.drain, as the pg-boss job runs it) into a local
// `smtp-server` listener on a free port. Checks every mail arrived once: 0 lost, 0 duplicated
// (distinct Message-IDs), every outbox row `sent`. Target: at least 100 mails/s.
//
// Runs the API in process on a fresh database `hushdesk_bench_mail_<time>` on BENCH_DATABASE_URL's
// server (else 127.0.0.1:5432), dropped afterwards. Jobs are off: the drain is called directly.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { pathToFileURL } from 'node:url';
import { arg, DEFAULT_SERVER, fmt, freePort, say } from './bench-common.mjs';
import { require, root } from './lib.mjs';

process.env.SWC_NODE_PROJECT ??= resolve(root, 'apps/api/tsconfig.spec.json');
require('@swc-node/register');
require('reflect-metadata');
const { createApp } = require('../apps/api/src/app/create-app.ts');
const { buildAppConfig } = require('../apps/api/src/config/app-config.ts');
const { validateEnvironment } = require('../apps/api/src/config/environment.ts');
const { MailSender } = require('../apps/api/src/mail/outbox/mail-sender.service.ts');
const { TicketsService } = require('../apps/api/src/tickets/tickets.service.ts');
const { UsersService } = require('../apps/api/src/users/users.service.ts');
const { SMTPServer } = require('smtp-server');

let COUNT = Number(arg('count', '1000'));
const TARGET_PER_SECOND = 100;

/** A local relay that counts what arrives and the Message-IDs it carries. */
async function sink(port) {
  const ids = [];
  let waiter = () => undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        const head = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n')[0];
        ids.push(/^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? null);
        waiter();
        callback();
      });
    },
  });
  await new Promise((res) => server.listen(port, '127.0.0.1', res));
  return {
    ids,
    until: (n) =>
      new Promise((res) => {
        waiter = () => ids.length >= n && res();
        waiter();
      }),
    close: () => new Promise((res) => server.close(res)),
  };
}

/** Queues, drains and checks; prints its lines and returns the figures (`pass` against the targets). */
export async function outboundBench({ count = COUNT } = {}) {
  COUNT = count;
  const server = new URL(process.env.BENCH_DATABASE_URL || DEFAULT_SERVER);
  const name = `hushdesk_bench_mail_${Date.now().toString(36)}`;
  const admin = new URL(server);
  admin.pathname = '/postgres';
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;

  const port = await freePort();
  const relay = await sink(port);
  const vars = validateEnvironment({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'hushdesk-bench-jwt-secret-not-a-secret-0001',
    IDENTIFIER_HMAC_KEY: 'hushdesk-bench-identifier-key-not-a-secret-0001',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'hushdesk-bench-mail-')),
    WEB_DIST_DIR: join(root, 'dist/apps/web'),
    HUSHDESK_DEMO: '0',
    HUSHDESK_DEMO_DATA: '0',
    JOBS_ENABLED: '0',
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_FROM: 'Bench Support <support@bench.example>',
  });
  const app = await createApp(buildAppConfig(vars, url.toString(), { embedded: false }), {
    logDestination: { write: () => undefined },
  });
  try {
    const db = new pg.Client({ connectionString: url.toString() });
    db.on('error', () => undefined); // the database is dropped at the end, whatever happened
    await db.connect();
    const { rows } = await db.query(`INSERT INTO organisations (name) VALUES ('Bench Org') RETURNING id`);
    const user = await app.get(UsersService).create({
      email: 'bench.customer@bench.example',
      password: 'correct horse battery staple',
      role: 'customer',
      organisationId: rows[0].id,
      person: { fullName: 'Bench Customer' },
    });
    const actor = {
      userId: user.id,
      personId: user.personId,
      role: 'customer',
      organisationId: rows[0].id,
      sessionId: 'bench',
    };
    const tickets = app.get(TicketsService);
    say(`queueing ${fmt(COUNT)} notifications (one ticket each)...`);
    const queueStart = performance.now();
    for (let i = 0; i < COUNT; i++) {
      await tickets.create(actor, {
        type: 'fault',
        subject: `Bench fault ${i}`,
        description: 'Line down since 9am.',
      });
    }
    const queueMs = performance.now() - queueStart;

    const start = performance.now();
    const result = await app.get(MailSender).drain();
    await relay.until(COUNT);
    const ms = performance.now() - start;
    const statuses = Object.fromEntries(
      (await db.query('SELECT status, count(*)::int AS n FROM mail_outbox GROUP BY status')).rows.map((r) => [
        r.status,
        r.n,
      ]),
    );
    await db.end();

    const distinct = new Set(relay.ids).size;
    const perSecond = (COUNT / ms) * 1000;
    const lost = COUNT - distinct;
    const duplicated = relay.ids.length - distinct;
    say(
      `drained ${fmt(COUNT)} mails to smtp-server in ${(ms / 1000).toFixed(2)} s: ${perSecond.toFixed(0)} mails/s`,
    );
    say(`  drain result ${JSON.stringify(result)}; outbox ${JSON.stringify(statuses)}`);
    say(`  lost ${lost}, duplicated ${duplicated} (target >= ${TARGET_PER_SECOND}/s, 0 lost, 0 duplicated)`);
    say(
      `  (queueing took ${(queueMs / 1000).toFixed(1)} s; ${cpus().length} cores, load ${loadavg()[0].toFixed(2)})`,
    );
    const pass = !(perSecond < TARGET_PER_SECOND || lost || duplicated || statuses.sent !== COUNT);
    return { count: COUNT, seconds: ms / 1000, mailsPerSecond: perSecond, lost, duplicated, statuses, pass };
  } finally {
    await app.close();
    await relay.close();
    await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminClient.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  outboundBench().then(
    (r) => {
      const json = arg('json', '');
      if (json) writeFileSync(json, JSON.stringify(r, null, 2));
      if (!r.pass) process.exitCode = 1;
    },
    (e) => {
      process.stderr.write(`bench-mail-outbound failed: ${e.stack ?? e}\n`);
      process.exit(1);
    },
  );
}
