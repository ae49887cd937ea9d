import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { DsarDetail } from '@hushdesk/api-client';
import { unzipSync } from 'fflate';
import { Pool } from 'pg';
import { ApiProcess } from '../support/api-process';
import { waitForDsar } from '../support/dsar';
import { asBuffer, wav } from '../support/files';
import { logCallWithAudio } from '../support/recordings';
import { S3Server } from '../support/s3-server';
import { connect, Inbox, type ClientSocket } from '../support/sockets';
import { cloneTemplate, createUser, startTestApp, testRun, TEST_PASSWORD } from '../support/test-app';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

/** Every file under a folder, recursively (folders themselves are not listed). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name));
}

type Accounts = Record<'customer' | 'engineer' | 'dpo', { email: string }>;

/** A customer, an engineer and a DPO, made through the services by an in-process app that then stops. */
async function makeAccounts(databaseUrl: string): Promise<Accounts> {
  const arrange = await startTestApp({ databaseUrl });
  try {
    const org = (await arrange.db.query("INSERT INTO organisations (name) VALUES ('Acme') RETURNING id"))
      .rows[0].id as string;
    return {
      customer: await createUser(arrange, 'customer', { organisationId: org, fullName: 'Cara Hill' }),
      engineer: await createUser(arrange, 'engineer', { fullName: 'Sam Patel' }),
      dpo: await createUser(arrange, 'dpo', { fullName: 'Priya Shah' }),
    };
  } finally {
    await arrange.close();
  }
}

const redisUrl = testRun().redisUrl;

/**
 * Two API hosts that share nothing but services: two OS processes, each with its own DATA_DIR
 * (no shared folder), on one PostgreSQL, one Redis and one S3-compatible store. Jobs run on host A
 * only, so whatever a job does is A's work; what B serves of it came through the shared services.
 */
