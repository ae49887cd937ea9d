import { DEMO_ACCOUNTS } from '../../apps/api/src/demo/demo-seed';
import { DemoSeed } from '../../apps/api/src/demo/demo-seed';
import { startTestApp, type TestApp } from '../support/test-app';

describe('demo mode', () => {
  describe('on', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ demo: true });
    });
    afterAll(() => t.close());

    it('seeds Acme Ltd and one account per role, each able to sign in', async () => {
      const { rows } = await t.db.query(
        `SELECT p.email, u.role, o.name AS organisation FROM users u
           JOIN people p ON p.id = u.person_id LEFT JOIN organisations o ON o.id = u.organisation_id
          ORDER BY p.email`,
      );
      expect(rows).toEqual(
        [...DEMO_ACCOUNTS]
          .sort((a, b) => a.email.localeCompare(b.email))
          .map((a) => ({
            email: a.email,
            role: a.role,
            organisation: a.role === 'customer' ? 'Acme Ltd' : null,
          })),
      );
      for (const account of DEMO_ACCOUNTS) {
        const res = await t
          .http()
          .post('/api/auth/login')
          .send({ email: account.email, password: 'hushdesk' })
          .expect(200);
        expect(res.body.user.role).toBe(account.role);
      }
    });

    it('does not seed again into a database that has accounts', async () => {
      await expect(t.app.get(DemoSeed).seedIfEmpty()).resolves.toBe(false);
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM users');
      expect(rows[0].n).toBe(DEMO_ACCOUNTS.length);
    });

    it('offers the demo logins to the sign-in page', async () => {
      const res = await t.http().get('/api/demo').expect(200);
      expect(res.body).toEqual({
        accounts: DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })),
        password: 'hushdesk',
      });
    });
  });

  describe('off', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ demo: false });
    });
    afterAll(() => t.close());

    it('seeds nothing and offers no logins', async () => {
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM users');
      expect(rows[0].n).toBe(0);
      // No logins, and a 200 rather than a 404 the sign-in page would log as a console error.
      const res = await t.http().get('/api/demo').expect(200);
      expect(res.body).toEqual({ accounts: [], password: null });
    });
  });

  it('never reveals a password the operator changed', async () => {
    const t = await startTestApp({ demo: true, env: { HUSHDESK_DEMO_PASSWORD: 'operator-chosen-secret' } });
    try {
      const res = await t.http().get('/api/demo').expect(200);
      expect(res.body.password).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain('operator-chosen-secret');
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'admin@hushdesk.local', password: 'operator-chosen-secret' })
        .expect(200);
    } finally {
      await t.close();
    }
  });
});
