import type { Test } from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/** With jobs on, background work goes through pg-boss in the same PostgreSQL. */
describe('jobs on pg-boss', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ env: { JOBS_ENABLED: '1' } });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('runs an on-demand retention run as a queued job, to completion', async () => {
    const rec = await t
      .http()
      .post('/api/recordings')
      .set('authorization', w.engineer.auth)
      .send({
        callerNumber: '07700 900321',
        direction: 'inbound',
        startedAt: new Date(Date.now() - 65 * 86_400_000).toISOString(),
        durationSeconds: 42,
      })
      .expect(201);
    const started = await t
      .http()
      .post('/api/retention/runs')
      .set('authorization', w.dpo.auth)
      .send({ dryRun: false })
      .expect(201);
    expect(started.body.status).toBe('queued');
    let run = started.body;
    for (let i = 0; i < 150 && run.status !== 'completed' && run.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (
        await t
          .http()
          .get(`/api/retention/runs/${started.body.id}`)
          .set('authorization', w.dpo.auth)
          .expect(200)
      ).body;
    }
    expect(run.status).toBe('completed');
    expect(run.report.recordings.deleted).toBe(1);
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM recordings WHERE id = $1', [
      rec.body.id,
    ]);
    expect(rows[0].n).toBe(0);
    // The queue and the schedules live in pg-boss's own schema.
    const queues = await t.db.query(
      "SELECT name FROM pgboss.queue WHERE name IN ('retention-run', 'retention-daily', 'tickets-auto-close')",
    );
    expect(queues.rows.map((r) => r.name).sort()).toEqual([
      'retention-daily',
      'retention-run',
      'tickets-auto-close',
    ]);
    const schedules = await t.db.query('SELECT name FROM pgboss.schedule ORDER BY name');
    expect(schedules.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['retention-daily', 'tickets-auto-close', 'privacy-field-retention']),
    );
  });

  it('collects a data-subject request as a job whose payload holds no identifier', async () => {
    const dpo = (req: Test) => req.set('authorization', w.dpo.auth);
    const created = await dpo(t.http().post('/api/dsar'))
      .send({ kind: 'access', subject: { email: w.a1.email }, channel: 'email' })
      .expect(201);
    await dpo(t.http().post(`/api/dsar/${created.body.id}/verify`))
      .send({ method: 'id_document' })
      .expect(200);
    await dpo(t.http().post(`/api/dsar/${created.body.id}/collect`)).expect(202);
    let detail = { status: 'collecting' } as { status: string; subjectPersonId?: string };
    for (let i = 0; i < 100 && detail.status === 'collecting'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      detail = (await dpo(t.http().get(`/api/dsar/${created.body.id}`)).expect(200)).body;
    }
    expect(detail).toMatchObject({ status: 'in_review', subjectPersonId: w.a1.personId });
    const { rows } = await t.db.query(
      "SELECT data FROM pgboss.job WHERE name = 'dsar-collect' UNION ALL SELECT data FROM pgboss.archive WHERE name = 'dsar-collect'",
    );
    expect(rows.map((r) => r.data)).toContainEqual({ dsarId: created.body.id });
    expect(JSON.stringify(rows)).not.toContain(w.a1.email);
  });
});
