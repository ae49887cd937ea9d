// Scenario 1: PostgreSQL restarts (pg_ctlcluster stop -m fast … start) while clients create tickets.
import pg from 'pg';
import { sleep } from '../bench-common.mjs';
import { UNAVAILABLE, call, waitHealthy } from './client.mjs';

const isUnavailable = (r) => r.status === 503 && r.body?.message === UNAVAILABLE;

/**
 * `customers` each run one client loop posting tickets until told to stop; meanwhile the cluster is
 * stopped for `downMs` `restarts` times, `upMs` apart. Returns the figures and the failed checks.
 */
export async function restartUnderLoad({ api, cluster, databaseUrl, customers, restarts, downMs, upMs }) {
  const acknowledged = []; // {id, reference}
  const statuses = new Map();
  const bad = []; // answers other than 201 / the clear 503
  let sent = 0;
  let running = true;
  let seq = 0;
  const events = []; // {at, kind: 'stop'|'start'}
  const created = []; // timestamps of 201s

  const loop = async (customer, n) => {
    while (running) {
      const i = seq++;
      sent++;
      const r = await call(api.baseUrl, 'POST', '/api/tickets', {
        token: customer.token,
        body: {
          type: 'fault',
          subject: `Handset ${n}-${i} has no dial tone`,
          description: `Fault load ticket ${i}; call back on fault.contact${i}@faults.example please.`,
          priority: 'P3',
        },
      });
      const key = r.status === 503 && !isUnavailable(r) ? '503 (other message)' : String(r.status);
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      if (r.status === 201) {
        acknowledged.push({ id: r.body.id, reference: r.body.reference });
        created.push(Date.now());
      } else {
        if (!isUnavailable(r)) bad.push({ status: r.status, body: r.body, error: r.error });
        await sleep(100); // a well-behaved client backs off
      }
    }
  };
  const loops = customers.map((c, n) => loop(c, n));

  const recoveries = [];
  await sleep(upMs);
  for (let k = 0; k < restarts; k++) {
    events.push({ at: Date.now(), kind: 'stop' });
    cluster.stop();
    const stoppedAt = Date.now();
    await sleep(downMs / 2);
    const health = await call(api.baseUrl, 'GET', '/api/health', { timeoutMs: 5000 });
    await sleep(downMs / 2);
    cluster.start();
    const startedAt = Date.now();
    events.push({ at: startedAt, kind: 'start' });
    const healthyAfter = await waitHealthy(api.baseUrl, 60_000);
    // Recovered: the first ticket acknowledged after the database came back.
    let firstCreate = null;
    const until = Date.now() + 60_000;
    while (firstCreate === null && Date.now() < until) {
      firstCreate = created.find((t) => t >= startedAt) ?? null;
      if (firstCreate === null) await sleep(50);
    }
    recoveries.push({
      downMs: startedAt - stoppedAt,
      healthWhileDown: health.status,
      healthMessageWhileDown: health.body?.message,
      healthOkAfterMs: healthyAfter,
      firstCreateAfterMs: firstCreate === null ? null : firstCreate - startedAt,
    });
    await sleep(upMs);
  }
  running = false;
  await Promise.all(loops);

  // Every acknowledged ticket, read back straight from the database.
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query('SELECT id, reference FROM tickets WHERE id = ANY($1::uuid[])', [
    acknowledged.map((t) => t.id),
  ]);
  await db.end();
  const stored = new Map(rows.map((r) => [r.id, r.reference]));
  // The API shows the reference as HD-000123; the column holds the number.
  const refNumber = (r) => Number(String(r).replace(/\D/g, ''));
  const lost = acknowledged.filter(
    (t) => !stored.has(t.id) || refNumber(stored.get(t.id)) !== refNumber(t.reference),
  );

  const count = (s) => statuses.get(s) ?? 0;
  const failures = [];
  if (lost.length) failures.push(`${lost.length} acknowledged ticket(s) missing or changed afterwards`);
  if (!count('503')) failures.push('no 503 with the clear message while the database was down');
  for (const b of bad.slice(0, 5)) failures.push(`unexpected answer: ${JSON.stringify(b).slice(0, 200)}`);
  if (bad.length > 5) failures.push(`… ${bad.length - 5} more unexpected answers`);
  recoveries.forEach((r, i) => {
    if (r.healthWhileDown !== 503 || r.healthMessageWhileDown === undefined)
      failures.push(`restart ${i + 1}: GET /api/health answered ${r.healthWhileDown} while down, not 503`);
    if (r.healthOkAfterMs === null) failures.push(`restart ${i + 1}: health never came back`);
    if (r.firstCreateAfterMs === null) failures.push(`restart ${i + 1}: no ticket created after it`);
  });
  return {
    figures: {
      restarts,
      clients: customers.length,
      sent,
      statuses: Object.fromEntries([...statuses].sort()),
      acknowledged: acknowledged.length,
      lost: lost.length,
      unavailable503: count('503'),
      other: bad.length,
      timeouts: count('timeout'),
      http500: count('500'),
      recoveries,
    },
    failures,
  };
}
