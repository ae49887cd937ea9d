import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';

describe('platform: health, docs, errors, headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /api/health answers ok when the database answers', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/organisations', '/api/health']),
    );
    const page = await t.http().get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/html/);
  });

  it('does not log health checks (a load balancer polls them), but logs other requests', async () => {
    const quiet = '6f1d2c3b-0000-4000-8000-000000000e01';
    const loud = '6f1d2c3b-0000-4000-8000-000000000e02';
    await t.http().get('/api/health').set('x-correlation-id', quiet).expect(200);
    await t.http().get('/api/demo').set('x-correlation-id', loud);
    expect(t.logs.text).not.toContain(quiet);
    expect(t.logs.text).toContain(loud);
  });

  it('answers unknown API routes with a JSON 404 in the one error shape', async () => {
    const res = await t.http().get('/api/no-such-thing').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No such route',
      correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(res.headers['x-correlation-id']).toBe(res.body.correlationId);
  });

  it('reuses a caller-supplied correlation id only when it is a UUID', async () => {
    const id = '0b0e8a4e-6f43-4c1b-9d8e-2a7c3f1e5d90';
    const ok = await t.http().get('/api/nope').set('x-correlation-id', id);
    expect(ok.body.correlationId).toBe(id);
    const bad = await t.http().get('/api/nope').set('x-correlation-id', 'not-a-uuid {"level":60}');
    expect(bad.body.correlationId).not.toContain('level');
  });

  it('answers malformed JSON with 400 and no parser internals', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"email": "a@b.c", "password": ')
      .expect(400);
    expect(res.body.statusCode).toBe(400);
    expect(res.body.message).toMatch(/JSON/);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|SyntaxError|stack/);
  });

  it('answers a body over 1 MB with 413', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(1024 * 1024) }))
      .expect(413);
    expect(res.body.statusCode).toBe(413);
  });

  it('answers the router’s own refusals in the one error shape, without echoing the URL', async () => {
    const long = await t
      .http()
      .get(`/api/tickets/${'z'.repeat(101)}`)
      .expect(414);
    expect(long.body).toMatchObject({ statusCode: 414, error: 'URI Too Long' });
    expect(long.body.correlationId).toBeDefined();
    expect(long.text).not.toContain('zzzz');
    const bad = await t.http().get('/api/tickets/%E0%A4%A').expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, message: 'the URL is not valid' });
  });

  it('refuses multipart on a JSON route with 415 instead of running it with an empty body', async () => {
    const admin = await createUser(t, 'admin');
    const res = await t
      .http()
      .post('/api/organisations')
      .set('authorization', await bearerFor(t, admin.email))
      .field('name', 'Initech')
      .expect(415);
    expect(res.body.message).toMatch(/application\/json/);
    const { rows } = await t.db.query("SELECT count(*)::int AS n FROM organisations WHERE name = 'Initech'");
    expect(rows[0].n).toBe(0);
  });

  it('never leaks SQL or stack traces when a query fails unexpectedly', async () => {
    const admin = await createUser(t, 'admin');
    const bearer = await bearerFor(t, admin.email);
    // Break the schema underneath the app to force an unexpected failure.
    await t.db.query('ALTER TABLE organisations RENAME TO organisations_gone');
    try {
      const res = await t.http().get('/api/organisations').set('authorization', bearer).expect(500);
      expect(res.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error',
        correlationId: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/SELECT|relation "|organisations_gone|\.ts:|\.js:/);
      // The details go to the log, under the same correlation id, for the operator.
      expect(t.logs.text).toContain(res.body.correlationId);
      // The log says what failed, without the values of the query.
      expect(t.logs.text).toContain('QueryFailedError');
      expect(t.logs.text).not.toMatch(/"parameters"|"detail"/);
    } finally {
      await t.db.query('ALTER TABLE organisations_gone RENAME TO organisations');
    }
  });
});
