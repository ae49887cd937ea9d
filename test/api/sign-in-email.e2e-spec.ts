import { findInDatabase } from '../support/db-scan';
import { createUser, TEST_PASSWORD, bearerFor, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * A person's own sign-in email: changing it needs the current password, and goes to the DPO as a
 * rectification request, so the answer never says whether another account has the address.
 */
describe('changing one’s own sign-in email', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());
  beforeEach(() => t.db.query('DELETE FROM login_throttle'));

  const patch = (auth: string, personId: string, body: object) =>
    t.http().patch(`/api/people/${personId}`).set('authorization', auth).send(body);
  const emailOf = async (personId: string) =>
    (await t.db.query('SELECT email FROM people WHERE id = $1', [personId])).rows[0].email as string;

  it('needs the current password: 400 naming currentPassword, nothing changed', async () => {
    const res = await patch(w.a1.auth, w.a1.personId, { email: 'alice.new@example.test' }).expect(400);
    expect(res.body.fields).toEqual({
      currentPassword: ['Enter your current password to change the email you sign in with.'],
    });
    expect(await emailOf(w.a1.personId)).toBe(w.a1.email);
  });

  it('refuses to clear one’s own sign-in email with a 400 naming email, nothing changed', async () => {
    const res = await patch(w.a1.auth, w.a1.personId, { email: null, jobTitle: 'Buyer' }).expect(400);
    expect(res.body.fields).toEqual({ email: ['The email you sign in with cannot be removed.'] });
    expect(await emailOf(w.a1.personId)).toBe(w.a1.email);
    const { rows } = await t.db.query('SELECT job_title FROM people WHERE id = $1', [w.a1.personId]);
    expect(rows[0].job_title).not.toBe('Buyer');
  });

  it('refuses a wrong current password, counting it towards the sign-in limits', async () => {
    const user = await createUser(t, 'customer');
    const auth = await bearerFor(t, user.email);
    for (let i = 0; i < 10; i++) {
      const res = await patch(auth, user.personId, {
        email: `guess.${i}@example.test`,
        currentPassword: `guess number ${i}`,
      }).expect(400);
      expect(res.body.fields).toEqual({ currentPassword: ['This is not your current password.'] });
    }
    // The eleventh is slowed, even with the right password, and so is signing in from here.
    const slowed = await patch(auth, user.personId, {
      email: 'real.new@example.test',
      currentPassword: TEST_PASSWORD,
    }).expect(429);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
    expect(await emailOf(user.personId)).toBe(user.email);
  });

  it('answers the same 202 for a free and a taken address, recording a rectification request for the DPO', async () => {
    const user = await createUser(t, 'customer', { fullName: 'Casey Morrow' });
    const auth = await bearerFor(t, user.email);
    const free = await patch(auth, user.personId, {
      email: 'casey.morrow.new@example.test',
      currentPassword: TEST_PASSWORD,
    }).expect(202);
    const taken = await patch(auth, user.personId, {
      email: w.b1.email, // another organisation's customer has it
      currentPassword: TEST_PASSWORD,
    }).expect(202);

    const shape = (body: { emailChange: Record<string, unknown> }) => ({
      ...body,
      emailChange: { ...body.emailChange, id: 'id', reference: 'ref', dueAt: 'due' },
    });
    expect(shape(taken.body)).toEqual(shape(free.body));
    expect(Object.keys(taken.headers).sort()).toEqual(Object.keys(free.headers).sort());
    expect(free.body.emailChange).toEqual({
      id: expect.any(String),
      reference: expect.stringMatching(/^DSAR-\d{6}$/),
      status: 'verified',
      dueAt: expect.any(String),
    });
    expect(JSON.stringify(taken.body)).not.toContain(w.b1.email);
    // Nothing changed yet: the DPO applies it.
    expect(await emailOf(user.personId)).toBe(user.email);
    await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);

    const { rows } = await t.db.query(
      `SELECT kind, status, channel, subject_person_id, requester_user_id, verification_method, details
         FROM dsar_requests WHERE id = $1`,
      [free.body.emailChange.id],
    );
    expect(rows[0]).toEqual({
      kind: 'rectification',
      status: 'verified',
      channel: 'portal',
      subject_person_id: user.personId,
      requester_user_id: user.id,
      verification_method: 'signed_in',
      details: 'Please change the email address I sign in with.',
    });

    // The DPO sees the request, with the address as a structured change her form starts from,
    // applies it, and only she learns of a conflict.
    const dpoView = await t
      .http()
      .get(`/api/dsar/${free.body.emailChange.id}`)
      .set('authorization', w.dpo.auth);
    expect(dpoView.body.requestedChanges).toEqual({ email: 'casey.morrow.new@example.test' });
    const conflict = await t
      .http()
      .post(`/api/dsar/${taken.body.emailChange.id}/rectify`)
      .set('authorization', w.dpo.auth)
      .send({ changes: { email: w.b1.email } })
      .expect(409);
    expect(conflict.body.message).toBe('This email is already in use');
    await t
      .http()
      .post(`/api/dsar/${free.body.emailChange.id}/rectify`)
      .set('authorization', w.dpo.auth)
      .send({ changes: { email: 'casey.morrow.new@example.test' } })
      .expect(200);
    expect(await emailOf(user.personId)).toBe('casey.morrow.new@example.test');
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'casey.morrow.new@example.test', password: TEST_PASSWORD })
      .expect(200);
  });

  it('holds the asked-for address once, shows it to the requester, and erasure leaves no trace of it', async () => {
    const user = await createUser(t, 'customer', { fullName: 'Quinn Avery' });
    const auth = await bearerFor(t, user.email);
    const asked = await patch(auth, user.personId, {
      email: 'Quinn.Pending@example.test',
      currentPassword: TEST_PASSWORD,
    }).expect(202);
    const own = await t.http().get(`/api/dsar/${asked.body.emailChange.id}`).set('authorization', auth);
    expect(own.body.requestedChanges).toEqual({ email: 'quinn.pending@example.test' });
    expect(await findInDatabase(t.db, 'quinn.pending')).toEqual(['dsar_requests.requested_changes']);

    // Before the DPO applies it, they ask to be erased.
    const erasure = await t.http().post('/api/dsar').set('authorization', auth).send({ kind: 'erasure' });
    const preview = await t
      .http()
      .get(`/api/dsar/${erasure.body.id}/erasure-preview`)
      .set('authorization', w.dpo.auth)
      .expect(200);
    const receipt = await t
      .http()
      .post(`/api/dsar/${erasure.body.id}/erase`)
      .set('authorization', w.dpo.auth)
      .send({ confirmation: preview.body.confirmationPhrase })
      .expect(200);
    expect(receipt.body.rescan.remaining).toBe(0);
    expect(await findInDatabase(t.db, 'quinn.pending')).toEqual([]);
    const after = await t
      .http()
      .get(`/api/dsar/${asked.body.emailChange.id}`)
      .set('authorization', w.dpo.auth)
      .expect(200);
    expect(after.body.requestedChanges).toBeNull();
  });

  it('saves the other contact fields at once, self-service, beside the email request', async () => {
    const user = await createUser(t, 'customer');
    const auth = await bearerFor(t, user.email);
    const res = await patch(auth, user.personId, {
      fullName: 'Robin Hale',
      phone: '07700 900321',
      email: 'robin.hale@example.test',
      currentPassword: TEST_PASSWORD,
    }).expect(202);
    expect(res.body.person).toMatchObject({
      fullName: 'Robin Hale',
      phone: '+447700900321',
      email: user.email,
    });
    const { rows } = await t.db.query('SELECT full_name, phone, email FROM people WHERE id = $1', [
      user.personId,
    ]);
    expect(rows[0]).toEqual({ full_name: 'Robin Hale', phone: '+447700900321', email: user.email });
  });

  it('keeps other contact fields self-service with no password, and an unchanged email is no change', async () => {
    const user = await createUser(t, 'customer');
    const auth = await bearerFor(t, user.email);
    const res = await patch(auth, user.personId, {
      phone: '07700 900654',
      email: user.email.toUpperCase(),
    }).expect(200);
    expect(res.body).toMatchObject({ phone: '+447700900654', email: user.email });
    const { rows } = await t.db.query(
      'SELECT count(*)::int AS n FROM dsar_requests WHERE requester_user_id = $1',
      [user.id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('sends a staff member’s own change to the DPO too', async () => {
    const engineer = await createUser(t, 'engineer');
    const auth = await bearerFor(t, engineer.email);
    await patch(auth, engineer.personId, { email: 'eng.new@example.test' }).expect(400);
    const res = await patch(auth, engineer.personId, {
      email: 'eng.new@example.test',
      currentPassword: TEST_PASSWORD,
    }).expect(202);
    expect(res.body.emailChange.reference).toMatch(/^DSAR-/);
    expect(await emailOf(engineer.personId)).toBe(engineer.email);
  });

  it('keeps the DPO’s and an admin’s rectification of someone else as it was: applied, with the conflict shown', async () => {
    const user = await createUser(t, 'customer');
    await patch(w.dpo.auth, user.personId, { email: w.a2.email }).expect(409);
    await patch(w.admin.auth, user.personId, { email: 'renamed.by.admin@example.test' }).expect(200);
    expect(await emailOf(user.personId)).toBe('renamed.by.admin@example.test');
  });
});
