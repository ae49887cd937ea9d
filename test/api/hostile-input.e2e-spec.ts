import { CLIENT_SOCKET_EVENTS, SESSION_COOKIE } from '@hushdesk/contracts';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import type { Response } from 'supertest';
import { routesOf, type OpenApiDocument, type Route, type Schema } from '../support/fuzz/openapi';
import { hostileBodies, UNICODE_EDGES, type Payload } from '../support/fuzz/payloads';
import { changedTables, rowCounts } from '../support/fuzz/row-counts';
import { FOREIGN_EVENTS, hostileSocketArgs, MALFORMED_PACKETS } from '../support/fuzz/socket-payloads';
import { connect, Inbox, settle, type ClientSocket } from '../support/sockets';
import { wav } from '../support/files';
import { OpenApiConformance } from '../support/openapi-conformance';
import { logCallWithAudio } from '../support/recordings';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * Hostile input (issue 8): for every route of the OpenAPI document that takes a JSON body, a query
 * string or a path parameter, fast-check generates payloads no DTO accepts — wrong types, unknown
 * fields, strings past their limit and past the 1 MB body limit, deep nesting, unicode edge cases,
 * prototype-pollution keys, broken JSON, wrong content types — and sends them as a caller allowed
 * to use the route, so validation (not the role check) answers. Each must get a 4xx in the error
 * shape, and no table may gain or lose a row.
 */

const SEED = 20_261_208;
const RUNS = 4; // per route and category; the count of payloads tried is printed at the end

type Caller = 'a1' | 'a2' | 'b1' | 'engineer' | 'engineer2' | 'dpo' | 'admin' | 'anonymous';

/**
 * Who calls each route that takes input: a role the route admits, so a payload reaches validation.
 * A route of the OpenAPI document with a body, a query or a path parameter that is missing here
 * fails the test, so a new route cannot ship unfuzzed.
 */