// Runs wherever Redis answers; CI fails in global setup if it does not.
(redisUrl ? describe : describe.skip)('two API hosts sharing only PostgreSQL, Redis and S3', () => {
  let s3: S3Server;
  let store: S3Client;
  let a: ApiProcess;
  let b: ApiProcess;
  let db: Pool;
  let auth: { customer: string; engineer: string; dpo: string };
  const sockets: ClientSocket[] = [];

  const signIn = async (host: ApiProcess, email: string) =>
    `Bearer ${(await host.http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200)).body.accessToken}`;
  const listen = async (host: ApiProcess, bearer: string) => {
    const socket = await connect(host.baseUrl, { bearer });
    sockets.push(socket);
    return new Inbox(socket);
  };
  /** The bucket's object for a blob key, or null when the store has none. */
  const objectOf = async (blobKey: string) => {
    const listed = await store.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    return (listed.Contents ?? []).find((o) => o.Key?.endsWith(blobKey)) ?? null;
  };
  /**
   * Waits until pg-boss shows the job of this kind about this record completed, and `host` has
   * logged it done: pg-boss marks it only after the handler returns, so just after the record
   * changed it may still be active.
   */
  const jobDoneOn = async (host: ApiProcess, name: string, field: string, id: string) => {
    let states: string[] = [];
    for (const until = Date.now() + 10_000; Date.now() < until;) {
      states = (
        await db.query<{ state: string }>(
          `SELECT state FROM pgboss.job WHERE name = $1 AND data->>'${field}' = $2`,
          [name, id],
        )
      ).rows.map((r) => r.state);
      if (states.includes('completed') && host.log.includes(`job ${name} done`)) return states;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`job ${name} not done on ${host.name} within 10 s: ${states.join(', ') || 'none'}`);
  };
  /** A ticket the customer opens through `host`, with a PDF of random bytes attached; the PDF. */
  const ticketWithAttachment = async (host: ApiProcess) => {
    const ticket = await host
      .http()
      .post('/api/tickets')
      .set('authorization', auth.customer)
      .send({ type: 'fault', subject: 'Router dead', description: 'No lights at all.' })
      .expect(201);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%'), randomBytes(64), Buffer.from('\n%%EOF\n')]);
    const attachment = await host
      .http()
      .post(`/api/tickets/${ticket.body.id}/attachments`)
      .set('authorization', auth.customer)
      .attach('file', pdf, 'router-report.pdf')
      .expect(201);
    return { ticketId: ticket.body.id as string, attachmentId: attachment.body.id as string, pdf };
  };
  /** Polls a retention run through `host` until it is over. */
  const finished = async (host: ApiProcess, runId: string) => {
    for (const until = Date.now() + 20_000; Date.now() < until;) {
      const res = await host.http().get(`/api/retention/runs/${runId}`).set('authorization', auth.dpo);
      if (res.status !== 200) throw new Error(`GET /api/retention/runs answered ${res.status}`);
      if (!['queued', 'running'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the retention run did not finish within 20 s');
  };

  beforeAll(async () => {
    s3 = await S3Server.start();
    store = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    // A migrated database of its own; the hosts start while an in-process app makes the accounts.
    const databaseUrl = await cloneTemplate(testRun());
    db = new Pool({ connectionString: databaseUrl, max: 2 });
    const shared = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl as string, ...s3.env() };
    const [startedA, startedB, accounts] = await Promise.allSettled([
      ApiProcess.start('host-a', { ...shared, JOBS_ENABLED: '1' }),
      ApiProcess.start('host-b', { ...shared, JOBS_ENABLED: '0' }),
      makeAccounts(databaseUrl),
    ]);
    // Whichever host started is kept, so afterAll stops it even when the other failed.
    if (startedA.status === 'fulfilled') a = startedA.value;
    if (startedB.status === 'fulfilled') b = startedB.value;
    for (const s of [startedA, startedB, accounts]) if (s.status === 'rejected') throw s.reason;
    const { customer, engineer, dpo } = (accounts as PromiseFulfilledResult<Accounts>).value;
    auth = {
      customer: await signIn(b, customer.email),
      engineer: await signIn(a, engineer.email),
      dpo: await signIn(b, dpo.email),
    };
  }, 150_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    store?.destroy();
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.end();
    await s3?.close();
  }, 30_000);

  it('a file uploaded through one host downloads through the other, and audio seeks there', async () => {
    const { ticketId, attachmentId, pdf } = await ticketWithAttachment(b);
    const downloaded = await a
      .http()
      .get(`/api/tickets/${ticketId}/attachments/${attachmentId}`)
      .set('authorization', auth.engineer)
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect((downloaded.body as Buffer).equals(pdf)).toBe(true);

    const audio = wav();
    const call = { callerNumber: '+44 20 7946 0001', direction: 'inbound' as const, durationSeconds: 30 };
    const id = await logCallWithAudio(a, auth.engineer, { ...call, startedAt: daysAgo(1) }, audio);
    const range = await b
      .http()
      .get(`/api/recordings/${id}/audio`)
      .set('authorization', auth.dpo)
      .set('range', 'bytes=44-99')
      .buffer(true)
      .parse(asBuffer)
      .expect(206)
      .expect('content-range', `bytes 44-99/${audio.length}`);
    expect((range.body as Buffer).equals(audio.subarray(44, 100))).toBe(true);
  });

  it('live events cross between the hosts, both ways', async () => {
    const engineerOnB = await listen(b, auth.engineer);
    const customerOnA = await listen(a, auth.customer);
    const created = await a
      .http()
      .post('/api/tickets')
      .set('authorization', auth.customer)
      .send({ type: 'fault', subject: 'Line noise', description: 'Crackling on every call.' })
      .expect(201);
    await engineerOnB.waitFor<{ id: string }>('ticket.created', (x) => x.id === created.body.id);
    await b
      .http()
      .post(`/api/tickets/${created.body.id}/messages`)
      .set('authorization', auth.engineer)
      .send({ body: 'Written on host B', visibility: 'public' })
      .expect(201);
    const heard = await customerOnA.waitFor<{ ticketId: string; body: string }>(
      'message.created',
      (m) => m.ticketId === created.body.id,
    );
    expect(heard.body).toBe('Written on host B');
  });

  it('a DSAR collected by a job on host A is downloaded through host B', async () => {
    // The package carries the customer's attachment, uploaded through B.
    const { pdf } = await ticketWithAttachment(b);
    const dpoOnB = await listen(b, auth.dpo);
    const created = await b
      .http()
      .post('/api/dsar')
      .set('authorization', auth.customer)
      .send({ kind: 'access' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await a.http().post(`/api/dsar/${id}/collect`).set('authorization', auth.dpo).expect(202);
    const collected = await waitForDsar(b, auth.dpo, id);
    expect(collected.status).toBe('in_review');
    // A queued it, A's worker ran it (B runs no jobs), and its progress reached the DPO on B.
    expect(await jobDoneOn(a, 'dsar-collect', 'dsarId', id)).toEqual(['completed']);
    expect(b.log).not.toContain('job dsar-collect');
    await dpoOnB.waitFor<{ id: string; status: string }>(
      'dsar.progress',
      (e) => e.id === id && e.status === 'in_review',
    );

    const released = await a
      .http()
      .post(`/api/dsar/${id}/release`)
      .set('authorization', auth.dpo)
      .expect(200);
    const zip = await b
      .http()
      .get(released.body.downloadPath)
      .set('authorization', auth.customer)
      .buffer(true)
      .parse(asBuffer)
      .expect(200)
      .expect('content-type', 'application/zip');
    const files = unzipSync(new Uint8Array(zip.body as Buffer));
    expect(Object.keys(files)).toContain('data.json');
    const attached = Object.keys(files).filter((n) => n.startsWith('attachments/'));
    expect(attached.some((n) => Buffer.from(files[n]).equals(pdf))).toBe(true);
    const [{ blob_key: key, size_bytes: size }] = (
      await db.query('SELECT blob_key, size_bytes FROM dsar_releases WHERE dsar_id = $1', [id])
    ).rows;
    expect((await objectOf(key))?.Size).toBe(Number(size));
    const detail = (await b.http().get(`/api/dsar/${id}`).set('authorization', auth.dpo).expect(200))
      .body as DsarDetail;
    expect(detail.release).toMatchObject({ downloadedAt: expect.any(String) });
  });

  it('a retention run on host A deletes audio uploaded through host B, and its object is gone', async () => {
    const staffOnB = await listen(b, auth.engineer);
    // A call 61 days ago is past the 60-day period; its number is no one's, so nothing freezes it.
    const call = { callerNumber: '+44 20 7946 0999', direction: 'inbound' as const, durationSeconds: 42 };
    const id = await logCallWithAudio(b, auth.engineer, { ...call, startedAt: daysAgo(61) }, wav(8000));
    const [{ audio_blob_key: key }] = (
      await db.query('SELECT audio_blob_key FROM recordings WHERE id = $1', [id])
    ).rows;
    const object = await objectOf(key);
    expect(object).not.toBeNull();

    const run = await a
      .http()
      .post('/api/retention/runs')
      .set('authorization', auth.dpo)
      .send({})
      .expect(201);
    const report = await finished(b, run.body.id);
    expect(report.status).toBe('completed');
    await staffOnB.waitFor<{ runId: string; status: string }>(
      'retention.progress',
      (e) => e.runId === run.body.id && e.status === 'completed',
    );
    expect(report.report.recordings.ids).toContain(id);
    expect(report.report.blobs.failed).toBe(0);
    expect(report.report.blobs.deleted).toBeGreaterThanOrEqual(1);
    expect(await jobDoneOn(a, 'retention-run', 'runId', run.body.id)).toEqual(['completed']);
    expect(b.log).not.toContain('job retention-run');

    // Straight to the store, past both APIs: the object itself is gone.
    await expect(
      store.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: object?.Key as string })),
    ).rejects.toMatchObject({ name: 'NotFound' });
    expect(await objectOf(key)).toBeNull();
    await b.http().get(`/api/recordings/${id}/audio`).set('authorization', auth.dpo).expect(404);
  });

  it('every blob the database names is in the store, and neither host kept one on its own disk', async () => {
    // The tests above stored attachments, audio and a DSAR package, and built packages.
    const named = (
      await db.query<{ key: string }>(
        `SELECT blob_key AS key FROM attachments
         UNION ALL SELECT audio_blob_key FROM recordings WHERE audio_blob_key IS NOT NULL
         UNION ALL SELECT blob_key FROM dsar_releases`,
      )
    ).rows.map((r) => r.key);
    expect(named.length).toBeGreaterThanOrEqual(4);
    for (const key of named) expect(await objectOf(key)).not.toBeNull();
    for (const host of [a, b]) {
      expect(host.running).toBe(true);
      expect(filesUnder(host.dataDir)).toEqual([]);
    }
  });
});
