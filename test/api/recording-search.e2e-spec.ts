import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * `POST /api/recordings/search`: the DPO finds calls to place a legal hold on by the caller's
 * number (in any format people write it), a ticket or a person, within dates. The number travels
 * in the body, never in a URL; each search is audited with what it found, not the number.
 */
describe('finding recordings to hold', () => {
  let t: TestApp;
  let w: World;
  let ticketId: string;
  let ticketReference: string;
  const ids: Record<string, string> = {};

  const logCall = async (name: string, callerNumber: string, startedAt: string, extra: object = {}) => {
    const res = await t
      .http()
      .post('/api/recordings')
      .set('authorization', w.engineer.auth)
      .send({ callerNumber, direction: 'inbound', startedAt, durationSeconds: 60, ...extra })
      .expect(201);
    ids[name] = res.body.id as string;
  };
  const search = (body: object, auth = w.dpo.auth) =>
    t.http().post('/api/recordings/search').set('authorization', auth).send(body);
  const found = (res: { body: { items: { id: string }[] } }) => res.body.items.map((item) => item.id);

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', w.a1.auth)
      .send({ type: 'fault', subject: 'Calls drop', description: 'Calls drop after a minute.' })
      .expect(201);
    ticketId = ticket.body.id;
    ticketReference = ticket.body.reference;
    await logCall('march', '07700 900123', '2026-03-03T09:15:00Z');
    await logCall('marchLate', '+447700900123', '2026-03-03T23:30:00Z'); // still 3 March in London (GMT)
    await logCall('april', '07700900123', '2026-04-10T10:00:00Z', { ticketId });
    await logCall('other', '07700 900999', '2026-03-03T10:00:00Z', { personId: w.a2.personId });
  });
  afterAll(() => t.close());

  it.each([['0044-7700-900-123'], ['+44 (0)7700 900 123'], ['07700.900.123'], ['(07700) 900123']])(
    'finds every call from %s, newest first, with the number in clear for the DPO',
    async (number) => {
      const res = await search({ number }).expect(200);
      expect(found(res)).toEqual([ids.april, ids.marchLate, ids.march]);
      expect(res.body.items[0]).toMatchObject({ callerNumber: '+447700900123', ticketReference, hold: null });
      expect(res.body.items[1].ticketReference).toBeNull();
    },
  );

  it('narrows to calls between two dates, each a whole day in London', async () => {
    const res = await search({ number: '07700 900123', from: '2026-03-03', to: '2026-03-03' }).expect(200);
    expect(found(res)).toEqual([ids.marchLate, ids.march]);
    const april = await search({ number: '07700 900123', from: '2026-04-01' }).expect(200);
    expect(found(april)).toEqual([ids.april]);
  });

  it('finds a ticket’s calls by its reference, and a person’s calls', async () => {
    expect(found(await search({ ticket: ticketReference }).expect(200))).toEqual([ids.april]);
    expect(found(await search({ ticket: ticketId }).expect(200))).toEqual([ids.april]);
    expect(found(await search({ personId: w.a2.personId }).expect(200))).toEqual([ids.other]);
  });

  it('pages through the results with a cursor', async () => {
    const first = await search({ number: '07700 900123', limit: 2 }).expect(200);
    expect(found(first)).toEqual([ids.april, ids.marchLate]);
    const second = await search({ number: '07700 900123', limit: 2, cursor: first.body.nextCursor }).expect(
      200,
    );
    expect(found(second)).toEqual([ids.march]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('refuses a search with nothing to search by, or a number nobody could dial, naming the field', async () => {
    expect((await search({ from: '2026-03-01' }).expect(400)).body.message).toMatch(/number/);
    const bad = await search({ number: 'call me maybe' }).expect(400);
    expect(bad.body.message).toMatch(/number.*not a recognisable phone number/);
    expect((await search({ number: '07700 900123', from: 'March' }).expect(400)).body.message).toMatch(
      /from/,
    );
    // A day that the calendar does not have is bad input too, not a database error.
    for (const from of ['2026-02-31', '2026-04-31', '2025-02-29']) {
      expect((await search({ number: '07700 900123', from }).expect(400)).body.message).toMatch(/from/);
    }
    expect((await search({ number: '07700 900123', to: '2026-02-30' }).expect(400)).body.message).toMatch(
      /to/,
    );
    expect((await search({ ticket: 'HD-not-a-ref' }).expect(400)).body.message).toMatch(/ticket/);
    expect(
      (await search({ number: '07700 900123', from: '2026-04-02', to: '2026-04-01' }).expect(400)).body
        .message,
    ).toMatch(/to/);
  });

  it('is for the DPO only', async () => {
    await search({ number: '07700 900123' }, w.engineer.auth).expect(403);
    await search({ number: '07700 900123' }, w.a1.auth).expect(403);
    await search({ number: '07700 900123' }, w.admin.auth).expect(403);
  });

  it('records each search in the audit trail: what it found, not the number', async () => {
    await search({ number: '0044 7700 900 999' }).expect(200);
    const { rows } = await t.db.query(
      "SELECT actor_id, fields, details FROM audit_log WHERE action = 'recording.search' ORDER BY seq DESC LIMIT 1",
    );
    expect(rows[0]).toMatchObject({
      actor_id: w.dpo.id,
      fields: ['recording.callerNumber'],
      details: { searchedBy: ['number'], found: 1, recordingIds: [ids.other] },
    });
    expect(JSON.stringify(rows[0])).not.toMatch(/7700|900\s?999/);
  });
});
