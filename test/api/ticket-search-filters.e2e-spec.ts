import { createUser, bearerFor, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * Search with the queue's filters, and names that two people share: a customer named like a
 * member of staff finds nothing through that name, and a name hidden from a role finds nothing
 * for it. (tickets.e2e-spec covers equipment, organisation and requester names on their own.)
 */
describe('searching tickets with filters and shared names', () => {
  let t: TestApp;
  let w: World;
  let namesake: { id: string; auth: string };
  let byNamesake: string;
  let assignedToSam: string;
  let urgent: string;
  let waiting: string;

  const create = async (auth: string, body: object): Promise<string> =>
    (await t.http().post('/api/tickets').set('authorization', auth).send(body).expect(201)).body.id;
  const search = async (auth: string, query: Record<string, string>) =>
    (await t.http().get('/api/tickets').query(query).set('authorization', auth).expect(200)).body as {
      items: { id: string }[];
      counts: Record<string, number>;
    };
  const ids = async (auth: string, query: Record<string, string>) =>
    (await search(auth, query)).items.map((i) => i.id).sort();
  const nameSeenAs = (visibility: Record<string, string>) =>
    t
      .http()
      .patch('/api/privacy/fields/person.fullName')
      .set('authorization', w.dpo.auth)
      .send({
        visibility: { customer: 'clear', engineer: 'clear', dpo: 'clear', admin: 'clear', ...visibility },
      })
      .expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    // The world's engineer is Sam Patel; so is this customer of Globex.
    const user = await createUser(t, 'customer', { fullName: 'Sam Patel', organisationId: w.orgB });
    namesake = { id: user.id, auth: await bearerFor(t, user.email) };
    byNamesake = await create(namesake.auth, {
      type: 'fault',
      subject: 'Router down',
      description: 'No lights.',
    });
    assignedToSam = await create(w.a1.auth, {
      type: 'fault',
      subject: 'Fax silent',
      description: 'No tone.',
    });
    await t
      .http()
      .patch(`/api/tickets/${assignedToSam}`)
      .set('authorization', w.engineer.auth)
      .send({ assigneeId: w.engineer.id })
      .expect(200);

    const equipment = { assetTag: 'ACM-9001', model: 'Polycom VVX 411' };
    urgent = await create(w.a1.auth, {
      type: 'fault',
      subject: 'Reception handset dead',
      description: 'Nothing at all.',
      priority: 'P1',
      equipment,
    });
    waiting = await create(w.a2.auth, {
      type: 'fault',
      subject: 'Boardroom handset crackles',
      description: 'On every call.',
      priority: 'P4',
      equipment,
    });
    await t
      .http()
      .patch(`/api/tickets/${waiting}`)
      .set('authorization', w.engineer.auth)
      .send({ status: 'pending_customer', assigneeId: w.engineer.id })
      .expect(200);
  });
  afterAll(() => t.close());

  it('narrows a search with every filter the queue has, and counts what it found', async () => {
    const auth = w.engineer.auth;
    expect(await ids(auth, { q: 'VVX' })).toEqual([urgent, waiting].sort());
    expect(await ids(auth, { q: 'VVX', priority: 'P1' })).toEqual([urgent]);
    expect(await ids(auth, { q: 'VVX', status: 'pending_customer' })).toEqual([waiting]);
    expect(await ids(auth, { q: 'VVX', assigneeId: 'me' })).toEqual([waiting]);
    expect(await ids(auth, { q: 'VVX', assigneeId: 'unassigned' })).toEqual([urgent]);
    expect(await ids(auth, { q: 'VVX', requesterId: w.a2.id })).toEqual([waiting]);
    expect(await ids(auth, { q: 'VVX', organisationId: w.orgA })).toEqual([urgent, waiting].sort());
    expect(await ids(auth, { q: 'VVX', organisationId: w.orgB })).toEqual([]);
    expect(await ids(auth, { q: 'Acme Telecom', priority: 'P4' })).toEqual([waiting]);
    expect(await ids(auth, { q: 'ACM-9001', sla: 'breached' })).toEqual([]);
    const { counts } = await search(auth, { q: 'VVX' });
    expect(counts).toMatchObject({ new: 1, pending_customer: 1, open: 0 });
  });

  it('keeps a customer’s filtered search inside what they may see', async () => {
    expect(await ids(w.a1.auth, { q: 'VVX' })).toEqual([urgent]); // a2's is not shared with a1
    expect(await ids(w.a1.auth, { q: 'VVX', status: 'pending_customer' })).toEqual([]);
    expect(await ids(w.b1.auth, { q: 'VVX' })).toEqual([]);
    await t
      .http()
      .get('/api/tickets')
      .query({ q: 'VVX', priority: 'P9' })
      .set('authorization', w.a1.auth)
      .expect(400);
  });

  it('finds a requester by name, never a ticket by its assignee’s name', async () => {
    // Staff find the customer called Sam Patel, not the tickets the engineer Sam Patel works on.
    expect(await ids(w.engineer.auth, { q: 'Sam Patel' })).toEqual([byNamesake]);
    expect(await ids(w.dpo.auth, { q: 'Patel' })).toEqual([byNamesake]);
    // A customer searching the engineer's name finds neither their own assigned ticket nor the namesake's.
    expect(await ids(w.a1.auth, { q: 'Sam Patel' })).toEqual([]);
    expect(await ids(namesake.auth, { q: 'Sam Patel' })).toEqual([byNamesake]); // their own name
  });

  it('finds nothing by a name the caller’s role sees hidden or masked', async () => {
    try {
      await nameSeenAs({ engineer: 'hidden' });
      expect(await ids(w.engineer.auth, { q: 'Sam Patel' })).toEqual([]);
      expect(await ids(w.engineer.auth, { q: 'Sam Patel', organisationId: w.orgB })).toEqual([]);
      expect(await ids(w.dpo.auth, { q: 'Sam Patel' })).toEqual([byNamesake]);
      // What the engineer may see of the ticket still finds it; its name stays out of the answer.
      const found = await search(w.engineer.auth, { q: 'Router', organisationId: w.orgB });
      expect(found.items.map((i) => i.id)).toEqual([byNamesake]);
      expect(JSON.stringify(found)).not.toContain('Sam Patel');

      await nameSeenAs({ engineer: 'masked' });
      expect(await ids(w.engineer.auth, { q: 'Patel' })).toEqual([]);
      await nameSeenAs({ customer: 'hidden' });
      expect(await ids(w.b1.auth, { q: 'Sam Patel' })).toEqual([]);
      expect(await ids(namesake.auth, { q: 'Sam Patel' })).toEqual([byNamesake]);
    } finally {
      await nameSeenAs({});
    }
  });
});
