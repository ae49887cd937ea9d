import { createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

/**
 * Sign-in limits as an attacker meets them: keyed on the client behind a trusted proxy (never on an
 * address a stranger can write into X-Forwarded-For), slowing repeated failures instead of locking
 * anyone out, and never locking the account's owner out of a browser she has signed in from before.
 */
describe('sign-in limits', () => {
  const login = (
    t: TestApp,
    email: string,
    password: string,
    opts: { from?: string; cookie?: string } = {},
  ) => {
    const req = t.http().post('/api/auth/login').send({ email, password });
    if (opts.from) req.set('x-forwarded-for', opts.from);
    if (opts.cookie) req.set('cookie', opts.cookie);
    return req;
  };
  /** The cookie pairs a browser would send back (name=value), from a response's Set-Cookie. */
  const cookiesOf = (res: { headers: Record<string, unknown> }) =>
    ((res.headers['set-cookie'] as string[] | undefined) ?? []).map((line) => line.split(';')[0]).join('; ');

  describe('behind a trusted proxy', () => {
    let t: TestApp;
    beforeAll(async () => {
      // The test client connects from 127.0.0.1: that is the proxy here.
      t = await startTestApp({ env: { TRUSTED_PROXIES: '127.0.0.1, ::1' } });
    });
    afterAll(() => t.close());
    beforeEach(() => t.db.query('DELETE FROM login_throttle'));

    it('X-Forwarded-For decides the client: ten failures from one client do not stop another signing in to another account', async () => {
      const victim = await createUser(t, 'customer');
      const colleague = await createUser(t, 'customer');
      for (let i = 0; i < 10; i++) {
        await login(t, victim.email, `wrong guess ${i}`, { from: '203.0.113.10' }).expect(401);
      }
      await login(t, colleague.email, TEST_PASSWORD, { from: '198.51.100.20' }).expect(200);
      // The client that failed is the one slowed, on that account.
      const slowed = await login(t, victim.email, TEST_PASSWORD, { from: '203.0.113.10' }).expect(429);
      expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('takes the client from the right of X-Forwarded-For, so a spoofed left-most entry does not help', async () => {
      const victim = await createUser(t, 'customer');
      const other = await createUser(t, 'customer');
      for (let i = 0; i < 10; i++) {
        await login(t, victim.email, `wrong guess ${i}`, { from: `10.9.9.${i}, 203.0.113.11` }).expect(401);
      }
      // The same real client, claiming yet another address on the left: still slowed.
      await login(t, victim.email, TEST_PASSWORD, { from: '10.9.9.99, 203.0.113.11' }).expect(429);
      await login(t, other.email, TEST_PASSWORD, { from: '198.51.100.21' }).expect(200);
    });

    it('failures from ten addresses do not stop the DPO signing in from her known browser; an unknown one is slowed', async () => {
      const dpo = await createUser(t, 'dpo');
      const first = await login(t, dpo.email, TEST_PASSWORD, { from: '192.0.2.7' }).expect(200);
      const known = cookiesOf(first);
      expect(known).toMatch(/hd_device_[0-9a-f]+=/);

      for (let i = 1; i <= 10; i++) {
        await login(t, dpo.email, `spray ${i}`, { from: `198.51.100.${i}` }).expect(401);
      }
      // Her browser (now on another network, as laptops are) signs in at once.
      await login(t, dpo.email, TEST_PASSWORD, { from: '192.0.2.200', cookie: known }).expect(200);
      // A browser that has never signed in to her account is slowed, even with the right password.
      const stranger = await login(t, dpo.email, TEST_PASSWORD, { from: '192.0.2.201' }).expect(429);
      expect(Number(stranger.headers['retry-after'])).toBeGreaterThan(0);
      // Another account's known-browser cookie, or a forged one, counts for nothing.
      const forged = known.replace(/=([^.;]+)\./, '=AAAA$1.');
      await login(t, dpo.email, TEST_PASSWORD, { from: '192.0.2.202', cookie: forged }).expect(429);
    });

    it('issues the known-browser cookie signed, httpOnly and SameSite, with no email or address in it', async () => {
      const user = await createUser(t, 'engineer');
      const res = await login(t, user.email, TEST_PASSWORD, { from: '192.0.2.9' }).expect(200);
      const line = ([res.headers['set-cookie']].flat() as string[]).find((l) => l.startsWith('hd_device_'));
      expect(line).toMatch(/HttpOnly/);
      expect(line).toMatch(/SameSite=Strict/);
      expect(line).toMatch(/Max-Age=\d+/);
      expect(line).not.toContain(user.email.split('@')[0]);
      expect(line).not.toContain('192.0.2.9');
    });
  });

  describe('with no trusted proxy', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { LOGIN_MAX_FAILURES: '5' } });
    });
    afterAll(() => t.close());
    beforeEach(() => t.db.query('DELETE FROM login_throttle'));

    it('ignores an untrusted peer’s X-Forwarded-For: rotating it does not make a sprayer many clients', async () => {
      // Per client, three times the per-account allowance (5) may fail before waits begin.
      for (let i = 0; i < 15; i++) {
        await login(t, `spray-${i}@example.test`, 'guess guess guess', {
          from: `198.51.100.${i + 1}`,
        }).expect(401);
      }
      const user = await createUser(t, 'customer');
      const res = await login(t, user.email, TEST_PASSWORD, { from: '203.0.113.99' }).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('still slows an attacker: 429 with a Retry-After that grows with each failure, up to a cap', async () => {
      const user = await createUser(t, 'customer');
      for (let i = 0; i < 5; i++) await login(t, user.email, `wrong-${i}`).expect(401);

      const first = await login(t, user.email, TEST_PASSWORD).expect(429);
      expect(first.headers['retry-after']).toBe('30');
      expect(first.body.message).toBe('Too many failed sign-in attempts; try again in 30 seconds.');

      // Once the wait has passed, one more try is allowed; failing it doubles the wait.
      const wait = async (seconds: number) =>
        t.db.query(`UPDATE login_throttle SET last_failed_at = last_failed_at - make_interval(secs => $1)`, [
          seconds,
        ]);
      await wait(31);
      await login(t, user.email, 'wrong again').expect(401);
      const second = await login(t, user.email, TEST_PASSWORD).expect(429);
      expect(second.headers['retry-after']).toBe('60');
      expect(second.body.message).toBe('Too many failed sign-in attempts; try again in 1 minute.');

      for (let i = 0; i < 8; i++) {
        await wait(3600);
        await login(t, user.email, `and again ${i}`).expect(401);
      }
      const capped = await login(t, user.email, TEST_PASSWORD).expect(429);
      expect(capped.headers['retry-after']).toBe(String(15 * 60));
      expect(capped.body.message).toBe('Too many failed sign-in attempts; try again in 15 minutes.');

      // After the wait, the right password works and forgives the account's failures.
      await wait(15 * 60 + 1);
      await login(t, user.email, TEST_PASSWORD).expect(200);
      await login(t, user.email, 'one typo').expect(401);
      await login(t, user.email, TEST_PASSWORD).expect(200);
    });

    it('keeps the keys as HMACs: no email or address in clear in the table', async () => {
      const user = await createUser(t, 'customer');
      await login(t, user.email, 'wrong password here').expect(401);
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM login_throttle
          WHERE position(convert_to($1, 'UTF8') IN key_hash) > 0 OR position(convert_to('127.0.0.1', 'UTF8') IN key_hash) > 0`,
        [user.email],
      );
      expect(rows[0].n).toBe(0);
      const { rows: all } = await t.db.query('SELECT length(key_hash) AS n FROM login_throttle');
      expect(all.length).toBeGreaterThan(0);
      for (const row of all) expect(row.n).toBe(32);
    });
  });

  it('refuses a TRUSTED_PROXIES entry that is not an address, a CIDR range or a known range name', async () => {
    await expect(startTestApp({ env: { TRUSTED_PROXIES: '10.0.0.0/8, proxy.example' } })).rejects.toThrow(
      /TRUSTED_PROXIES/,
    );
  });
});
