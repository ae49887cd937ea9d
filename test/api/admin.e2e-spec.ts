import type { Role } from '@hushdesk/contracts';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';

describe('admin routes: organisations and users', () => {
  let t: TestApp;
  const as = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ['customer', 'engineer', 'dpo', 'admin'] as const) {
      const user = await createUser(t, role);
      as[role] = await bearerFor(t, user.email);
    }
  });
  afterAll(() => t.close());

  describe.each([
    ['POST', '/api/organisations', { name: 'Initech' }],
    ['GET', '/api/organisations', undefined],
    ['POST', '/api/users', { email: 'x@example.test', password: 'long-enough-password', role: 'engineer' }],
    ['GET', '/api/users', undefined],
  ] as const)('%s %s', (method, path, body) => {
    const call = (auth?: string) => {
      const req =
        method === 'POST'
          ? t
              .http()
              .post(path)
              .send(body ?? {})
          : t.http().get(path);
      return auth ? req.set('authorization', auth) : req;
    };

    it('refuses an unauthenticated caller with 401', async () => {
      const res = await call().expect(401);
      expect(res.body.message).toBe('Sign in to continue');
    });

    it.each(['customer', 'engineer', 'dpo'] as const)('refuses a %s with 403', async (role) => {
      const res = await call(as[role]).expect(403);
      expect(res.body.message).toBe('Your role may not do this');
    });
  });

  describe('organisations', () => {
    it('creates and lists with keyset pagination', async () => {
      const names = ['Alpha Comms', 'Beta Networks', 'Gamma Telecom'];
      for (const name of names) {
        const res = await t
          .http()
          .post('/api/organisations')
          .set('authorization', as.admin)
          .send({ name })
          .expect(201);
        expect(res.body).toEqual({
          id: expect.any(String),
          name,
          sharedTicketVisibility: false,
          createdAt: expect.any(String),
        });
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { name: string }[]; nextCursor: string | null } } = await t
          .http()
          .get('/api/organisations')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set('authorization', as.admin)
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((o: { name: string }) => o.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expect.arrayContaining(names));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('refuses a duplicate name, in any case, with 409', async () => {
      await t
        .http()
        .post('/api/organisations')
        .set('authorization', as.admin)
        .send({ name: 'Delta Ltd' })
        .expect(201);
      const res = await t
        .http()
        .post('/api/organisations')
        .set('authorization', as.admin)
        .send({ name: 'delta ltd' })
        .expect(409);
      expect(res.body.message).toMatch(/already exists/);
    });

    it.each([
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ name: 42 }, 'name'],
      [{ name: 'Ok', colour: 'red' }, 'colour'],
    ])('answers 400 naming the field for %j', async (body, field) => {
      const res = await t
        .http()
        .post('/api/organisations')
        .set('authorization', as.admin)
        .send(body)
        .expect(400);
      expect(res.body.fields).toHaveProperty(field);
      expect(res.body.message).toContain(field);
    });

    it('answers 400 for a bad cursor or limit', async () => {
      const a = await t
        .http()
        .get('/api/organisations?cursor=garbage')
        .set('authorization', as.admin)
        .expect(400);
      expect(a.body.fields).toHaveProperty('cursor');
      const b = await t
        .http()
        .get('/api/organisations?limit=1000')
        .set('authorization', as.admin)
        .expect(400);
      expect(b.body.fields).toHaveProperty('limit');
    });
  });

  describe('users', () => {
    it('creates a customer in an organisation, who can then sign in', async () => {
      const org = await t
        .http()
        .post('/api/organisations')
        .set('authorization', as.admin)
        .send({ name: 'Epsilon plc' })
        .expect(201);
      const res = await t
        .http()
        .post('/api/users')
        .set('authorization', as.admin)
        .send({
          email: 'Jamie.Reed@Epsilon.example',
          password: 'a-long-enough-password',
          role: 'customer',
          organisationId: org.body.id,
          person: { fullName: 'Jamie Reed' },
        })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        personId: expect.any(String),
        email: 'jamie.reed@epsilon.example',
        fullName: 'Jamie Reed',
        role: 'customer',
        organisationId: org.body.id,
        organisationName: 'Epsilon plc',
        disabled: false,
        mustChangePassword: false,
        createdAt: expect.any(String),
      });
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'jamie.reed@epsilon.example', password: 'a-long-enough-password' })
        .expect(200);
      const { rows } = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [res.body.id]);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    });

    it('requires an organisation for a customer, and a real one', async () => {
      const base = {
        email: 'c1@example.test',
        password: 'a-long-enough-password',
        role: 'customer',
        person: { fullName: 'Cee One' },
      };
      const missing = await t.http().post('/api/users').set('authorization', as.admin).send(base).expect(400);
      expect(missing.body.fields).toHaveProperty('organisationId');
      const unknown = await t
        .http()
        .post('/api/users')
        .set('authorization', as.admin)
        .send({ ...base, organisationId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
      expect(unknown.body.fields).toHaveProperty('organisationId');
      const { rows } = await t.db.query(
        "SELECT count(*)::int AS n FROM people WHERE email = 'c1@example.test'",
      );
      expect(rows[0].n).toBe(0);
    });

    it('refuses an email already in use with 409 and writes nothing', async () => {
      const body = {
        email: 'dup@example.test',
        password: 'a-long-enough-password',
        role: 'engineer',
        person: { fullName: 'Dee Upton' },
      };
      await t.http().post('/api/users').set('authorization', as.admin).send(body).expect(201);
      const before = await t.db.query('SELECT count(*)::int AS n FROM people');
      await t
        .http()
        .post('/api/users')
        .set('authorization', as.admin)
        .send({ ...body, email: 'DUP@example.test' })
        .expect(409);
      const after = await t.db.query('SELECT count(*)::int AS n FROM people');
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });

    it.each([
      [{ email: 'bad', password: 'a-long-enough-password', role: 'engineer' }, 'email'],
      [{ email: 'ok@example.test', password: 'short', role: 'engineer' }, 'password'],
      // Long enough, but on the shipped list of common leaked passwords, whatever its case.
      [{ email: 'ok@example.test', password: 'Qwerty123456', role: 'engineer' }, 'password'],
      [{ email: 'ok@example.test', password: 'a-long-enough-password', role: 'superuser' }, 'role'],
      [
        {
          email: 'ok@example.test',
          password: 'a-long-enough-password',
          role: 'engineer',
          organisationId: 'nope',
        },
        'organisationId',
      ],
      [
        {
          email: 'ok@example.test',
          password: 'a-long-enough-password',
          role: 'engineer',
          person: { fullName: '' },
        },
        'person.fullName',
      ],
      [
        {
          email: 'ok@example.test',
          password: 'a-long-enough-password',
          role: 'engineer',
          person: { nickname: 'x', fullName: 'A' },
        },
        'person.nickname',
      ],
      [
        { email: 'ok@example.test', password: 'a-long-enough-password', role: 'engineer', isAdmin: true },
        'isAdmin',
      ],
    ])('answers 400 naming the field for %j', async (body, field) => {
      const res = await t.http().post('/api/users').set('authorization', as.admin).send(body).expect(400);
      expect(res.body.fields).toHaveProperty([field]);
      const { rows } = await t.db.query(
        "SELECT count(*)::int AS n FROM people WHERE email = 'ok@example.test'",
      );
      expect(rows[0].n).toBe(0);
    });

    it.each([
      ['the email address itself', 'jo.marsh-kowalski@example.test'],
      ['the email address in capitals', 'JO.MARSH-KOWALSKI@EXAMPLE.TEST'],
      ['a word of the address', 'winter-kowalski-garden'],
      ['the person’s name, accents ignored', 'Ringo Márshall sings loud'],
    ])('refuses a password that is or contains %s, in a sentence naming password', async (_, password) => {
      const res = await t
        .http()
        .post('/api/users')
        .set('authorization', as.admin)
        .send({
          email: 'jo.marsh-kowalski@example.test',
          password,
          role: 'engineer',
          person: { fullName: 'Ringo Marshall' },
        })
        .expect(400);
      expect(Object.keys(res.body.fields)).toEqual(['password']);
      expect(res.body.fields.password[0]).toMatch(/^This password (is|contains) the person’s .*\.$/);
      const { rows } = await t.db.query(
        "SELECT count(*)::int AS n FROM people WHERE email = 'jo.marsh-kowalski@example.test'",
      );
      expect(rows[0].n).toBe(0);
    });

    it('words a common password’s refusal as a sentence a person understands', async () => {
      const res = await t
        .http()
        .post('/api/users')
        .set('authorization', as.admin)
        .send({ email: 'ok@example.test', password: 'Qwerty123456', role: 'engineer' })
        .expect(400);
      expect(res.body.fields.password).toEqual([
        'This password is one of the most commonly leaked passwords; choose another.',
      ]);
    });

    it('lists users filtered by role, without password hashes', async () => {
      const res = await t.http().get('/api/users?role=dpo').set('authorization', as.admin).expect(200);
      expect(res.body.items.length).toBeGreaterThanOrEqual(1);
      for (const u of res.body.items) {
        expect(u.role).toBe('dpo');
        expect(u).not.toHaveProperty('passwordHash');
        expect(JSON.stringify(u)).not.toContain('argon2');
      }
    });
  });
});
