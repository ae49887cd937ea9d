import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app';

const root = resolve(__dirname, '../..');

/** Runs the real CLI in its own process against the test app's database, the password on stdin. */
function createAdmin(t: TestApp, args: string[], password: string) {
  return new Promise<{ code: number | null; out: string }>((done) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/api/src/cli/create-admin.ts', ...args],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          SWC_NODE_PROJECT: 'apps/api/tsconfig.spec.json',
          NODE_ENV: 'production',
          DATABASE_URL: t.databaseUrl,
          JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
          IDENTIFIER_HMAC_KEY: 'test-identifier-key-that-is-long-enough-012345',
        },
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.stdin.end(`${password}\n`);
    child.on('exit', (code) => done({ code, out }));
  });
}

describe('create-admin: the first administrator of an install that seeds nothing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates an admin who can sign in, reading the password from stdin', async () => {
    const run = await createAdmin(
      t,
      ['--email', 'it.lead@example.com', '--name', 'Jo Bloggs'],
      'a long and private passphrase',
    );
    expect(run).toMatchObject({ code: 0 });
    expect(run.out).not.toContain('a long and private passphrase');
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'it.lead@example.com', password: 'a long and private passphrase' })
      .expect(200);
    expect(res.body.user.role).toBe('admin');
  }, 60_000);

  it('refuses a weak password, naming it, and creates nothing', async () => {
    const run = await createAdmin(t, ['--email', 'weak@example.com', '--name', 'Weak Password'], 'short');
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/password/);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM people WHERE email = 'weak@example.com'`,
    );
    expect(rows[0].n).toBe(0);
  }, 60_000);
});