const CALLERS: Record<string, Caller> = {
  'POST /api/auth/login': 'anonymous',
  'POST /api/auth/password': 'a2',
  'POST /api/users': 'admin',
  'GET /api/users': 'admin',
  'PATCH /api/users/{id}': 'admin',
  'POST /api/users/{id}/password-reset': 'admin',
  'POST /api/organisations': 'admin',
  'GET /api/organisations': 'admin',
  'PATCH /api/organisations/{id}': 'admin',
  'DELETE /api/organisations/{id}': 'admin',
  'POST /api/groups': 'admin',
  'PATCH /api/groups/{id}': 'admin',
  'DELETE /api/groups/{id}': 'admin',
  'GET /api/groups/{id}/members': 'admin',
  'PUT /api/groups/{id}/members': 'admin',
  'PUT /api/settings/sla': 'admin',
  'POST /api/mailboxes': 'admin',
  'PATCH /api/mailboxes/{id}': 'admin',
  'DELETE /api/mailboxes/{id}': 'admin',
  'POST /api/mailboxes/{id}/test': 'admin',
  'GET /api/mailboxes/{id}/quarantine': 'admin',
  'GET /api/audit': 'admin',
  'PATCH /api/privacy/fields/{name}': 'dpo',
  'PUT /api/settings/controller': 'admin',
  'POST /api/privacy/fields/{name}/purge': 'dpo',
  'POST /api/privacy/retention/fields': 'dpo',
  'GET /api/privacy/mentions': 'dpo',
  'POST /api/privacy/suppressions': 'dpo',
  'GET /api/tickets/{id}/share-safe': 'engineer',
  'POST /api/tickets/{id}/messages/{messageId}/redact': 'dpo',
  'GET /api/tickets/{id}/attachments/{attachmentId}/share-safe': 'engineer',
  'POST /api/tickets/{id}/attachments/{attachmentId}/redact': 'dpo',
  'POST /api/tickets/{id}/reveal': 'engineer',
  'GET /api/people/{id}': 'admin',
  'PATCH /api/people/{id}': 'admin',
  'POST /api/people/{id}/reveal': 'engineer',
  'POST /api/tickets': 'a1',
  'GET /api/tickets': 'engineer',
  'GET /api/tickets/{id}': 'engineer',
  'PATCH /api/tickets/{id}': 'engineer',
  'POST /api/tickets/{id}/undo': 'engineer',
  'POST /api/tickets/{id}/solve': 'a1',
  'GET /api/tickets/{id}/history': 'engineer',
  'GET /api/tickets/{id}/merge': 'engineer',
  'POST /api/tickets/{id}/merge': 'engineer',
  'POST /api/tickets/bulk-changes': 'engineer',
  'POST /api/tickets/bulk-changes/{id}/undo': 'engineer',
  'POST /api/tags/rename': 'admin',
  'POST /api/tags/remove': 'admin',
  'POST /api/views': 'engineer',
  'PATCH /api/views/{id}': 'engineer',
  'DELETE /api/views/{id}': 'engineer',
  'GET /api/tickets/{id}/messages': 'engineer',
  'POST /api/tickets/{id}/messages': 'engineer',
  'GET /api/tickets/{id}/attachments': 'engineer',
  'POST /api/tickets/{id}/attachments': 'engineer',
  'GET /api/tickets/{id}/attachments/{attachmentId}': 'engineer',
  'GET /api/mail/outbox': 'admin',
  'GET /api/mail/outbox/{id}': 'admin',
  'PUT /api/mail/subscriptions/me': 'engineer',
  'POST /api/notifications/sla/read': 'engineer',
  'GET /api/tickets/{id}/mail-recipient': 'engineer',
  'GET /api/tickets/{id}/draft': 'engineer',
  'PUT /api/tickets/{id}/draft': 'engineer',
  'DELETE /api/tickets/{id}/draft': 'engineer',
  'POST /api/tickets/{id}/draft/send': 'engineer',
  'POST /api/tickets/{id}/draft/attachments': 'engineer',
  'POST /api/tickets/{id}/draft/attachments/{attachmentId}/send': 'engineer',
  'DELETE /api/tickets/{id}/draft/attachments/{attachmentId}': 'engineer',
  'GET /api/macros': 'engineer',
  'POST /api/macros': 'engineer',
  'PATCH /api/macros/{id}': 'engineer',
  'DELETE /api/macros/{id}': 'engineer',
  'POST /api/macros/{id}/apply': 'engineer',
  'POST /api/recordings': 'engineer',
  'GET /api/recordings': 'engineer',
  'POST /api/recordings/search': 'dpo',
  'GET /api/recordings/{id}': 'engineer',
  'PUT /api/recordings/{id}/audio': 'engineer',
  'GET /api/recordings/{id}/audio': 'engineer',
  'POST /api/recordings/{id}/hold': 'dpo',
  'DELETE /api/recordings/{id}/hold': 'dpo',
  'POST /api/retention/runs': 'admin',
  'GET /api/retention/runs/{id}': 'admin',
  'PATCH /api/retention/policies/{category}': 'admin',
  'POST /api/dsar': 'dpo',
  'GET /api/dsar': 'dpo',
  'GET /api/dsar/downloads/{token}': 'anonymous',
  'GET /api/dsar/downloads/{token}/status': 'anonymous',
  'GET /api/dsar/{id}': 'dpo',
  'POST /api/dsar/{id}/verify': 'dpo',
  'POST /api/dsar/{id}/request-information': 'dpo',
  'POST /api/dsar/{id}/resume': 'dpo',
  'POST /api/dsar/{id}/reject': 'dpo',
  'POST /api/dsar/{id}/extend': 'dpo',
  'POST /api/dsar/{id}/collect': 'dpo',
  'POST /api/dsar/{id}/subject': 'dpo',
  'GET /api/dsar/{id}/items': 'dpo',
  'PUT /api/dsar/{id}/items/{itemId}/exclusion': 'dpo',
  'PUT /api/dsar/{id}/redactions/{redactionId}': 'dpo',
  'GET /api/dsar/{id}/export': 'dpo',
  'POST /api/dsar/{id}/release': 'dpo',
  'POST /api/dsar/{id}/download-code': 'dpo',
  'GET /api/dsar/{id}/erasure-preview': 'dpo',
  'POST /api/dsar/{id}/erase': 'dpo',
  'POST /api/dsar/{id}/rectify': 'dpo',
  'POST /api/dsar/{id}/restrict': 'dpo',
  'POST /api/dsar/{id}/lift-restriction': 'dpo',
  'POST /api/dsar/{id}/object': 'dpo',
  'POST /api/dsar/{id}/complete': 'dpo',
  'PUT /api/dsar/{id}/evidence': 'dpo',
};

