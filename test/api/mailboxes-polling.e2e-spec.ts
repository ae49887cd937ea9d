import { MailboxPoller } from '../../apps/api/src/mail/mailboxes/mailbox-poller.service';
import { Dovecot, FlakyLink, mail } from '../support/dovecot';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const MAX_BYTES = 128 * 1024;
/** Small, so a mail well under MAIL_MAX_BYTES holds a part too large to upload. */
const ATTACHMENT_MAX_BYTES = 16 * 1024;
const EMAIL_TICKETS = "tickets WHERE channel = 'email'";
const SECRET = 'poll-secret-Vw42-do-not-leak';

/**
 * Polling a real Dovecot: mail becomes tickets once, whatever happens to the connection, and is
 * marked \Seen on the server only after it is committed here. Too-large mail stays on the server
 * and is listed in quarantine; a paused or deleted mailbox is left alone; a new UIDVALIDITY
 * re-reads the folder without importing anything twice. Jobs are off here: each test polls itself.
 */
describe('IMAP mailboxes: polling', () => {
  let t: TestApp;
  let w: World;
  let dovecot: Dovecot;
  let poller: MailboxPoller;

  beforeAll(async () => {
    dovecot = await Dovecot.start({ password: SECRET });
    t = await startTestApp({
      env: { MAIL_MAX_BYTES: String(MAX_BYTES), ATTACHMENT_MAX_BYTES: String(ATTACHMENT_MAX_BYTES) },
    });
    w = await buildWorld(t);
    poller = t.app.get(MailboxPoller);
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.close();
  });

  const admin = () => ({
    get: (url: string) => t.http().get(url).set('authorization', w.admin.auth),
    post: (url: string, body?: object) => t.http().post(url).set('authorization', w.admin.auth).send(body),
    patch: (url: string, body: object) => t.http().patch(url).set('authorization', w.admin.auth).send(body),
    delete: (url: string) => t.http().delete(url).set('authorization', w.admin.auth),
  });

  /** A fresh folder and a mailbox reading it, so each test starts from nothing. */
  async function mailbox(folder: string, port = dovecot.port): Promise<string> {
    const client = await dovecot.client();
    await client.mailboxCreate(folder);
    await client.logout();
    const res = await admin()
      .post('/api/mailboxes', {
        name: folder,
        host: dovecot.host,
        port,
        tls: false,
        username: dovecot.user,
        secret: SECRET,
        folder,
      })
      .expect(201);
    return res.body.id as string;
  }

  const mails = (tag: string, n: number, from = 0) =>
    Array.from({ length: n }, (_, i) =>
      mail({ subject: `${tag} ${from + i}`, messageId: `<${tag}.${from + i}@customer.example>` }),
    );
  /** Imported mail: receipts of this test's Message-IDs are counted through the tickets they made. */
  async function imported(tag: string): Promise<number> {
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM ${EMAIL_TICKETS} AND subject LIKE $1`, [
      `${tag} %`,
    ]);
    return rows[0].n as number;
  }
  /** Each subject once: nothing imported twice. */
  async function duplicates(tag: string): Promise<number> {
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM (SELECT subject FROM ${EMAIL_TICKETS} AND subject LIKE $1
         GROUP BY subject HAVING count(*) > 1) d`,
      [`${tag} %`],
    );
    return rows[0].n as number;
  }
  const position = async (id: string) =>
    (await t.db.query('SELECT uid_validity::text, last_uid::int FROM mailboxes WHERE id = $1', [id])).rows[0];
  const dto = async (id: string) =>
    ((await admin().get('/api/mailboxes').expect(200)).body as { id: string }[]).find(
      (m) => m.id === id,
    ) as Record<string, unknown>;

  it('imports new mail into tickets, marks it \\Seen after, and imports nothing twice', async () => {
    const id = await mailbox('Poll');
    await dovecot.append(mails('poll', 3), 'Poll');
    expect(await poller.poll(id)).toBe('polled');
    expect(await imported('poll')).toBe(3);
    expect((await dovecot.messages('Poll')).map((m) => m.seen)).toEqual([true, true, true]);
    expect(await position(id)).toMatchObject({ last_uid: 3 });
    expect(await dto(id)).toMatchObject({
      lastError: null,
      lastErrorAt: null,
      lastPolledAt: expect.any(String),
    });

    expect(await poller.poll(id)).toBe('polled');
    await dovecot.append(mails('poll', 2, 3), 'Poll');
    expect(await poller.poll(id)).toBe('polled');
    expect(await imported('poll')).toBe(5);
    expect(await duplicates('poll')).toBe(0);
    // The same mail a second time (a resend, a copy in the folder): one ticket still.
    await dovecot.append(mails('poll', 1), 'Poll');
    expect(await poller.poll(id)).toBe('polled');
    expect(await imported('poll')).toBe(5);
    expect(await position(id)).toMatchObject({ last_uid: 6 });
  });

  it('loses and doubles nothing when the connection drops mid-fetch, or the server goes away', async () => {
    const link = await FlakyLink.to(dovecot);
    try {
      const id = await mailbox('Drop', link.port);
      const total = 300;
      await dovecot.append(mails('drop', total), 'Drop');
      // Each message is ~330 bytes: the link drops in the middle of the downloads.
      link.cutAfter(40_000);
      expect(await poller.poll(id)).toBe('failed');
      expect(link.cuts).toBe(1);
      const before = await imported('drop');
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(total);
      expect((await dto(id)).lastError).toMatch(/closed the connection/);
      // Taken from the server only what was committed here.
      const seen = (await dovecot.messages('Drop')).filter((m) => m.seen).length;
      expect(seen).toBeLessThanOrEqual(before);

      link.cutAfter(60_000);
      expect(await poller.poll(id)).toBe('failed');
      await dovecot.stop();
      expect(await poller.poll(id)).toBe('failed');
      expect((await dto(id)).lastError).toMatch(/Nothing accepts connections|closed the connection/);
      await dovecot.resume();

      expect(await poller.poll(id)).toBe('polled');
      expect(await imported('drop')).toBe(total);
      expect(await duplicates('drop')).toBe(0);
      expect((await dovecot.messages('Drop')).every((m) => m.seen)).toBe(true);
      expect(await dto(id)).toMatchObject({ lastError: null });
    } finally {
      await link.close();
      await dovecot.resume();
    }
  }, 120_000);

  it('leaves mail over MAIL_MAX_BYTES on the server and lists it in quarantine', async () => {
    const id = await mailbox('Big');
    const big = mail({
      subject: 'big 0',
      messageId: '<big.0@customer.example>',
      body: 'x'.repeat(MAX_BYTES),
    });
    await dovecot.append([...mails('big', 1, 1), big, ...mails('big', 1, 2)], 'Big');
    expect(await poller.poll(id)).toBe('polled');
    expect(await imported('big')).toBe(2);
    const quarantine = await admin().get(`/api/mailboxes/${id}/quarantine`).expect(200);
    expect(quarantine.body).toEqual([
      {
        id: expect.any(String),
        uid: 2,
        sizeBytes: Buffer.byteLength(big),
        reason: 'too_large',
        createdAt: expect.any(String),
      },
    ]);
    expect(await dto(id)).toMatchObject({ quarantined: 1 });
    const onServer = await dovecot.messages('Big');
    expect(onServer.map((m) => [m.uid, m.seen])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    expect(await poller.poll(id)).toBe('polled');
    expect((await admin().get(`/api/mailboxes/${id}/quarantine`).expect(200)).body).toHaveLength(1);
  });

  it('imports a mail with a part too large to upload, the part named as rejected and the raw copy whole', async () => {
    const id = await mailbox('Parts');
    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES * 3, 'z')
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n');
    const raw = mail({
      subject: 'parts 0',
      messageId: '<parts.0@customer.example>',
      headers: { 'Content-Type': 'multipart/mixed; boundary="p"' },
      body: [
        '--p',
        'Content-Type: text/plain',
        '',
        'Logs attached.',
        '--p',
        'Content-Type: text/plain; name="notes.txt"',
        'Content-Disposition: attachment; filename="notes.txt"',
        '',
        'short notes',
        '--p',
        'Content-Type: application/octet-stream; name="dump.bin"',
        'Content-Disposition: attachment; filename="dump.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        big,
        '--p--',
      ].join('\r\n'),
    }).replace('Content-Type: text/plain; charset=utf-8\r\n', '');
    await dovecot.append([raw], 'Parts');
    expect(await poller.poll(id)).toBe('polled');
    const { rows } = await t.db.query(
      `SELECT e.ticket_id, e.rejected_attachments, e.raw_bytes, t.description
         FROM email_messages e JOIN tickets t ON t.id = e.ticket_id WHERE e.message_id = 'parts.0@customer.example'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].description).toContain('Logs attached.');
    expect(rows[0].rejected_attachments).toEqual([{ name: 'dump.bin', reason: expect.any(String) }]);
    expect(Number(rows[0].raw_bytes)).toBe(Buffer.byteLength(raw));
    const { rows: files } = await t.db.query('SELECT file_name FROM attachments WHERE ticket_id = $1', [
      rows[0].ticket_id,
    ]);
    expect(files).toEqual([{ file_name: 'notes.txt' }]);
  });

  it('does not poll a paused mailbox, nor a deleted one', async () => {
    const id = await mailbox('Paused');
    await admin().patch(`/api/mailboxes/${id}`, { paused: true }).expect(200);
    await dovecot.append(mails('paused', 2), 'Paused');
    expect(await poller.poll(id)).toBe('skipped');
    expect(Object.keys(await poller.pollDue())).not.toContain(id);
    expect(await imported('paused')).toBe(0);
    expect((await dovecot.messages('Paused')).some((m) => m.seen)).toBe(false);

    await admin().patch(`/api/mailboxes/${id}`, { paused: false }).expect(200);
    expect(await poller.poll(id)).toBe('polled');
    expect(await imported('paused')).toBe(2);

    await admin().delete(`/api/mailboxes/${id}`).expect(204);
    await dovecot.append(mails('paused', 1, 2), 'Paused');
    expect(await poller.poll(id)).toBe('skipped');
    expect(Object.keys(await poller.pollDue())).not.toContain(id);
    expect(await imported('paused')).toBe(2);
  });

  it('reads the folder again after a UIDVALIDITY change, importing nothing twice', async () => {
    const id = await mailbox('Renumbered');
    await dovecot.append(mails('renum', 4), 'Renumbered');
    expect(await poller.poll(id)).toBe('polled');
    const first = await position(id);
    expect(first.last_uid).toBe(4);

    // Forget the folder's UIDs on the server (as after a restore): same mail, new numbers.
    await dovecot.renumber('Renumbered');
    await dovecot.append(mails('renum', 1, 4), 'Renumbered');
    expect(await poller.poll(id)).toBe('polled');
    const second = await position(id);
    expect(second.uid_validity).not.toBe(first.uid_validity);
    expect(second.last_uid).toBe(5);
    expect(await imported('renum')).toBe(5);
    expect(await duplicates('renum')).toBe(0);
  });

  it('never logs the secret or the mail', () => {
    expect(t.logs.text).not.toContain(SECRET);
    expect(t.logs.text).not.toContain('red light');
    expect(t.logs.text).not.toContain('casey@customer.example');
  });
});

/**
 * With jobs on, as in production: a new mailbox is polled at once, and where the server offers
 * IDLE one instance keeps listening, so a new message is a ticket within seconds. Deleting the
 * mailbox lets go of the connection.
 */
describe('IMAP mailboxes: IDLE', () => {
  let t: TestApp;
  let w: World;
  let dovecot: Dovecot;

  beforeAll(async () => {
    dovecot = await Dovecot.start({ password: SECRET });
    t = await startTestApp({ env: { JOBS_ENABLED: '1' } });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.close();
  });

  const count = async (tag: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM ${EMAIL_TICKETS} AND subject LIKE $1`, [`${tag} %`]))
      .rows[0].n as number;
  const listening = async () =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'hushdesk-mailbox' AND datname = current_database()`,
      )
    ).rows[0].n as number;
  async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, ms: number) {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (ok(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${ms} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('imports a newly delivered message within seconds, and stops listening when the mailbox goes', async () => {
    await dovecot.append([mail({ subject: 'idle 0', messageId: '<idle.0@customer.example>' })]);
    const created = await t
      .http()
      .post('/api/mailboxes')
      .set('authorization', w.admin.auth)
      .send({
        name: 'Support',
        host: dovecot.host,
        port: dovecot.port,
        tls: false,
        username: dovecot.user,
        secret: SECRET,
      })
      .expect(201);
    await until(
      'first poll',
      () => count('idle'),
      (n) => n === 1,
      20_000,
    );
    await until('listening', listening, (n) => n === 1, 10_000);

    const sent = Date.now();
    await dovecot.append([mail({ subject: 'idle 1', messageId: '<idle.1@customer.example>' })]);
    await until(
      'delivered over IDLE',
      () => count('idle'),
      (n) => n === 2,
      5_000,
    );
    const seconds = (Date.now() - sent) / 1000;
    process.stdout.write(`\nIMAP IDLE: a new message became a ticket in ${seconds.toFixed(2)} s\n`);

    await t.http().delete(`/api/mailboxes/${created.body.id}`).set('authorization', w.admin.auth).expect(204);
    await until('let go', listening, (n) => n === 0, 5_000);
    await dovecot.append([mail({ subject: 'idle 2', messageId: '<idle.2@customer.example>' })]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await count('idle')).toBe(2);
  }, 60_000);
});
