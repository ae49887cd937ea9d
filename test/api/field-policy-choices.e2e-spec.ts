import { DataSource } from 'typeorm';
import { FieldCollectionChoices1796344054111 } from '../../apps/api/src/database/migrations/1796344054111-FieldCollectionChoices';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

interface FieldView {
  field: string;
  label: string;
  collection: string;
  collections: string[];
  purposes: string[];
  storedValues: number;
}

/**
 * The field-policy registry tells the DPO console which collection choices each field allows (the
 * console offers only those), refuses the others in words a person understands, and counts the
 * stored values of every field, caller numbers and attachment names included.
 */
describe('field policy choices and counts', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const fields = async (auth = w.dpo.auth) =>
    (await t.http().get('/api/privacy/fields').set('authorization', auth).expect(200)).body as FieldView[];
  const patch = (field: string, body: object) =>
    t.http().patch(`/api/privacy/fields/${field}`).set('authorization', w.dpo.auth).send(body);

  it('says which collection values each field allows', async () => {
    const byField = Object.fromEntries((await fields(w.admin.auth)).map((f) => [f.field, f.collections]));
    expect(byField).toEqual({
      'person.fullName': ['required', 'optional'],
      'person.email': ['required'],
      'person.phone': ['optional', 'off'],
      'person.jobTitle': ['optional', 'off'],
      'person.employer': ['optional', 'off'],
      'person.workAddress': ['optional', 'off'],
      'person.imHandle': ['optional', 'off'],
      'ticket.contactPhone': ['optional', 'off'],
      'recording.callerNumber': ['required'],
      'attachment.fileName': ['required'],
    });
  });

  it('accepts every choice it offers', async () => {
    for (const f of await fields()) {
      for (const collection of f.collections) {
        const body =
          collection === 'off'
            ? { collection }
            : { collection, purposes: f.purposes.length ? f.purposes : ['a purpose'] };
        await patch(f.field, body).expect(200);
      }
      await patch(f.field, {
        collection: f.collection,
        purposes: f.purposes.length ? f.purposes : ['a purpose'],
      }).expect(200);
    }
  });

  it.each([
    [
      'person.phone',
      'required',
      /^Phone number cannot be required: people may choose not to give it\. Choose Optional or Not collected\.$/,
    ],
    ['person.email', 'off', /^Email address is always collected: it is how people sign in\.$/],
    [
      'recording.callerNumber',
      'off',
      /^Caller number is always collected: a call arrives with its number\. Limit who sees it and how long it is kept instead\.$/,
    ],
    [
      'attachment.fileName',
      'optional',
      /^Attachment file name is always collected: a file arrives with its name\. Limit who sees it and how long it is kept instead\.$/,
    ],
  ])('refuses %s as %s, in words for people', async (field, collection, message) => {
    const res = await patch(field, { collection }).expect(400);
    expect(res.body.fields.collection).toHaveLength(1);
    expect(res.body.fields.collection[0]).toMatch(message);
    expect(res.body.message).toMatch(message);
    expect(res.body.message).not.toMatch(/person\.|recording\.|attachment\.|collection /);
  });

  it('counts stored caller numbers and attachment names', async () => {
    const before = Object.fromEntries((await fields()).map((f) => [f.field, f.storedValues]));
    for (const n of ['07700 900001', '07700 900002']) {
      await t
        .http()
        .post('/api/recordings')
        .set('authorization', w.engineer.auth)
        .send({
          callerNumber: n,
          direction: 'inbound',
          startedAt: new Date(Date.now() - 60_000).toISOString(),
          durationSeconds: 9,
        })
        .expect(201);
    }
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', w.a1.auth)
      .send({ type: 'fault', subject: 'Router', description: 'Lights off.' })
      .expect(201);
    await t
      .http()
      .post(`/api/tickets/${ticket.body.id}/attachments`)
      .set('authorization', w.a1.auth)
      .attach('file', Buffer.from('log\n'), 'router.log')
      .expect(201);
    const after = Object.fromEntries((await fields()).map((f) => [f.field, f.storedValues]));
    expect(after['recording.callerNumber']).toBe(before['recording.callerNumber'] + 2);
    expect(after['recording.callerNumber']).toBe(
      (await t.db.query('SELECT count(*)::int AS n FROM recordings')).rows[0].n,
    );
    expect(after['attachment.fileName']).toBe(1);
  });

  it('an earlier override a field cannot honour falls back to the default on upgrade', async () => {
    await t.db.query(
      `INSERT INTO field_policy_overrides (field, patch) VALUES
         ('attachment.fileName', '{"collection": "off", "purposes": [], "masking": "name"}'),
         ('person.fullName', '{"collection": "off"}'),
         ('person.phone', '{"collection": "off"}')
       ON CONFLICT (field) DO UPDATE SET patch = EXCLUDED.patch`,
    );
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      await new FieldCollectionChoices1796344054111().up(runner);
    } finally {
      await runner.release();
    }
    const { rows } = await t.db.query(
      "SELECT field, patch FROM field_policy_overrides WHERE field IN ('attachment.fileName', 'person.fullName', 'person.phone') ORDER BY field",
    );
    expect(rows).toEqual([
      { field: 'attachment.fileName', patch: { masking: 'name' } },
      { field: 'person.fullName', patch: {} },
      { field: 'person.phone', patch: { collection: 'off' } },
    ]);
  });
});