/** Bodies the document cannot describe with a schema (none today: every body has one). */
const FREE_FORM_BODIES = new Set<string>();

// Tables that may change while the fuzzer runs, and why. None: every payload is refused by
// validation before any service runs, so not even an audited read or a failed login is recorded.
const VOLATILE_TABLES: string[] = [];

let payloadsTried = 0;

/** Percent-encoding that also carries lone surrogates (as U+FFFD, all UTF-8 can say) and raw bytes. */
function encode(value: string): string {
  if (value.startsWith('%raw:')) return value.slice(5);
  return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}
const RAW_BYTES = ['%raw:%ED%A0%80', '%raw:%C0%AF', '%raw:%FF%FE', '%raw:%E0%80', '%raw:%%', '%raw:%zz'];
const failures: string[] = [];

describe('hostile input', () => {
  let t: TestApp;
  let w: World;
  let doc: OpenApiDocument;
  let routes: Route[];
  let ids: Record<string, string>;
  /** Every answer to a hostile request, checked against the OpenAPI document. */
  let conformance: OpenApiConformance;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    w = await buildWorld(t);
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
    routes = routesOf(doc);
    conformance = new OpenApiConformance(doc);

    // Real ids for every path parameter, so a refusal comes from validation, not from a missing row.
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', w.a1.auth)
      .send({ type: 'fault', subject: 'Handset dead', description: 'No dial tone since 9am' })
      .expect(201);
    const message = await t
      .http()
      .post(`/api/tickets/${ticket.body.id}/messages`)
      .set('authorization', w.engineer.auth)
      .send({ body: 'Please power-cycle it', visibility: 'public' })
      .expect(201);
    const attachment = await t
      .http()
      .post(`/api/tickets/${ticket.body.id}/attachments`)
      .set('authorization', w.engineer.auth)
      .attach('file', Buffer.from('a log line\n'), 'log.txt')
      .expect(201);
    const recording = await logCallWithAudio(
      t,
      w.engineer.auth,
      {
        callerNumber: '07700 900123',
        direction: 'inbound',
        startedAt: new Date().toISOString(),
        durationSeconds: 30,
      },
      wav(),
    );
    const dsar = await t
      .http()
      .post('/api/dsar')
      .set('authorization', w.dpo.auth)
      .send({ kind: 'access', subject: { personId: w.a1.personId } })
      .expect(201);
    const policies = await t
      .http()
      .get('/api/retention/policies')
      .set('authorization', w.admin.auth)
      .expect(200);
    const category =
      (Array.isArray(policies.body) ? policies.body : policies.body.items)[0]?.category ?? 'tickets';
    const mailbox = await t
      .http()
      .post('/api/mailboxes')
      .set('authorization', w.admin.auth)
      .send({ name: 'Support', host: '127.0.0.1', port: 9, tls: false, username: 'support', secret: 'x' })
      .expect(201);
    const macro = await t
      .http()
      .post('/api/macros')
      .set('authorization', w.engineer.auth)
      .send({ title: 'Greeting', body: 'Hello {{requester.firstName}}' })
      .expect(201);
    const group = await t
      .http()
      .post('/api/groups')
      .set('authorization', w.admin.auth)
      .send({ name: 'Fuzzed queue' })
      .expect(201);
    const view = await t
      .http()
      .post('/api/views')
      .set('authorization', w.engineer.auth)
      .send({ name: 'Fuzzed view', filters: { priority: 'P1' } })
      .expect(201);
    ids = {
      group: group.body.id,
      view: view.body.id,
      macro: macro.body.id,
      mailbox: mailbox.body.id,
      ticket: ticket.body.id,
      message: message.body.id,
      attachment: attachment.body.id,
      recording,
      dsar: dsar.body.id ?? dsar.body.request?.id,
      person: w.a1.personId,
      organisation: w.orgA,
      category,
      outboxMail: (await t.db.query('SELECT id FROM mail_outbox LIMIT 1')).rows[0].id as string,
    };
  });

  afterAll(async () => {
    process.stdout.write(`\nhostile-input: ${payloadsTried} payloads tried\n`);
    await t?.close();
  });

  /** The path with its parameters filled from the world, one of them optionally replaced. */
  function urlOf(route: Route, override?: { name: string; value: string }): string {
    return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (override?.name === name) return encode(override.value);
      if (name === 'messageId') return ids.message;
      if (name === 'attachmentId') return ids.attachment;
      if (name === 'itemId' || name === 'redactionId') return '1';
      if (name === 'name') return 'person.phone';
      if (name === 'category') return ids.category;
      if (name === 'token') return 'no-such-token';
      const owner = route.path.split('/')[2];
      const byOwner: Record<string, string> = {
        tickets: ids.ticket,
        people: ids.person,
        organisations: ids.organisation,
        recordings: ids.recording,
        dsar: ids.dsar,
        mail: ids.outboxMail,
        mailboxes: ids.mailbox,
        macros: ids.macro,
        groups: ids.group,
        views: ids.view,
      };
      return byOwner[owner] ?? '00000000-0000-4000-8000-000000000000';
    });
  }

  function callerOf(route: Route): string | null {
    const caller = CALLERS[route.key];
    if (!caller) throw new Error(`${route.key} has no caller in CALLERS; add the role that may use it`);
    return caller === 'anonymous' ? null : w[caller].auth;
  }

  async function send(route: Route, url: string, payload?: Payload): Promise<Response> {
    let req = t.http()[route.method](url);
    const auth = callerOf(route);
    if (auth) req = req.set('authorization', auth);
    if (payload) {
      if (payload.contentType) req = req.set('content-type', payload.contentType);
      req = req.send(typeof payload.body === 'string' ? payload.body : payload.body);
    }
    const res = await req;
    conformance.check(route.key, res);
    return res;
  }

  /** The answer to a hostile request: one of the statuses, in the error shape, naming the field. */
  function check(what: string, res: Response, status: number[], field?: string): void {
    payloadsTried++;
    const problems: string[] = [];
    if (!status.includes(res.status)) problems.push(`status ${res.status}, expected ${status.join('/')}`);
    const body = res.body as Record<string, unknown>;
    for (const key of ['statusCode', 'error', 'message', 'correlationId']) {
      if (!(key in (body ?? {}))) problems.push(`no ${key} in the error body`);
    }
    if (/\bat \S+ \(|node_modules|QueryFailed|SELECT |INSERT |UPDATE |violates/.test(res.text ?? '')) {
      problems.push('stack trace or SQL in the response');
    }
    const fields = Object.keys((body?.fields as object) ?? {});
    if (field && res.status === 400 && !fields.some((f) => f === field || f.startsWith(`${field}.`))) {
      problems.push(`fields ${JSON.stringify(fields)} do not name ${field}`);
    }
    if (problems.length) {
      failures.push(`${what}: ${problems.join('; ')} — ${String(res.text).slice(0, 300)}`);
      throw new Error(`${what}: ${problems.join('; ')}`);
    }
  }

  /** Runs one batch with row counts taken around it: nothing may be stored by a refused payload. */
  async function batch(name: string, run: () => Promise<void>): Promise<void> {
    const before = await rowCounts(t.db, VOLATILE_TABLES);
    await run();
    const changed = changedTables(before, await rowCounts(t.db, VOLATILE_TABLES));
    expect({ batch: name, changed }).toEqual({ batch: name, changed: [] });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }

  it('has a caller for every route that takes input, and a schema for every JSON body', () => {
    const withInput = routes.filter((r) => r.body || r.pathParams.length || Object.keys(r.query).length);
    expect(withInput.filter((r) => !CALLERS[r.key]).map((r) => r.key)).toEqual([]);
    const jsonRoutes = routes.filter((r) => r.body);
    expect(jsonRoutes.length).toBeGreaterThanOrEqual(35);
    expect(
      jsonRoutes.filter((r) => r.bodyName === null && !FREE_FORM_BODIES.has(r.key)).map((r) => r.key),
    ).toEqual([]);
  });

  it('declares a bound for every string a request may carry (so a huge value is certainly invalid)', () => {
    const unbounded: string[] = [];
    const visit = (where: string, s: Schema) => {
      if (
        s.type === 'string' &&
        !s.enum &&
        s.maxLength === undefined &&
        !['uuid', 'date-time'].includes(s.format ?? '')
      ) {
        unbounded.push(where);
      }
    };
    for (const name of new Set(routes.map((r) => r.bodyName).filter(Boolean))) {
      const schema = doc.components.schemas[name!];
      for (const [prop, s] of Object.entries(schema.properties ?? {})) visit(`${name}.${prop}`, s);
    }
    for (const r of routes) for (const [q, s] of Object.entries(r.query)) visit(`${r.key}?${q}`, s);
    expect(unbounded).toEqual([]);
  });

  it('refuses every hostile JSON body of every route with a 4xx, storing nothing', async () => {
    const jsonRoutes = routes.filter((r) => r.body);
    let seed = SEED;
    for (const route of jsonRoutes) {
      const categories = hostileBodies(route.bodyName === null ? {} : route.body!, doc);
      if (route.bodyName === null) delete categories.wrongType; // no declared fields to mistype
      for (const [category, arbitrary] of Object.entries(categories)) {
        const runs = category === 'overLimit' || category === 'overMax' ? 2 : RUNS;
        await batch(`${route.key} ${category}`, () =>
          fc.assert(
            fc.asyncProperty(arbitrary, async (payload) => {
              const res = await send(route, urlOf(route), payload);
              check(`${route.key} ${payload.kind}`, res, payload.status, payload.field);
            }),
            { numRuns: runs, seed: seed++, endOnFailure: true },
          ),
        );
      }
    }
  }, 120_000);

  it('refuses hostile query strings on every list route with a 400 naming the parameter', async () => {
    const queryRoutes = routes.filter((r) => Object.keys(r.query).length);
    expect(queryRoutes.length).toBeGreaterThanOrEqual(8);
    let seed = SEED + 1000;
    for (const route of queryRoutes) {
      const params = Object.entries(route.query);
      const wrongValue = (s: Schema): fc.Arbitrary<string> => {
        if (s.enum)
          return fc
            .oneof(fc.constantFrom(...UNICODE_EDGES), fc.string({ minLength: 1 }))
            .filter((v) => !s.enum!.includes(v) && !v.includes('\0'));
        if (s.type === 'number')
          return fc.constantFrom('abc', '1e400', '-5', '0', '101', '1.5', '0x10', ' ', '[]', String(2 ** 53));
        if (s.format === 'uuid')
          return fc
            .oneof(
              fc.constantFrom('1', "' OR 1=1--", '00000000-0000-4000-8000-00000000000g', ...UNICODE_EDGES),
              fc.string({ minLength: 1, maxLength: 40 }),
            )
            .filter((v) => !/^[0-9a-f-]{36}$/i.test(v) && !v.includes('\0'));
        if (s.format === 'date-time')
          return fc.constantFrom('yesterday', '2026-13-45T99:99:99Z', '1e10', "'; DROP TABLE audit_log;--");
        if (s.format === 'email')
          return fc.constantFrom('not-an-email', '@', 'a@', `${'a'.repeat(400)}@example.test`);
        return fc.integer({ min: 1, max: 3000 }).map((extra) => 'q'.repeat((s.maxLength ?? 8000) + extra));
      };
      const attacks = fc.oneof(
        fc
          .constantFrom(...params)
          .chain(([name, s]) => wrongValue(s).map((v) => ({ query: `${name}=${encode(v)}`, field: name }))),
        // The same parameter twice arrives as a list.
        fc.constantFrom(...params).map(([name]) => ({ query: `${name}=1&${name}=2`, field: name })),
        fc.constantFrom(...params).map(([name]) => ({ query: `${name}=%00`, field: name })),
        fc
          .tuple(fc.constantFrom(...params), fc.constantFrom(...RAW_BYTES))
          .map(([[name], raw]) => ({ query: `${name}=${encode(raw)}`, field: undefined })),
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((k) => !route.query[k] && /^[\w.[\]-]+$/.test(k))
          .map((k) => ({ query: `${encodeURIComponent(k)}=1`, field: undefined })),
      );
      await batch(`${route.key} query`, () =>
        fc.assert(
          fc.asyncProperty(attacks, async ({ query, field }) => {
            const res = await send(route, `${urlOf(route)}?${query}`);
            check(`${route.key}?${query.slice(0, 80)}`, res, [400], field);
          }),
          { numRuns: RUNS * 2, seed: seed++, endOnFailure: true },
        ),
      );
    }
  }, 60_000);

  it('refuses hostile path parameters on every route with a 4xx', async () => {
    const paramRoutes = routes.filter((r) => r.pathParams.length);
    let seed = SEED + 2000;
    const hostile = fc.oneof(
      fc.constantFrom(
        'not-a-uuid',
        '1',
        '-1',
        "' OR '1'='1",
        '../../etc/passwd',
        '..%2F..%2F',
        '%00',
        '\u0000',
        ' ',
        'null',
        '{}',
        '00000000-0000-4000-8000-00000000000Z',
      ),
      fc.constantFrom(...UNICODE_EDGES, ...RAW_BYTES),
      // Past Fastify's 100-character limit on a parameter too (414).
      fc.integer({ min: 37, max: 400 }).map((n) => 'z'.repeat(n)),
    );
    for (const route of paramRoutes) {
      await batch(`${route.key} path`, () =>
        fc.assert(
          fc.asyncProperty(fc.constantFrom(...route.pathParams), hostile, async (name, value) => {
            const body = route.body ? JSON.stringify({}) : undefined;
            const res = await send(
              route,
              urlOf(route, { name, value }),
              body === undefined
                ? undefined
                : { kind: 'path', body, contentType: 'application/json', status: [] },
            );
            check(`${route.key} ${name}=${JSON.stringify(value).slice(0, 40)}`, res, [400, 404, 410, 414]);
          }),
          { numRuns: RUNS, seed: seed++, endOnFailure: true },
        ),
      );
    }
  }, 60_000);

  describe('the socket routes', () => {
    const ascii = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      maxLength: 200,
    });
    /** Error lines the app logged (pino level 50 and up): a hostile payload must never cause one. */
    const errorLines = () => t.logs.lines.filter((l) => /"level":(50|60)/.test(l));

    /** A handshake with anything in its token, cookie and Origin; resolves with how it ended. */
    function handshake(token: unknown, cookie: string, origin?: string): Promise<string> {
      const socket = io(t.baseUrl as string, {
        transports: ['websocket'],
        reconnection: false,
        auth: { token },
        extraHeaders: { cookie: `${SESSION_COOKIE}=${cookie}`, ...(origin === undefined ? {} : { origin }) },
      });
      return new Promise((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (e) => resolve(e.message));
      }).finally(() => socket.close()) as Promise<string>;
    }

    it('refuses every hostile handshake as unauthorized or from a foreign origin, never failing inside', async () => {
      const errors = errorLines().length;
      const token = fc.oneof(fc.anything({ maxDepth: 2 }), fc.constantFrom(...UNICODE_EDGES), ascii);
      await batch('socket handshakes', () =>
        fc.assert(
          fc.asyncProperty(token, ascii, fc.option(ascii), async (tok, cookie, origin) => {
            payloadsTried++;
            const outcome = await handshake(tok, cookie, origin ?? undefined);
            expect(['unauthorized', 'origin not allowed']).toContain(outcome);
          }),
          { numRuns: RUNS * 15, seed: SEED + 3000, endOnFailure: true },
        ),
      );
      expect(errorLines().slice(errors)).toEqual([]);
    });

    it('ignores hostile payloads on every client event, as a customer and as staff, changing nothing', async () => {
      const errors = errorLines().length;
      const observerSocket = await connect(t.baseUrl as string, { bearer: w.engineer2.auth });
      const observer = new Inbox(observerSocket);
      expect(await observerSocket.emitWithAck('ticket.watch', ids.ticket)).toEqual({ ok: true });
      const callers = { customer: w.a1, staff: w.engineer };
      const sockets: Record<string, ClientSocket> = {};
      const inboxes: Inbox[] = [observer];
      for (const [who, account] of Object.entries(callers)) {
        sockets[who] = await connect(t.baseUrl as string, { bearer: account.auth });
        inboxes.push(new Inbox(sockets[who]));
      }
      // A well-formed round trip after each payload: the server read it, is alive, and kept the socket.
      const alive = async (socket: ClientSocket) => {
        expect(socket.connected).toBe(true);
        expect(await socket.timeout(5000).emitWithAck('ticket.watch', 'not-a-ticket')).toEqual({ ok: false });
      };
      const emitAny = (socket: ClientSocket) => (event: string, args: unknown[]) =>
        (socket.emit as (e: string, ...a: unknown[]) => void)(event, ...args);

      let seed = SEED + 4000;
      for (const [who, socket] of Object.entries(sockets)) {
        for (const event of CLIENT_SOCKET_EVENTS) {
          await batch(`socket ${event} as ${who}`, () =>
            fc.assert(
              fc.asyncProperty(hostileSocketArgs(ids.ticket), async (args) => {
                payloadsTried++;
                if (event === 'ticket.watch') {
                  const ack = await (
                    socket.timeout(5000).emitWithAck as (e: string, ...a: unknown[]) => Promise<unknown>
                  )(event, ...args);
                  expect(ack).toEqual({ ok: false });
                } else {
                  emitAny(socket)(event, args);
                }
                await alive(socket);
              }),
              { numRuns: RUNS * 10, seed: seed++, endOnFailure: true },
            ),
          );
        }
        // Events only the server sends, or that nobody handles: dropped, never passed on.
        for (const event of FOREIGN_EVENTS) {
          payloadsTried++;
          emitAny(socket)(event, [{ ticketId: ids.ticket, body: 'forged by a client', present: [] }]);
          await alive(socket);
        }
      }
      // Packets no client library writes: the server may close that socket, and nothing else happens.
      for (const packet of MALFORMED_PACKETS) {
        payloadsTried++;
        const socket = await connect(t.baseUrl as string, { bearer: w.engineer.auth });
        (socket.io.engine as unknown as { write: (p: string) => void }).write(packet);
        await settle(100);
        socket.close();
        const fresh = await connect(t.baseUrl as string, { bearer: w.engineer.auth });
        await alive(fresh);
        fresh.close();
      }
      await settle();
      const heard = JSON.stringify(inboxes.map((i) => i.events));
      expect(heard).not.toContain('forged by a client');
      expect(inboxes.flatMap((i) => i.of('exception'))).toEqual([]);
      // Nobody but the observer ever showed up watching the ticket.
      const presentUsers = observer
        .of<{ present: { userId: string }[] }>('ticket.presence')
        .flatMap((p) => p.present.map((e) => e.userId));
      expect([...new Set(presentUsers)]).toEqual([w.engineer2.id]);
      expect(errorLines().slice(errors)).toEqual([]);
      for (const socket of [observerSocket, ...Object.values(sockets)]) socket.close();
    }, 120_000);
  });

  it('answers every hostile request only with statuses and bodies the OpenAPI document declares', () => {
    process.stdout.write(conformance.summary('hostile-input'));
    expect(conformance.checked).toBeGreaterThan(0);
    expect(conformance.problems).toEqual([]);
  });

  it('still answers normally after all of it', async () => {
    await t.http().get('/api/health').expect(200);
    const list = await t.http().get('/api/tickets').set('authorization', w.engineer.auth).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(ids.ticket);
    await t
      .http()
      .post('/api/tickets')
      .set('authorization', w.a2.auth)
      .send({ type: 'service_request', subject: 'New starter', description: 'A handset for desk 4' })
      .expect(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(failures).toEqual([]);
  });
});
