import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { JobLeaseRepository } from '../../apps/api/src/jobs/job-lease.repository';
import { MailboxLeaseRepository } from '../../apps/api/src/mail/mailboxes/mailbox-lease.repository';
import { freePort } from '../support/dovecot';
import { PgBouncer } from '../support/pgbouncer';
import {
  bearerFor,
  cloneTemplate,
  startTestApp,
  testEnvironment,
  testRun,
  type TestApp,
} from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const root = resolve(__dirname, '../..');
const fault = {
  type: 'fault',
  subject: 'VoIP handset has no dial tone',
  description: 'Since 9am the reception handset gives no dial tone.',
  priority: 'P2',
  category: 'voice',
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` every 250 ms until it gives something truthy, or fails after `ms`. */
async function until<T>(
  what: string,
  ms: number,
  probe: () => Promise<T | null | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(250);
  }
}

/** The API's smoke path with every connection (requests, pg-boss, leases) through PgBouncer. */
describe('behind PgBouncer in session pooling', () => {
  let bouncer: PgBouncer;

  beforeAll(async () => {
    bouncer = await PgBouncer.start(testRun().serverUrl);
  });
  afterAll(() => bouncer?.close());

  describe('the smoke suite', () => {
    let t: TestApp;
    let w: World;

    beforeAll(async () => {
      // Migrated directly (the template); the app itself connects only through the pooler.
      const direct = await cloneTemplate(testRun());
      t = await startTestApp({ databaseUrl: bouncer.url(direct), env: { JOBS_ENABLED: '1' } });
      w = await buildWorld(t);
    });
    afterAll(() => t?.close());

    it('connects through the pooler, with JIT off on its pooled connections', async () => {
      expect(t.databaseUrl).toContain(`:${bouncer.port}/`);
      const [{ port }] = await t.app.get(DataSource).query('SELECT inet_server_port() AS port');
      expect(port).toBe(Number(new URL(testRun().serverUrl).port || 5432));
      const [{ jit }] = await t.app.get(DataSource).query('SHOW jit');
      expect(jit).toBe('off');
    });

    it('signs in, creates, reads and lists tickets and posts a message, on prepared statements', async () => {
      const auth = await bearerFor(t, w.a1.email);
      const ids: string[] = [];
      // More tickets than the pool has connections, so each connection prepares its statements.
      for (let i = 0; i < 12; i++) {
        const res = await t
          .http()
          .post('/api/tickets')
          .set('authorization', auth)
          .send({ ...fault, subject: `Pooler smoke ${i}` })
          .expect(201);
        ids.push(res.body.id);
      }
      await Promise.all(
        ids.map((id) => t.http().get(`/api/tickets/${id}`).set('authorization', w.engineer.auth).expect(200)),
      );
      const queue = await t
        .http()
        .get('/api/tickets?limit=100')
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(ids));
      await t
        .http()
        .post(`/api/tickets/${ids[0]}/messages`)
        .set('authorization', w.engineer.auth)
        .send({ body: 'Not at all, it passes every statement on.', visibility: 'public' })
        .expect(201);
      const thread = await t
        .http()
        .get(`/api/tickets/${ids[0]}/messages`)
        .set('authorization', auth)
        .expect(200);
      expect(thread.body.items.map((m: { body: string }) => m.body)).toContain(
        'Not at all, it passes every statement on.',
      );
    });

    it('collects a data-subject request as a pg-boss job', async () => {
      const created = await t
        .http()
        .post('/api/dsar')
        .set('authorization', w.dpo.auth)
        .send({ kind: 'access', subject: { email: w.a1.email }, channel: 'email' })
        .expect(201);
      const id = created.body.id as string;
      await t
        .http()
        .post(`/api/dsar/${id}/verify`)
        .set('authorization', w.dpo.auth)
        .send({ method: 'id_document' })
        .expect(200);
      await t.http().post(`/api/dsar/${id}/collect`).set('authorization', w.dpo.auth).expect(202);
      const detail = await until('the collection', 20_000, async () => {
        const res = await t.http().get(`/api/dsar/${id}`).set('authorization', w.dpo.auth).expect(200);
        return res.body.status === 'collecting' ? null : res.body;
      });
      expect(detail).toMatchObject({ status: 'in_review', subjectPersonId: w.a1.personId });
    });
  });

  /**
   * Why the job lease is a heartbeat row and not a session: behind a pooler, sessions lie. Shown on a
   * transaction pooler (no reset between clients), where both lies happen at once.
   */
  it('judges workers by heartbeat where sessions lie: a dead one lingers, a live one has none', async () => {
    const direct = await cloneTemplate(testRun());
    const tx = await PgBouncer.start(testRun().serverUrl, { poolMode: 'transaction' });
    const pooled = tx.url(direct);
    const boss = new PgBoss({
      connectionString: pooled,
      schema: 'pgboss',
      max: 2,
      supervise: false,
      schedule: false,
    });
    const pool = new Pool({ connectionString: direct, max: 1 });
    const idle = new Client({ connectionString: pooled, application_name: 'hushdesk-jobs live' });
    try {
      await boss.start();
      await boss.createQueue('pooler-probe');
      const db = boss.getDb();
      const leases = new JobLeaseRepository({} as DataSource);
      const running = async (worker: string) => {
        const id = (await boss.send('pooler-probe', {})) as string;
        const [job] = await boss.fetch('pooler-probe');
        expect(job.id).toBe(id);
        await leases.markWorker(db, 'pooler-probe', id, worker);
        return id;
      };
      const sessions = async () =>
        (
          await pool.query<{ name: string }>(
            "SELECT application_name AS name FROM pg_stat_activity WHERE application_name LIKE 'hushdesk-jobs %'",
          )
        ).rows.map((r) => r.name);

      // A live worker: beating, its lease client connected but idle, so it holds no server session.
      const live = randomUUID();
      await idle.connect();
      await leases.beat(db, live);
      const liveJob = await running(live);

      // A dead worker: its last beat a minute old, its process killed, its server session still open.
      const dead = randomUUID();
      await leases.beat(db, dead);
      await pool.query("UPDATE job_workers SET seen_at = now() - interval '1 minute' WHERE worker_id = $1", [
        dead,
      ]);
      const deadJob = await running(dead);
      const child = spawn(
        process.execPath,
        [
          '-e',
          `const { Client } = require('pg');
           const c = new Client({ connectionString: process.argv[1], application_name: 'hushdesk-jobs ' + process.argv[2] });
           c.connect().then(() => c.query('SELECT 1')).then(() => console.log('ready'));
           setInterval(() => {}, 60000);`,
          pooled,
          dead,
        ],
        { cwd: root },
      );
      await new Promise((r) => child.stdout?.once('data', r));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));

      // What pg_stat_activity says: the dead worker is there, the live one is not.
      expect(await sessions()).toContain(`hushdesk-jobs ${dead}`);
      expect(await sessions()).not.toContain('hushdesk-jobs live');
      // What the lease says: the other way round.
      const orphans = (await leases.withoutWorker(db, randomUUID(), 8)).map((j) => j.id);
      expect(orphans).toContain(deadJob);
      expect(orphans).not.toContain(liveJob);
      // An instance never judges its own jobs (it knows it is alive, even with its beats failing).
      expect((await leases.withoutWorker(db, dead, 8)).map((j) => j.id)).not.toContain(deadJob);
    } finally {
      await idle.end().catch(() => undefined);
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await pool.end();
      await tx.close();
    }
  });

  describe('a killed process', () => {
    it('loses its mailbox lease at once, and another instance takes the mailbox', async () => {
      const direct = await cloneTemplate(testRun());
      const t = await startTestApp({ databaseUrl: bouncer.url(direct) });
      const holder = spawn(
        process.execPath,
        ['-r', '@swc-node/register', 'test/support/mailbox-lease-holder.ts', t.databaseUrl, randomUUID()],
        { cwd: root, env: { PATH: process.env.PATH, SWC_NODE_PROJECT: 'apps/api/tsconfig.spec.json' } },
      );
      try {
        const mailboxId = holder.spawnargs[holder.spawnargs.length - 1];
        let said = '';
        holder.stdout?.on('data', (d) => (said += String(d)));
        await until('the holder to take the lease', 30_000, async () => said.includes('held'));
        const leases = t.app.get(MailboxLeaseRepository);
        // A live holder keeps it, through the pooler as directly.
        expect(await leases.take(mailboxId)).toBeNull();
        holder.kill('SIGKILL');
        // PgBouncer sees the client go, resets its server connection (DISCARD ALL) and the lock goes with it.
        const lease = await until('the mailbox to be free', 5_000, () => leases.take(mailboxId));
        expect(lease.held).toBe(true);
        expect(await leases.take(mailboxId)).toBeNull();
        await lease.release();
        const again = await leases.take(mailboxId);
        expect(again?.held).toBe(true);
        await again?.release();
      } finally {
        holder.kill('SIGKILL');
        await t.close();
      }
    });

    /**
     * The job lease is a heartbeat row. A lease read from pg_stat_activity would go wrong both ways
     * behind a pooler: a dead process's server connection stays open in the pool (and, without a
     * reset, keeps its application_name), and a live one's idle client may hold none.
     */
    it('has its running job taken over by another instance; while it lives, it keeps it', async () => {
      const direct = await cloneTemplate(testRun());
      const pooled = bouncer.url(direct);
      const setup = await startTestApp({ databaseUrl: pooled });
      const w = await buildWorld(setup);
      const db = new Pool({ connectionString: direct, max: 2 });
      const port = await freePort();
      const env = testEnvironment();
      const api: ChildProcess = spawn(
        process.execPath,
        ['-r', '@swc-node/register', 'apps/api/src/main.ts'],
        {
          cwd: root,
          env: {
            PATH: process.env.PATH,
            SWC_NODE_PROJECT: 'apps/api/tsconfig.spec.json',
            NODE_ENV: 'test',
            DATABASE_URL: pooled,
            PORT: String(port),
            HOST: '127.0.0.1',
            DATA_DIR: mkdtempSync(join(tmpdir(), 'hushdesk-pooled-')),
            WEB_DIST_DIR: env.WEB_DIST_DIR,
            JWT_SECRET: env.JWT_SECRET ?? '',
            IDENTIFIER_HMAC_KEY: env.IDENTIFIER_HMAC_KEY ?? '',
            HUSHDESK_DEMO: '0',
            JOBS_ENABLED: '1',
            JOB_LEASE_SECONDS: '8',
            LOG_LEVEL: 'warn',
          },
        },
      );
      let output = '';
      api.stdout?.on('data', (d) => (output += String(d)));
      api.stderr?.on('data', (d) => (output += String(d)));
      let survivor: TestApp | undefined;
      const lock = new Client({ connectionString: direct });
      try {
        const base = `http://127.0.0.1:${port}`;
        await until(`the API process to answer (${output.slice(-500)})`, 90_000, async () =>
          fetch(`${base}/api/health`).then(
            (r) => r.ok,
            () => false,
          ),
        );
        const dpo = { authorization: w.dpo.auth };
        const created = await setup
          .http()
          .post('/api/dsar')
          .set(dpo)
          .send({ kind: 'access', subject: { email: w.a1.email }, channel: 'email' })
          .expect(201);
        const dsarId = created.body.id as string;
        await setup
          .http()
          .post(`/api/dsar/${dsarId}/verify`)
          .set(dpo)
          .send({ method: 'id_document' })
          .expect(200);

        // The collection reads tickets early: holding the table makes the job hang there, mid-run.
        await lock.connect();
        await lock.query('BEGIN');
        await lock.query('LOCK TABLE tickets IN ACCESS EXCLUSIVE MODE');
        const collect = await fetch(`${base}/api/dsar/${dsarId}/collect`, { method: 'POST', headers: dpo });
        expect(collect.status).toBe(202);
        const job = await until('the job to be running on the process', 20_000, async () => {
          const { rows } = await db.query(
            `SELECT id, output->>'worker' AS worker FROM pgboss.job
              WHERE name = 'dsar-collect' AND state = 'active' AND output ? 'worker'`,
          );
          return rows[0] as { id: string; worker: string } | undefined;
        });

        // Another instance checks every 2 s with an 8 s lease; the live worker keeps its job throughout.
        survivor = await startTestApp({
          databaseUrl: pooled,
          env: { JOBS_ENABLED: '1', JOB_LEASE_SECONDS: '8' },
        });
        await sleep(20_000);
        const held = await db.query('SELECT state, retry_count FROM pgboss.job WHERE id = $1', [job.id]);
        expect(held.rows[0]).toEqual({ state: 'active', retry_count: 0 });

        const killedAt = Date.now();
        api.kill('SIGKILL');
        await lock.query('COMMIT');
        const done = await until('the collection to be taken over', 40_000, async () => {
          const { rows } = await db.query('SELECT status FROM dsar_requests WHERE id = $1', [dsarId]);
          return rows[0].status === 'in_review' ? rows[0] : null;
        });
        expect(done.status).toBe('in_review');
        const tookMs = Date.now() - killedAt;
        expect(tookMs).toBeLessThan(8_000 + 2_000 + 10_000);
        // The handler sets the status before it returns; pg-boss marks the job done just after.
        const retried = await until('the retried job to be marked completed', 10_000, async () => {
          const { rows } = await db.query(
            `SELECT state, retry_count FROM pgboss.job WHERE id = $1
             UNION ALL SELECT state, retry_count FROM pgboss.archive WHERE id = $1`,
            [job.id],
          );
          return rows[0]?.state === 'active' ? undefined : rows[0];
        });
        expect(retried).toEqual({ state: 'completed', retry_count: 1 });
      } finally {
        api.kill('SIGKILL');
        await lock.end().catch(() => undefined);
        await survivor?.close();
        await setup.close();
        await db.end();
      }
    }, 180_000);
  });
});
