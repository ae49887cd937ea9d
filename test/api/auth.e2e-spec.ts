import { SESSION_COOKIE } from '@hushdesk/contracts';
import { browserSession, setCookieLine } from '../support/cookies';
import { bearerFor, createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

const cookieOf = (res: { headers: Record<string, unknown> }) => setCookieLine(res, SESSION_COOKIE);

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_MAX_FAILURES: '10' } });
  });
  afterAll(() => t.close());

  it('logs in with the contract shape and sets an httpOnly, SameSite cookie', async () => {
    const user = await createUser(t, 'engineer', { fullName: 'Sam Engineer' });
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: 900,
      user: {
        id: user.id,
        email: user.email,
        role: 'engineer',
        personId: user.personId,
        organisationId: null,
        fullName: 'Sam Engineer',
        mustChangePassword: false,
      },
    });
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(res.body).not.toHaveProperty('user.passwordHash');
  });

  it('accepts the email in any case and with spaces', async () => {
    const user = await createUser(t, 'dpo');
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD })
      .expect(200);
  });

  it('authenticates later calls by bearer token or by cookie', async () => {
    const user = await createUser(t, 'admin');
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    await t.http().get('/api/auth/me').set('authorization', `Bearer ${login.body.accessToken}`).expect(200);
    const cookie = (cookieOf(login) as string).split(';')[0];
    const me = await t.http().get('/api/auth/me').set('cookie', cookie).expect(200);
    expect(me.body.id).toBe(user.id);
  });

  it('refuses missing, malformed and forged tokens with 401', async () => {
    await t.http().get('/api/auth/me').expect(401);
    await t.http().get('/api/auth/me').set('authorization', 'Bearer not-a-jwt').expect(401);
    await t.http().get('/api/auth/me').set('authorization', 'Basic abc').expect(401);
    const user = await createUser(t, 'engineer');
    const real = (await bearerFor(t, user.email)).slice(7);
    const [h, p] = real.split('.');
    // alg "none", and a valid-looking token signed with another key
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    await t.http().get('/api/auth/me').set('authorization', `Bearer ${none}`).expect(401);
    await t.http().get('/api/auth/me').set('authorization', `Bearer ${h}.${p}.c2lnbmF0dXJl`).expect(401);
  });

  it('gives unknown email and wrong password the same 401, in about the same time', async () => {
    const user = await createUser(t, 'engineer');
    const time = async (email: string, password: string) => {
      const start = process.hrtime.bigint();
      const res = await t.http().post('/api/auth/login').send({ email, password });
      return { res, ms: Number(process.hrtime.bigint() - start) / 1e6 };
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const unknownMs: number[] = [];
    const wrongMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const unknown = await time(`nobody-${i}@example.test`, 'whatever-password');
      const wrong = await time(user.email, `wrong-password-${i}`);
      expect(unknown.res.status).toBe(401);
      expect(wrong.res.status).toBe(401);
      expect(unknown.res.body.message).toBe(wrong.res.body.message);
      expect(unknown.res.body.error).toBe(wrong.res.body.error);
      unknownMs.push(unknown.ms);
      wrongMs.push(wrong.ms);
    }
    await t.db.query('DELETE FROM login_throttle');
    // Both pay for one argon2 verification; without the decoy an unknown email answers ~10x faster.
    const ratio = median(unknownMs) / median(wrongMs);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('logout revokes the session: the same token and cookie stop working', async () => {
    const user = await createUser(t, 'customer');
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    const bearer = `Bearer ${login.body.accessToken}`;
    const cookie = (cookieOf(login) as string).split(';')[0];
    const out = await t.http().post('/api/auth/logout').set('authorization', bearer).expect(204);
    expect(cookieOf(out)).toMatch(/hd_session=;/);
    await t.http().get('/api/auth/me').set('authorization', bearer).expect(401);
    await t.http().get('/api/auth/me').set('cookie', cookie).expect(401);
    await t.http().post('/api/auth/refresh').set(browserSession(login)).expect(401);
  });

  it('a password change revokes every session of the account and answers with a new one', async () => {
    const user = await createUser(t, 'engineer');
    const signIn = (password: string) =>
      t.http().post('/api/auth/login').send({ email: user.email, password });
    const first = await signIn(TEST_PASSWORD).expect(200);
    const second = await signIn(TEST_PASSWORD).expect(200); // another device
    const bearer = `Bearer ${first.body.accessToken}`;
    const newPassword = 'a new and much longer passphrase';

    const changed = await t
      .http()
      .post('/api/auth/password')
      .set('authorization', bearer)
      .send({ currentPassword: TEST_PASSWORD, newPassword })
      .expect(200);
    expect(changed.body.user.id).toBe(user.id);
    expect(cookieOf(changed)).toMatch(/hd_session=[^;]+;/);
    await t.http().get('/api/auth/me').set('authorization', bearer).expect(401);
    await t.http().get('/api/auth/me').set('authorization', `Bearer ${second.body.accessToken}`).expect(401);
    await t.http().post('/api/auth/refresh').set(browserSession(second)).expect(401);
    await t.http().get('/api/auth/me').set('authorization', `Bearer ${changed.body.accessToken}`).expect(200);
    await signIn(TEST_PASSWORD).expect(401);
    await signIn(newPassword).expect(200);
  });

  it.each([
    [
      { currentPassword: 'not the current one at all', newPassword: 'a fine new passphrase' },
      'currentPassword',
    ],
    [{ currentPassword: TEST_PASSWORD, newPassword: 'Qwerty123456' }, 'newPassword'],
    // Not a word the answer could contain: the test checks the password is not echoed.
    [{ currentPassword: TEST_PASSWORD, newPassword: 'k3y-9' }, 'newPassword'],
    [{ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }, 'newPassword'],
  ])('refuses a password change %j with 400 naming the field, and keeps the session', async (body, field) => {
    const user = await createUser(t, 'customer');
    const bearer = await bearerFor(t, user.email);
    const before = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    const res = await t.http().post('/api/auth/password').set('authorization', bearer).send(body).expect(400);
    expect(res.body.fields).toHaveProperty([field]);
    expect(JSON.stringify(res.body)).not.toContain(body.newPassword);
    const after = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(after.rows[0].password_hash).toBe(before.rows[0].password_hash);
    await t.http().get('/api/auth/me').set('authorization', bearer).expect(200);
  });

  it.each([
    ['is the account’s email', (u: { email: string }) => u.email, /^This password is your email address/],
    [
      'contains the email’s local part',
      (u: { email: string }) => `x ${u.email.split('@')[0]} x`,
      /your name/,
    ],
    ['contains the person’s name, accents ignored', () => 'the Winifréd of long summers', /your name/],
  ])('refuses a new password that %s, with a sentence naming newPassword', async (_, password, message) => {
    const user = await createUser(t, 'customer', { fullName: 'Winifred Okonkwo-Blake' });
    const bearer = await bearerFor(t, user.email);
    const res = await t
      .http()
      .post('/api/auth/password')
      .set('authorization', bearer)
      .send({ currentPassword: TEST_PASSWORD, newPassword: password(user) })
      .expect(400);
    expect(Object.keys(res.body.fields)).toEqual(['newPassword']);
    expect(res.body.fields.newPassword[0]).toMatch(message);
    expect(res.body.fields.newPassword[0]).toMatch(/\.$/);
    await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  });

  it('words every password refusal as a sentence, still naming the field', async () => {
    const user = await createUser(t, 'customer');
    const bearer = await bearerFor(t, user.email);
    const change = (body: object) =>
      t.http().post('/api/auth/password').set('authorization', bearer).send(body).expect(400);
    const common = await change({ currentPassword: TEST_PASSWORD, newPassword: 'Qwerty123456' });
    expect(common.body.fields).toEqual({
      newPassword: ['This password is one of the most commonly leaked passwords; choose another.'],
    });
    const short = await change({ currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(short.body.fields.newPassword).toEqual([
      'This password is too short; use at least 12 characters.',
    ]);
    const wrong = await change({
      currentPassword: 'not my password at all',
      newPassword: 'a fine passphrase',
    });
    expect(wrong.body.fields).toEqual({ currentPassword: ['This is not your current password.'] });
  });

  it('refresh issues a new access token for a live session cookie', async () => {
    const user = await createUser(t, 'dpo');
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    const res = await t.http().post('/api/auth/refresh').set(browserSession(login)).expect(200);
    expect(res.body.user.id).toBe(user.id);
    await t.http().get('/api/auth/me').set('authorization', `Bearer ${res.body.accessToken}`).expect(200);
    await t.http().post('/api/auth/refresh').expect(401);
  });

  it('an expired session is refused even with a valid access token', async () => {
    const user = await createUser(t, 'engineer');
    const bearer = await bearerFor(t, user.email);
    await t.db.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [
      user.id,
    ]);
    await t.http().get('/api/auth/me').set('authorization', bearer).expect(401);
  });

  it('a disabled account can neither sign in nor keep using its session', async () => {
    const user = await createUser(t, 'engineer');
    const bearer = await bearerFor(t, user.email);
    await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id]);
    await t.http().get('/api/auth/me').set('authorization', bearer).expect(401);
    await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
  });

  it('a role change applies on the next request', async () => {
    const user = await createUser(t, 'admin');
    const bearer = await bearerFor(t, user.email);
    await t.http().get('/api/users').set('authorization', bearer).expect(200);
    await t.db.query("UPDATE users SET role = 'engineer' WHERE id = $1", [user.id]);
    await t.http().get('/api/users').set('authorization', bearer).expect(403);
  });

  it('answers 400 naming the field for a malformed login body', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: 'not-an-email', extra: 1 }).expect(400);
    expect(Object.keys(res.body.fields)).toEqual(expect.arrayContaining(['email', 'password', 'extra']));
  });

  it('counts wrong current passwords on a password change towards the sign-in limit', async () => {
    await t.db.query('DELETE FROM login_throttle');
    const user = await createUser(t, 'engineer');
    const bearer = await bearerFor(t, user.email);
    const change = (currentPassword: string) =>
      t
        .http()
        .post('/api/auth/password')
        .set('authorization', bearer)
        .send({ currentPassword, newPassword: 'a perfectly fine new passphrase' });
    for (let i = 0; i < 10; i++) await change(`guess number ${i}`).expect(400);
    await change(TEST_PASSWORD).expect(429);
    await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
    await t.db.query('DELETE FROM login_throttle');
  });

  // How repeated failures are slowed (per client, per account, known browsers): sign-in-limits.e2e-spec.ts.

  it('logs no email address or password', async () => {
    const marker = `leak.${Date.now()}@example.test`;
    await t.http().post('/api/auth/login').send({ email: marker, password: 'pw-marker-9137' }).expect(401);
    expect(t.logs.text).not.toContain(marker);
    expect(t.logs.text).not.toContain('pw-marker-9137');
    expect(t.logs.text.length).toBeGreaterThan(0);
  });
});
