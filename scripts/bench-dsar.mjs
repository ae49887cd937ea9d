// `npm run bench:dsar -- --scale 0.1`: how long a DSAR collection takes, on a database seeded by bench:seed.
//
// Builds and starts the API (dist/apps/api/apps/api/src/main.js) on the bench database with jobs on,
// so collection runs as the pg-boss job it is in production, signs in as a DPO (created here with an
// argon2id password, as the app hashes them), then --runs times (5): creates an access request for
// the planted subject by email, verifies it, starts the collection and polls until it is in review.
// Reports the job's own `collection_ms` and the wall time from "collect" to "in review" (which adds
// pg-boss's pick-up delay, up to its 2 s polling interval), then EXPLAIN (ANALYZE, BUFFERS) of the
// collector's queries for the subject, so the index scans can be seen.
//
// Every run is a real request about the subject, so each finds the earlier ones and their audit
// entries (+4 items a run; on a fresh seed the first finds 56, four of them seeded audit entries).
//
// Options: --scale S (0.1), --runs N (5), --no-build, --json FILE (results as JSON).
// Env: BENCH_DATABASE_URL, IDENTIFIER_HMAC_KEY (must be the seed's; checked).
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { require } from './lib.mjs';
import {
  DPO,
  SUBJECT,
  appSources,
  arg,
  benchDatabase,
  fmt,
  hmacKey,
  buildApi,
  ensureUser,
  freePort,
  sleep,
  startApi,
  say,
  scaleArg,
} from './bench-common.mjs';

