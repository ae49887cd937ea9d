import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * How a requester's identity was checked must fit how the request came in: "signed in to the
 * portal" is only true of a portal request, never of one the DPO recorded from an email, a call
 * or a letter.
 */
describe('verification methods by channel', () => {
  let t: TestApp;
  let w: World;

  const create = async (channel: string) =>
    (
      await t
        .http()
        .post('/api/dsar')
        .set('authorization', w.dpo.auth)
        .send({ kind: 'access', subject: { email: `someone.${channel}@example.test` }, channel })
        .expect(201)
    ).body.id as string;
  const verify = (id: string, method: string) =>
    t.http().post(`/api/dsar/${id}/verify`).set('authorization', w.dpo.auth).send({ method });

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it.each([['email'], ['phone'], ['post']])(
    'refuses “signed in to the portal” for a request by %s, naming the method, and changes nothing',
    async (channel) => {
      const id = await create(channel);
      const res = await verify(id, 'signed_in').expect(400);
      expect(res.body.message).toMatch(/method/);
      expect(res.body.message).toMatch(/portal/);
      const { rows } = await t.db.query(
        'SELECT status, verification_method FROM dsar_requests WHERE id = $1',
        [id],
      );
      expect(rows[0]).toEqual({ status: 'received', verification_method: null });
      await verify(id, 'known_contact_details').expect(200);
    },
  );
});
