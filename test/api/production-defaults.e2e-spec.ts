import { SESSION_COOKIE } from '@hushdesk/contracts';
import { createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

/**
 * The API as production runs it: NODE_ENV=production with only the required secrets, on a database
 * the launcher would treat as the embedded one (demo mode's default). Nothing demo-like may show.
 */
describe('production defaults', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      embedded: true,
      env: {
        NODE_ENV: 'production',
        HUSHDESK_DEMO: '',
        JWT_SECRET: 'production-jwt-secret-that-is-long-enough-0123',
        IDENTIFIER_HMAC_KEY: 'production-identifier-key-long-enough-456789',
      },
    });
  });
  afterAll(() => t.close());

  it('seeds nothing', async () => {
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM tickets)::int AS tickets`,
    );
    expect(rows[0]).toEqual({ users: 0, tickets: 0 });
  });

  it('offers no demo logins and no password', async () => {
    const res = await t.http().get('/api/demo').expect(200);
    expect(res.body).toEqual({ accounts: [], password: null });
    expect(JSON.stringify(res.body)).not.toMatch(/hushdesk\.local|hushdesk"/);
  });

  it('does not serve the API docs', async () => {
    await t.http().get('/api/docs').expect(404);
    await t.http().get('/api/docs-json').expect(404);
    await t.http().get('/api/docs/').expect(404);
  });

  it('sets the session and CSRF cookies Secure', async () => {
    const user = await createUser(t, 'engineer');
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
    for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure(;|$)/i);
  });
});

describe('production with the docs turned on', () => {
  it('serves them only because API_DOCS says so', async () => {
    const t = await startTestApp({
      env: {
        NODE_ENV: 'production',
        API_DOCS: '1',
        JWT_SECRET: 'production-jwt-secret-that-is-long-enough-0123',
        IDENTIFIER_HMAC_KEY: 'production-identifier-key-long-enough-456789',
      },
    });
    try {
      await t.http().get('/api/docs-json').expect(200);
    } finally {
      await t.close();
    }
  });
});
