// `npm run bench:bulk -- --scale 1`: a bulk change of 500 tickets, end to end over HTTP, on the bench database.
//
// Starts the built API on `hushdesk_bench_<scale>` (jobs off), signs in an engineer, and takes 500 open
// tickets, the most urgent first (the queue's own order). Then, --rounds times: one bulk change of all 500
// (priority, a tag and the assignee together, so every one of them changes), timed from request to answer,
// and its undo, also timed. The target (issue 18): under 2 s at 1M tickets. Everything is undone, so the
// database is as it was, bar the bulk-change and history rows the runs leave.
//
// Options: --scale S (1), --size N (500), --rounds N (5), --no-build.
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import pg from 'pg';
import {
  benchDatabase,
  buildApi,
  ensureUser,
  freePort,
  hmacKey,
  intArg,
  say,
  scaleArg,
  startApi,
} from './bench-common.mjs';

const SCALE = scaleArg();
const SIZE = intArg('size', 500, 1, 1000);
const ROUNDS = intArg('rounds', 5, 1, 50);
const TARGET_MS = 2000;
const KEY = hmacKey();
const db = benchDatabase(SCALE);
const ENGINEER = {
  email: 'bench.bulk.engineer@hushdesk-bench.example',
  password: 'bench-bulk-engineer-password-1',
  role: 'engineer',
  fullName: 'Bench Bulk Engineer',
};

const ms = (x) => x.toFixed(0);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  await buildApi();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const [{ n }] = (await client.query('SELECT count(*)::int AS n FROM tickets')).rows;
  await ensureUser(client, KEY, { ...ENGINEER, organisationId: null });
  const api = await startApi({
    databaseUrl: db.url,
    key: KEY,
    port: await freePort(),
    logFile: join(tmpdir(), 'hushdesk-bench-bulk-api.log'),
    env: { JOBS_ENABLED: '0', ACCESS_TOKEN_TTL_SECONDS: '3600' },
  });
  try {
    const call = async (method, path, body, token) => {
      const res = await fetch(`${api.baseUrl}/api${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
      return text ? JSON.parse(text) : undefined;
    };
    const { accessToken: token } = await call('POST', '/auth/login', {
      email: ENGINEER.email,
      password: ENGINEER.password,
    });
    const me = await call('GET', '/auth/me', undefined, token);
    const ids = (
      await client.query(
        `SELECT id FROM tickets WHERE status NOT IN ('resolved', 'closed') AND priority <> 'P1'
          ORDER BY COALESCE(next_due_at, 'infinity'::timestamptz), id LIMIT $1`,
        [SIZE],
      )
    ).rows.map((r) => r.id);
    say(
      `Bulk change of ${ids.length} tickets in a helpdesk of ${n.toLocaleString('en-GB')}, ${ROUNDS} rounds`,
    );
    const changes = [];
    const undos = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const t0 = performance.now();
      const result = await call(
        'POST',
        '/tickets/bulk-changes',
        {
          ticketIds: ids,
          changes: { priority: 'P1', assigneeId: me.id, addTags: [`bench-bulk-${round}`] },
        },
        token,
      );
      const changeMs = performance.now() - t0;
      if (result.changed !== ids.length) throw new Error(`changed ${result.changed} of ${ids.length}`);
      const t1 = performance.now();
      await call('POST', `/tickets/bulk-changes/${result.id}/undo`, {}, token);
      const undoMs = performance.now() - t1;
      changes.push(changeMs);
      undos.push(undoMs);
      say(`  round ${round}: change ${ms(changeMs)} ms, undo ${ms(undoMs)} ms`);
    }
    const c = [...changes].sort((a, b) => a - b);
    const u = [...undos].sort((a, b) => a - b);
    say('');
    say(`| ${SIZE} tickets | min ms | median ms | max ms | target | met |`);
    say('|:---|---:|---:|---:|:---|:---|');
    say(
      `| change | ${ms(c[0])} | ${ms(pct(c, 50))} | ${ms(c.at(-1))} | < ${TARGET_MS} | ${c.at(-1) < TARGET_MS ? 'met' : '**not met**'} |`,
    );
    say(`| undo | ${ms(u[0])} | ${ms(pct(u, 50))} | ${ms(u.at(-1))} | | |`);
  } finally {
    await api.stop();
    await client.end();
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
