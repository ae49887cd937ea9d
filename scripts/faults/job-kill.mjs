// Scenario 2: the API is SIGKILLed while a pg-boss job (a retention run) is active; the next API
// process must pick the job up again and finish it, with nothing done twice or left half-done.
import pg from 'pg';
import { sleep } from '../bench-common.mjs';
import { must } from './client.mjs';

/** Expired recordings (two years old, 30-day expiry), each with one index entry, in one statement. */
async function seed(db, n) {
  await db.query(
    `WITH r AS (
       INSERT INTO recordings (caller_number, direction, started_at, duration_seconds, expires_at)
       SELECT '+4479' || lpad(i::text, 8, '0'), CASE WHEN i % 2 = 0 THEN 'inbound' ELSE 'outbound' END,
              now() - interval '730 days' + (i % 300) * interval '1 hour', i % 600,
              now() - interval '700 days' + (i % 300) * interval '1 hour'
         FROM generate_series(1, $1) AS i
       RETURNING id)
     INSERT INTO identifier_mentions (kind, hash, source_type, source_id)
     SELECT 'phone', sha256(id::text::bytea), 'recording', id FROM r`,
    [n],
  );
  const [{ seconds }] = (
    await db.query('SELECT COALESCE(sum(duration_seconds), 0)::bigint AS seconds FROM recordings')
  ).rows;
  return Number(seconds);
}

export async function jobKilledMidRun({ world, expired, startApi }) {
  const failures = [];
  const db = new pg.Client({ connectionString: world.databaseUrl });
  await db.connect();
  try {
    const seededSeconds = await seed(db, expired);
    const run = await must(201, world.api.baseUrl, 'POST', '/api/retention/runs', {
      token: world.adminToken,
      body: { dryRun: false },
    });

    // Wait until the job is active and part of the purge is committed, then kill the API.
    let job = null;
    let purgedAtKill = 0;
    const until = Date.now() + 120_000;
    for (;;) {
      if (Date.now() > until) throw new Error('the retention job never got going');
      const { rows } = await db.query(
        `SELECT id, state FROM pgboss.job WHERE name = 'retention-run' AND data->>'runId' = $1`,
        [run.id],
      );
      job = rows[0] ?? null;
      const [{ left }] = (await db.query('SELECT count(*)::int AS left FROM recordings')).rows;
      purgedAtKill = expired - left;
      if (job?.state === 'active' && purgedAtKill > 0) break;
      if (left === 0) throw new Error('the purge finished before it could be killed; raise --expired');
      await sleep(50);
    }
    process.kill(world.api.pid, 'SIGKILL');
    await world.api.stop(); // waits for the exit
    const killedAt = Date.now();
    const [{ left: leftAtKill }] = (await db.query('SELECT count(*)::int AS left FROM recordings')).rows;
    const stateAtKill = (await db.query('SELECT state FROM pgboss.job WHERE id = $1', [job.id])).rows[0]
      ?.state;
    const runAtKill = (await db.query('SELECT status FROM retention_runs WHERE id = $1', [run.id])).rows[0]
      ?.status;
    if (leftAtKill === 0) failures.push('nothing was left to purge when the API was killed');

    const next = await startApi();
    const restartedAt = Date.now();
    let finished = null;
    while (Date.now() - restartedAt < 180_000) {
      const { rows } = await db.query('SELECT status FROM retention_runs WHERE id = $1', [run.id]);
      if (rows[0]?.status === 'completed' || rows[0]?.status === 'failed') {
        finished = rows[0].status;
        break;
      }
      await sleep(200);
    }
    const completedAfterMs = Date.now() - restartedAt;
    const after = (await db.query('SELECT state, retry_count FROM pgboss.job WHERE id = $1', [job.id]))
      .rows[0];
    const [state] = (
      await db.query(
        `SELECT (SELECT count(*)::int FROM recordings) AS recordings,
                (SELECT count(*)::int FROM identifier_mentions WHERE source_type = 'recording') AS mentions,
                (SELECT COALESCE(sum(calls), 0)::int FROM call_statistics) AS calls,
                (SELECT COALESCE(sum(total_seconds), 0)::bigint FROM call_statistics) AS seconds,
                (SELECT count(*)::int FROM retention_runs WHERE status IN ('queued', 'running')) AS unfinished`,
      )
    ).rows;
    await next.stop();

    if (finished !== 'completed') failures.push(`the run did not complete after the restart (${finished})`);
    if (after?.state !== 'completed') failures.push(`the pg-boss job is ${after?.state}, not completed`);
    if (!(after?.retry_count >= 1)) failures.push('the pg-boss job was not retried');
    if (state.recordings) failures.push(`${state.recordings} expired recording(s) left`);
    if (state.mentions) failures.push(`${state.mentions} index entries of purged recordings left`);
    if (state.calls !== expired) failures.push(`call_statistics counts ${state.calls} calls, not ${expired}`);
    if (Number(state.seconds) !== seededSeconds)
      failures.push(`call_statistics counts ${state.seconds} s, not ${seededSeconds}`);
    if (state.unfinished) failures.push(`${state.unfinished} retention run(s) left queued or running`);
    return {
      figures: {
        expiredSeeded: expired,
        purgedBeforeKill: expired - leftAtKill,
        jobStateAtKill: stateAtKill,
        runStatusAtKill: runAtKill,
        apiRestartMs: next.startMs,
        jobCompletedAfterRestartMs: completedAfterMs,
        killToCompletedMs: Date.now() - killedAt,
        jobState: after?.state,
        jobRetries: after?.retry_count,
        runStatus: finished,
        recordingsLeft: state.recordings,
        callsCounted: state.calls,
      },
      failures,
    };
  } finally {
    await db.end();
  }
}