const SCALE = scaleArg();
const RUNS = Number(arg('runs', '5'));
const KEY = hmacKey();
const db = benchDatabase(SCALE);
const BIG_TABLES = [
  'tickets',
  'ticket_messages',
  'recordings',
  'identifier_mentions',
  'people',
  'users',
  'audit_log',
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${Math.round(x)} ms`;

async function main() {
  const client = new pg.Client({ connectionString: db.url, application_name: 'hushdesk-bench-dsar' });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `cannot connect to ${db.name} (${e.message}); run: npm run bench:seed -- --scale ${SCALE}`,
    );
  }
  const q = async (sql, params) => (await client.query(sql, params)).rows;
  const { privacy } = appSources();
  const nameCandidates = require('../apps/api/src/privacy/identifier-index.service.ts').nameCandidates;

  const [subject] = await q('SELECT id FROM people WHERE email = $1', [
    privacy.normaliseEmail(SUBJECT.email),
  ]);
  if (!subject)
    throw new Error(`${db.name} has no bench subject; run: npm run bench:seed -- --scale ${SCALE}`);
  const emailHash = privacy.keyedHash(
    Buffer.from(KEY, 'utf8'),
    'email',
    privacy.normaliseEmail(SUBJECT.email),
  );
  const keyOk = await q(
    "SELECT 1 FROM identifier_mentions WHERE source_type = 'person' AND source_id = $1 AND hash = $2",
    [subject.id, emailHash],
  );
  if (!keyOk.length) throw new Error('IDENTIFIER_HMAC_KEY is not the key the database was seeded with');
  const [{ comment }] = await q(
    "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()",
  );
  const seed = comment ? JSON.parse(comment) : {};

  const [{ n: earlier }] = await q(
    'SELECT count(*)::int AS n FROM dsar_requests WHERE subject_person_id = $1',
    [subject.id],
  );
  if (earlier)
    say(`Note: ${earlier} earlier request(s) about the subject, from earlier runs, will be found too.`);
  await ensureUser(client, KEY, { ...DPO, role: 'dpo', fullName: 'Bench DPO' });

  await buildApi();
  const logFile = join(tmpdir(), `hushdesk-bench-dsar-${db.name}.log`);
  const port = await freePort();
  say(`Starting the API on port ${port} (log: ${logFile})…`);
  const t0 = Date.now();
  const api = await startApi({ databaseUrl: db.url, key: KEY, port, logFile, env: { LOG_LEVEL: 'info' } });
  say(`  ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const results = [];
  const load = [loadavg()[0]];
  try {
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
    const { accessToken } = await call('POST', '/auth/login', { email: DPO.email, password: DPO.password });

    for (let i = 1; i <= RUNS; i++) {
      const created = await call(
        'POST',
        '/dsar',
        { kind: 'access', subject: { email: SUBJECT.email }, channel: 'email' },
        accessToken,
      );
      await call('POST', `/dsar/${created.id}/verify`, { method: 'id_document' }, accessToken);
      const start = performance.now();
      await call('POST', `/dsar/${created.id}/collect`, undefined, accessToken);
      let detail;
      for (;;) {
        detail = await call('GET', `/dsar/${created.id}`, undefined, accessToken);
        if (detail.status !== 'collecting') break;
        if (performance.now() - start > 300_000)
          throw new Error('collection did not finish within 5 minutes');
        await sleep(50);
      }
      const wall = performance.now() - start;
      if (detail.status !== 'in_review') throw new Error(`collection ended in status ${detail.status}`);
      const [row] = await q(
        `SELECT collection_ms, (SELECT count(*)::int FROM dsar_items WHERE dsar_id = $1) AS items
           FROM dsar_requests WHERE id = $1`,
        [created.id],
      );
      results.push({
        run: i,
        id: created.id,
        collectionMs: row.collection_ms,
        wallMs: wall,
        items: row.items,
        counts: detail.counts,
      });
      say(
        `  run ${i}: ${detail.reference} collection_ms ${row.collection_ms}, wall ${ms(wall)}, ${row.items} items ` +
          JSON.stringify(detail.counts),
      );
    }
  } finally {
    load.push(loadavg()[0]);
    await api.stop();
  }

  // The collector's queries for this subject, as it runs them (same SQL, same parameters).
  const [last] = await q('SELECT id, subject_hashes FROM dsar_requests WHERE id = $1', [results.at(-1).id]);
  const userIds = (await q('SELECT id FROM users WHERE person_id = $1', [subject.id])).map((r) => r.id);
  const own = (await q('SELECT id FROM tickets WHERE requester_id = ANY($1)', [userIds])).map((r) => r.id);
  const hashes = last.subject_hashes.map((h) => Buffer.from(h, 'hex'));
  const mentions = await q(
    'SELECT DISTINCT source_type, source_id, ticket_id, kind FROM identifier_mentions WHERE hash = ANY($1)',
    [hashes],
  );
  const ids = (t) => mentions.filter((m) => m.source_type === t).map((m) => m.source_id);
  const messageItems = (
    await q("SELECT source_id FROM dsar_items WHERE dsar_id = $1 AND item_type = 'message'", [last.id])
  ).map((r) => r.source_id);
  const texts = await q(
    `SELECT subject || E'\\n\\n' || description AS t FROM tickets WHERE id = ANY($1)
     UNION ALL SELECT body FROM ticket_messages WHERE id = ANY($2)`,
    [own, messageItems],
  );
  const candidates = [...new Set(texts.flatMap((r) => nameCandidates(r.t)))];
  const phone = privacy.normalisePhone(SUBJECT.phone);
  const plans = [
    ['subject by email', 'SELECT id FROM people WHERE email = $1', [privacy.normaliseEmail(SUBJECT.email)]],
    ['their tickets', 'SELECT id, created_at FROM tickets WHERE requester_id = ANY($1)', [userIds]],
    [
      "others' tickets giving their number to call",
      'SELECT id, created_at FROM tickets WHERE contact_phone = ANY($1) AND requester_id <> ALL($2::uuid[])',
      [[phone], userIds],
    ],
    [
      'messages they wrote',
      'SELECT id, ticket_id, created_at FROM ticket_messages WHERE author_id = ANY($1)',
      [userIds],
    ],
    [
      'messages in their tickets',
      'SELECT id, ticket_id, created_at FROM ticket_messages WHERE ticket_id = ANY($1)',
      [own],
    ],
    [
      'attachments',
      `SELECT id, ticket_id, created_at, uploaded_by_id FROM attachments
        WHERE ticket_id = ANY($1) OR uploaded_by_id = ANY($2)`,
      [own, userIds],
    ],
    [
      'identifier index lookup',
      'SELECT DISTINCT source_type, source_id, ticket_id, kind FROM identifier_mentions WHERE hash = ANY($1)',
      [hashes],
    ],
    ['mentioning tickets', 'SELECT id, created_at AS at FROM tickets WHERE id = ANY($1)', [ids('ticket')]],
    [
      'mentioning messages',
      'SELECT id, created_at AS at FROM ticket_messages WHERE id = ANY($1)',
      [ids('message')],
    ],
    [
      'recordings',
      'SELECT id, ticket_id, started_at, person_id FROM recordings WHERE person_id = $1 OR caller_number = ANY($2)',
      [subject.id, [phone]],
    ],
    ['audit entries', 'SELECT seq, at FROM audit_log WHERE subject_person_id = $1', [subject.id]],
    [
      'earlier requests',
      'SELECT id, received_at FROM dsar_requests WHERE subject_person_id = $1 AND id <> $2',
      [subject.id, last.id],
    ],
    [
      'message items loaded for review/redaction',
      `SELECT m.id, t.reference, m.visibility, m.body, m.author_id, u.role, m.created_at
         FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id LEFT JOIN users u ON u.id = m.author_id
        WHERE m.id = ANY($1)`,
      [messageItems],
    ],
    [
      'known names in the items (redaction)',
      'SELECT DISTINCT name_key FROM people WHERE name_key = ANY($1)',
      [candidates],
    ],
  ];
  say('');
  say('EXPLAIN (ANALYZE, BUFFERS) of the collector’s queries for the subject:');
  const seqScans = [];
  // Only tables big enough for a sequential scan to cost something (the planner rightly scans small ones).
  const large = (
    await q('SELECT relname FROM pg_class WHERE relname = ANY($1) AND reltuples > 10000', [BIG_TABLES])
  ).map((r) => r.relname);
  const planOut = [];
  for (const [label, sql, params] of plans) {
    const rows = await q(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const text = rows.map((r) => r['QUERY PLAN']);
    planOut.push({ label, sql, plan: text });
    for (const t of large)
      if (text.some((l) => l.includes(`Seq Scan on ${t} `))) seqScans.push(`${label}: ${t}`);
    say('');
    say(`-- ${label}`);
    say(`-- ${sql.replace(/\s+/g, ' ')}`);
    for (const l of text) say(`   ${l.length > 220 ? `${l.slice(0, 220)}…` : l}`);
  }
  say('');
  say(
    seqScans.length
      ? `! sequential scans of tables over 10,000 rows: ${seqScans.join('; ')}`
      : `✓ no sequential scan of a table over 10,000 rows (${large.join(', ')})`,
  );

  const [data] =
    await q(`SELECT (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM ticket_messages)::int AS messages,
      (SELECT count(*) FROM recordings)::int AS recordings, (SELECT count(*) FROM identifier_mentions)::int AS mentions,
      pg_size_pretty(pg_database_size(current_database())) AS size, version() AS version,
      current_setting('shared_buffers') AS shared_buffers`);
  await client.end();

  const coll = results.map((r) => r.collectionMs);
  const wall = results.map((r) => r.wallMs);
  const items = results.map((r) => r.items);
  const summary = {
    scale: SCALE,
    database: db.name,
    size: data.size,
    tickets: data.tickets,
    messages: data.messages,
    recordings: data.recordings,
    identifierMentions: data.mentions,
    itemsFound: { first: items[0], last: items.at(-1) },
    collectionMs: { p50: median(coll), max: Math.max(...coll), min: Math.min(...coll) },
    wallMs: { p50: Math.round(median(wall)), max: Math.round(Math.max(...wall)) },
    seedSeconds: seed.seedSeconds ?? null,
    runs: results,
  };
  const machine = {
    os: `${type()} ${release()}`,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    load: `1-min load average ${load.map((l) => l.toFixed(2)).join(' before, ')} after the runs`,
    postgres: `${data.version.split(' on ')[0]} (shared_buffers ${data.shared_buffers})`,
  };

  say('');
  say(
    '| scale | tickets | messages | recordings | items found | collection_ms p50 | collection_ms max | wall p50 | wall max |',
  );
  say(
    '|------:|--------:|---------:|-----------:|------------:|------------------:|------------------:|---------:|---------:|',
  );
  say(
    `| ${SCALE} | ${fmt(data.tickets)} | ${fmt(data.messages)} | ${fmt(data.recordings)} | ` +
      `${items[0] === items.at(-1) ? items[0] : `${items[0]}–${items.at(-1)}`} | ${summary.collectionMs.p50} | ` +
      `${summary.collectionMs.max} | ${summary.wallMs.p50} | ${summary.wallMs.max} |`,
  );
  say('');
  say(
    `Database ${db.name}: ${data.size}, ${fmt(data.mentions)} identifier index entries` +
      (seed.seedSeconds ? `, seeded in ${seed.seedSeconds} s` : ''),
  );
  for (const [k, v] of Object.entries(machine)) say(`${k.padEnd(9)} ${v}`);
  say(
    'Items grow by 3 audit entries and 1 earlier request per run (each run is a real request about the subject).',
  );
  say(
    `Plans above: long lines cut at 220 characters${typeof arg('json', null) === 'string' ? '; in full in the JSON' : ''}.`,
  );
  say(
    'Wall time includes pg-boss picking the job up (polling every 0.5 s for dsar-collect); collection_ms is the job itself.',
  );

  const json = arg('json', null);
  if (typeof json === 'string')
    writeFileSync(json, JSON.stringify({ summary, machine, plans: planOut }, null, 2));
}

main().catch((e) => {
  process.stderr.write(`bench:dsar failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
