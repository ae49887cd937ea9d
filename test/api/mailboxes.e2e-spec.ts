import { Dovecot, freePort } from '../support/dovecot';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * IMAP mailboxes as admins manage them, against a real Dovecot: the secret is write-only and
 * encrypted at rest, every change is audited, and "test connection" says what is wrong in words
 * an admin can act on, never the secret.
 */
describe('IMAP mailboxes: administration', () => {
  let t: TestApp;
  let w: World;
  let dovecot: Dovecot;
  const SECRET = 'imap-secret-Zq81-do-not-leak';

  beforeAll(async () => {
    dovecot = await Dovecot.start({ password: SECRET });
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.close();
  });

  const as = (auth: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', auth),
    post: (url: string, body?: object) => t.http().post(url).set('authorization', auth).send(body),
    patch: (url: string, body: object) => t.http().patch(url).set('authorization', auth).send(body),
    delete: (url: string) => t.http().delete(url).set('authorization', auth),
  });
  const admin = () => as(w.admin.auth);
  const account = (over: Record<string, unknown> = {}) => ({
    name: 'Support inbox',
    host: dovecot.host,
    port: dovecot.port,
    tls: false,
    username: dovecot.user,
    secret: SECRET,
    ...over,
  });

  it('adds a mailbox, never returns its secret, and keeps it encrypted at rest', async () => {
    const created = await admin().post('/api/mailboxes', account()).expect(201);
    expect(created.body).toMatchObject({
      name: 'Support inbox',
      host: '127.0.0.1',
      port: dovecot.port,
      tls: false,
      username: 'support',
      auth: 'password',
      folder: 'INBOX',
      paused: false,
      lastPolledAt: null,
      lastError: null,
      lastErrorAt: null,
      quarantined: 0,
    });
    expect(Object.keys(created.body).sort()).toEqual(
      [
        'auth',
        'createdAt',
        'folder',
        'host',
        'id',
        'lastError',
        'lastErrorAt',
        'lastPolledAt',
        'name',
        'paused',
        'port',
        'quarantined',
        'tls',
        'username',
      ].sort(),
    );
    const id = created.body.id as string;
    const list = await admin().get('/api/mailboxes').expect(200);
    expect(list.body.map((m: { id: string }) => m.id)).toContain(id);

    const { rows } = await t.db.query('SELECT secret FROM mailboxes WHERE id = $1', [id]);
    const stored = rows[0].secret as Buffer;
    expect(stored.includes(Buffer.from(SECRET))).toBe(false);
    expect(stored.length).toBe(12 + 16 + Buffer.byteLength(SECRET));

    // Replacing the secret, pausing: audited by field name only.
    await admin()
      .patch(`/api/mailboxes/${id}`, { secret: `${SECRET}-2`, paused: true })
      .expect(200);
    const patched = await admin()
      .patch(`/api/mailboxes/${id}`, { secret: SECRET, paused: false })
      .expect(200);
    expect(patched.body.paused).toBe(false);
    const { rows: after } = await t.db.query('SELECT secret FROM mailboxes WHERE id = $1', [id]);
    expect((after[0].secret as Buffer).equals(stored)).toBe(false); // a fresh IV each time

    const audit = await as(w.dpo.auth).get('/api/audit?limit=100').expect(200);
    const entries = (audit.body.items as { action: string; targetId: string; fields: string[] }[]).filter(
      (e) => e.targetId === id,
    );
    expect(entries.map((e) => e.action).sort()).toEqual([
      'mailbox.create',
      'mailbox.update',
      'mailbox.update',
    ]);
    expect(entries.find((e) => e.action === 'mailbox.update')?.fields).toEqual(['secret', 'paused']);

    const test = await admin().post(`/api/mailboxes/${id}/test`).expect(200);
    expect(test.body).toEqual({ ok: true, error: null, messages: 0, idle: true });

    for (const text of [
      JSON.stringify(created.body),
      JSON.stringify(list.body),
      JSON.stringify(patched.body),
      JSON.stringify(audit.body),
      JSON.stringify(test.body),
      t.logs.text,
    ]) {
      expect(text).not.toContain(SECRET);
    }
    await admin().delete(`/api/mailboxes/${id}`).expect(204);
  });

  it('says what is wrong with a connection, without the secret', async () => {
    const wrongPassword = await admin()
      .post(
        '/api/mailboxes',
        account({ name: 'Wrong password', secret: 'not-the-password', folder: 'Wrong' }),
      )
      .expect(201);
    const closedPort = await freePort();
    const wrongPort = await admin()
      .post('/api/mailboxes', account({ name: 'Wrong port', port: closedPort }))
      .expect(201);
    const tlsOnPlain = await admin()
      .post('/api/mailboxes', account({ name: 'TLS on a plain port', tls: true, folder: 'Tls' }))
      .expect(201);
    const noFolder = await admin()
      .post('/api/mailboxes', account({ name: 'No such folder', folder: 'Does-Not-Exist' }))
      .expect(201);

    const test = async (id: string) => (await admin().post(`/api/mailboxes/${id}/test`).expect(200)).body;
    const auth = await test(wrongPassword.body.id);
    expect(auth).toMatchObject({ ok: false, messages: null, idle: false });
    expect(auth.error).toMatch(/refused the user name or password/);
    expect((await test(wrongPort.body.id)).error).toMatch(
      /Nothing accepts connections .* check the host and port/,
    );
    expect((await test(tlsOnPlain.body.id)).error).toMatch(/TLS .*turn TLS off/);
    expect((await test(noFolder.body.id)).error).toMatch(/folder "Does-Not-Exist" does not exist/);
    for (const text of [JSON.stringify(auth), t.logs.text]) {
      expect(text).not.toContain('not-the-password');
      expect(text).not.toContain(SECRET);
    }
  }, 60_000);

  it('refuses bad input naming the field, and a second mailbox on the same account folder with 409', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ host: 'imaps://mail.example.com' }, 'host'],
      [{ host: 'mail example.com' }, 'host'],
      [{ host: 'mail.example.com:993' }, 'host'],
      [{ port: 0 }, 'port'],
      [{ port: 65_536 }, 'port'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ folder: 'IN\r\nBOX' }, 'folder'],
      [{ secret: '' }, 'secret'],
      [{ auth: 'kerberos' }, 'auth'],
      [{ tls: 'yes' }, 'tls'],
    ];
    for (const [over, field] of bad) {
      const res = await admin().post('/api/mailboxes', account({ folder: 'Bad', ...over }));
      expect({ over, status: res.status }).toEqual({ over, status: 400 });
      expect(Object.keys(res.body.fields ?? {})).toContain(field);
    }
    await admin()
      .post('/api/mailboxes', account({ folder: 'Shared' }))
      .expect(201);
    const again = await admin()
      .post('/api/mailboxes', account({ name: 'Again', folder: 'Shared' }))
      .expect(409);
    expect(again.body.fields).toEqual({ folder: [expect.stringMatching(/already has a mailbox/)] });

    const other = await admin()
      .post('/api/mailboxes', account({ folder: 'Other' }))
      .expect(201);
    const moved = await admin().patch(`/api/mailboxes/${other.body.id}`, { folder: 'Shared' }).expect(409);
    expect(Object.keys(moved.body.fields)).toEqual(['folder']);
    const nulled = await admin().patch(`/api/mailboxes/${other.body.id}`, { host: null }).expect(400);
    expect(Object.keys(nulled.body.fields)).toEqual(['host']);
    await admin().patch('/api/mailboxes/00000000-0000-4000-8000-000000000000', { name: 'x' }).expect(404);
    await admin().delete('/api/mailboxes/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('is for admins only', async () => {
    for (const auth of [w.a1.auth, w.engineer.auth, w.dpo.auth]) {
      await as(auth).get('/api/mailboxes').expect(403);
      await as(auth)
        .post('/api/mailboxes', account({ folder: 'Nope' }))
        .expect(403);
    }
    await t.http().get('/api/mailboxes').expect(401);
  });
});
