import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '@hushdesk/contracts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserSession, setCookieLine } from '../support/cookies';
import { asBuffer, wav } from '../support/files';
import { logCallWithAudio } from '../support/recordings';
import { bearerFor, createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';
import { waitForDsar } from '../support/dsar';

const ALLOWED_ORIGIN = 'https://desk.partner.example';
const FOREIGN_ORIGIN = 'https://evil.example';

describe('web hardening: cookies, CSRF, CORS, headers', () => {
  let t: TestApp;
  let customer: { email: string };
  beforeAll(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: ALLOWED_ORIGIN } });
    customer = await createUser(t, 'customer');
  });
  afterAll(() => t.close());

  const signIn = () =>
    t.http().post('/api/auth/login').send({ email: customer.email, password: TEST_PASSWORD });
  const ticket = { type: 'service_request', subject: 'New extension for reception', description: 'Please.' };
  const ticket1 = () => ({ ...ticket });
  const ticketCount = async () => Number((await t.db.query('SELECT count(*) FROM tickets')).rows[0].count);

  describe('cookies', () => {
    it('the session cookie is HttpOnly and SameSite=Strict; the CSRF cookie is readable by the page', async () => {
      const login = await signIn().expect(200);
      const session = setCookieLine(login, SESSION_COOKIE) as string;
      const csrf = setCookieLine(login, CSRF_COOKIE) as string;
      expect(session).toMatch(/; HttpOnly/);
      expect(session).toMatch(/; SameSite=Strict/);
      expect(csrf).toMatch(/; SameSite=Strict/);
      expect(csrf).not.toMatch(/HttpOnly/);
      // Not Secure outside production, so the demo works over plain http://localhost.
      expect(session).not.toMatch(/; Secure/);
    });

    it('both cookies are Secure in production', async () => {
      const prod = await startTestApp({ env: { COOKIE_SECURE: 'true' }, databaseUrl: t.databaseUrl });
      try {
        const login = await prod
          .http()
          .post('/api/auth/login')
          .send({ email: customer.email, password: TEST_PASSWORD })
          .expect(200);
        expect(setCookieLine(login, SESSION_COOKIE)).toMatch(/; Secure/);
        expect(setCookieLine(login, CSRF_COOKIE)).toMatch(/; Secure/);
      } finally {
        await prod.close();
      }
    });

    it('logout clears both cookies', async () => {
      const login = await signIn().expect(200);
      const out = await t.http().post('/api/auth/logout').set(browserSession(login)).expect(204);
      expect(setCookieLine(out, SESSION_COOKIE)).toMatch(/^hd_session=;/);
      expect(setCookieLine(out, CSRF_COOKIE)).toMatch(/^hd_csrf=;/);
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie-authenticated write without the CSRF header, and stores nothing', async () => {
      const login = await signIn().expect(200);
      const before = await ticketCount();
      const res = await t
        .http()
        .post('/api/tickets')
        .set(browserSession(login, { withCsrf: false }))
        .send(ticket)
        .expect(403);
      expect(res.body.message).toContain(CSRF_HEADER);
      expect(await ticketCount()).toBe(before);
    });

    it('refuses a wrong token, and another session’s token', async () => {
      const login = await signIn().expect(200);
      const other = await signIn().expect(200);
      const headers = browserSession(login);
      await t
        .http()
        .post('/api/tickets')
        .set({ ...headers, [CSRF_HEADER]: 'x'.repeat(43) })
        .send(ticket)
        .expect(403);
      await t
        .http()
        .post('/api/tickets')
        .set({ ...headers, [CSRF_HEADER]: browserSession(other)[CSRF_HEADER] })
        .send(ticket)
        .expect(403);
    });

    it('a forged logout leaves the session signed in', async () => {
      const login = await signIn().expect(200);
      await t
        .http()
        .post('/api/auth/logout')
        .set(browserSession(login, { withCsrf: false }))
        .expect(403);
      await t.http().get('/api/auth/me').set(browserSession(login)).expect(200);
    });

    it('accepts the write when the page echoes its CSRF cookie', async () => {
      const login = await signIn().expect(200);
      const before = await ticketCount();
      await t.http().post('/api/tickets').set(browserSession(login)).send(ticket).expect(201);
      expect(await ticketCount()).toBe(before + 1);
    });

    it('reads need no token, and bearer-token callers are not asked for one', async () => {
      const login = await signIn().expect(200);
      await t
        .http()
        .get('/api/tickets')
        .set(browserSession(login, { withCsrf: false }))
        .expect(200);
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', `Bearer ${login.body.accessToken}`)
        .send(ticket)
        .expect(201);
    });

    it('a password change hands out a new CSRF token with the new session', async () => {
      const user = await createUser(t, 'engineer');
      const login = await t
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      const changed = await t
        .http()
        .post('/api/auth/password')
        .set(browserSession(login))
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase here' })
        .expect(200);
      expect(browserSession(changed)[CSRF_HEADER]).not.toBe(browserSession(login)[CSRF_HEADER]);
      await t.http().post('/api/auth/refresh').set(browserSession(changed)).expect(200);
    });
  });

  describe('Origin', () => {
    it('refuses a write from a foreign origin even with a bearer token, and a foreign sign-in', async () => {
      const login = await signIn().expect(200);
      const res = await t
        .http()
        .post('/api/tickets')
        .set('authorization', `Bearer ${login.body.accessToken}`)
        .set('origin', FOREIGN_ORIGIN)
        .send(ticket)
        .expect(403);
      expect(res.body.message).toMatch(/origin not allowed/);
      await t
        .http()
        .post('/api/auth/login')
        .set('origin', FOREIGN_ORIGIN)
        .send({ email: customer.email, password: TEST_PASSWORD })
        .expect(403);
    });

    it('accepts writes from the app’s own origin and from the CORS allowlist', async () => {
      const login = await signIn().expect(200);
      const bearer = `Bearer ${login.body.accessToken}`;
      await t
        .http()
        .post('/api/tickets')
        .set({
          authorization: bearer,
          host: 'desk.hushdesk.example',
          origin: 'https://desk.hushdesk.example',
        })
        .send(ticket)
        .expect(201);
      await t
        .http()
        .post('/api/tickets')
        .set({ authorization: bearer, origin: ALLOWED_ORIGIN })
        .send(ticket)
        .expect(201);
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      t
        .http()
        .options('/api/tickets')
        .set('origin', origin)
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', `content-type,${CSRF_HEADER}`);

    it('answers a preflight from an allowed origin, with credentials', async () => {
      const res = await preflight(ALLOWED_ORIGIN);
      expect(res.status).toBeLessThan(300);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(res.headers['access-control-allow-credentials']).toBe('true');
    });

    it('grants nothing to any other origin', async () => {
      const res = await preflight(FOREIGN_ORIGIN);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const get = await t.http().get('/api/health').set('origin', FOREIGN_ORIGIN);
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('security headers', () => {
    it('on every API answer: CSP, no sniffing, no framing, HSTS, no referrer, no X-Powered-By', async () => {
      for (const res of [await t.http().get('/api/health'), await t.http().get('/api/tickets')]) {
        const csp = res.headers['content-security-policy'];
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toContain('unsafe-eval');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });
  });

  describe('caching', () => {
    it('every /api answer carries Cache-Control: no-store: JSON, errors, downloads and packages', async () => {
      const me = await bearerFor(t, customer.email);
      const engineer = await createUser(t, 'engineer');
      const dpo = await createUser(t, 'dpo');
      const staff = await bearerFor(t, engineer.email);
      const office = await bearerFor(t, dpo.email);
      const ticket = (
        await t.http().post('/api/tickets').set('authorization', me).send(ticket1()).expect(201)
      ).body.id as string;
      const attachment = (
        await t
          .http()
          .post(`/api/tickets/${ticket}/attachments`)
          .set('authorization', me)
          .attach('file', Buffer.from('sync lost at 09:14\n'), 'router.log.txt')
          .expect(201)
      ).body.id as string;
      const call = {
        direction: 'inbound' as const,
        durationSeconds: 60,
        startedAt: new Date().toISOString(),
      };
      const recording = await logCallWithAudio(t, staff, { ...call, callerNumber: '07700 900123' }, wav());
      const dsar = (
        await t.http().post('/api/dsar').set('authorization', me).send({ kind: 'access' }).expect(201)
      ).body.id as string;
      await t.http().post(`/api/dsar/${dsar}/collect`).set('authorization', office).expect(202);
      await waitForDsar(t, office, dsar);
      const get = (url: string, auth?: string) => {
        const req = t.http().get(url).buffer(true).parse(asBuffer);
        return auth ? req.set('authorization', auth) : req;
      };

      const answers: [string, number, { status: number; headers: Record<string, string> }][] = [
        ['the health check', 200, await get('/api/health')],
        ['a sign-in', 200, await signIn()],
        ['who am I', 200, await get('/api/auth/me', me)],
        ['the queue', 200, await get('/api/tickets', staff)],
        ['a ticket', 200, await get(`/api/tickets/${ticket}`, me)],
        ['a person', 200, await get(`/api/people/${engineer.personId}`, office)],
        ['an attachment download', 200, await get(`/api/tickets/${ticket}/attachments/${attachment}`, me)],
        ['call audio', 200, await get(`/api/recordings/${recording}/audio`, staff)],
        ['a DSAR package (zip)', 200, await get(`/api/dsar/${dsar}/export?format=zip`, office)],
        ['a DSAR package (json)', 200, await get(`/api/dsar/${dsar}/export?format=json`, office)],
        ['no credentials', 401, await get('/api/tickets')],
        ['a role that may not', 403, await get('/api/audit', me)],
        ['a missing ticket', 404, await get('/api/tickets/00000000-0000-4000-8000-000000000000', me)],
        ['bad input', 400, await get('/api/tickets?limit=nope', me)],
        ['an unknown route', 404, await get('/api/no-such-route', me)],
        ['a malformed URL', 400, await get('/api/tickets/%zz', me)],
        [
          'an unknown download link',
          404,
          await get('/api/dsar/downloads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'),
        ],
        ['a refused write', 400, await t.http().post('/api/tickets').set('authorization', me).send({})],
      ];
      const wrong = answers
        .filter(
          ([, status, res]) =>
            res.status !== status || !/\bno-store\b/.test(res.headers['cache-control'] ?? ''),
        )
        .map(([what, , res]) => `${what}: ${res.status} cache-control=${res.headers['cache-control']}`);
      expect(wrong).toEqual([]);
    });

    it('the web app outside /api keeps its own caching: fingerprinted assets for good, the page revalidated', async () => {
      const dist = mkdtempSync(join(tmpdir(), 'hushdesk-web-'));
      mkdirSync(join(dist, 'assets'));
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Hushdesk</title>');
      writeFileSync(join(dist, 'assets', 'index-3f9a1c.js'), 'console.info(1);');
      const web = await startTestApp({ env: { WEB_DIST_DIR: dist }, databaseUrl: t.databaseUrl });
      try {
        const asset = await web.http().get('/assets/index-3f9a1c.js').expect(200);
        expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        const page = await web.http().get('/portal').expect(200);
        expect(page.headers['cache-control']).toBe('no-cache');
      } finally {
        await web.close();
        rmSync(dist, { recursive: true, force: true });
      }
    });
  });
});
