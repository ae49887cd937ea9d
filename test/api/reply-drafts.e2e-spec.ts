import type { DsarItem } from '@hushdesk/api-client';
import { RetentionService } from '../../apps/api/src/retention/retention.service';
import { findInDatabase } from '../support/db-scan';
import { waitForDsar } from '../support/dsar';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * Reply drafts: one per engineer and ticket, seen by their author alone, gone after the
 * `reply_drafts` retention period; a data-subject request finds the drafts about a person and
 * erasure leaves none of them.
 */
describe('reply drafts', () => {
  let t: TestApp;
  let w: World;
  let ticketId: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    ticketId = (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.a1.auth)
        .send({ type: 'fault', subject: 'Router down', description: 'Lights off.' })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  const url = (id = ticketId) => `/api/tickets/${id}/draft`;
  const get = async (auth: string, id = ticketId) =>
    (await t.http().get(url(id)).set('authorization', auth).expect(200)).body;
  const save = (auth: string, body: string, visibility = 'public', id = ticketId) =>
    t.http().put(url(id)).set('authorization', auth).send({ body, visibility });

  it('keeps each engineer’s draft for them alone', async () => {
    expect(await get(w.engineer.auth)).toEqual({
      body: '',
      visibility: 'public',
      savedAt: null,
      expiresAt: null,
      files: [],
    });
    const saved = (await save(w.engineer.auth, 'Half a **reply**', 'internal').expect(200)).body;
    expect(saved).toMatchObject({ body: 'Half a **reply**', visibility: 'internal' });
    expect(Date.parse(saved.expiresAt) - Date.parse(saved.savedAt)).toBe(30 * 86_400_000);
    expect(await get(w.engineer.auth)).toEqual(saved);
    expect((await get(w.engineer2.auth)).body).toBe('');
    expect((await get(w.admin.auth)).body).toBe('');
    // Saving again replaces it: one draft per engineer and ticket.
    await save(w.engineer.auth, 'A whole reply').expect(200);
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM reply_drafts WHERE ticket_id = $1', [
      ticketId,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('deletes a draft when emptied or deleted', async () => {
    await save(w.engineer2.auth, 'Something').expect(200);
    await save(w.engineer2.auth, '   ').expect(200);
    expect((await get(w.engineer2.auth)).savedAt).toBeNull();
    await save(w.engineer2.auth, 'Again').expect(200);
    await t.http().delete(url()).set('authorization', w.engineer2.auth).expect(204);
    expect((await get(w.engineer2.auth)).body).toBe('');
  });

  it('refuses customers and the DPO, unknown tickets, and bad input naming the field', async () => {
    await t.http().get(url()).set('authorization', w.a1.auth).expect(403);
    await save(w.a1.auth, 'x').expect(403);
    await save(w.dpo.auth, 'x').expect(403);
    await save(w.engineer.auth, 'x', 'public', '00000000-0000-4000-8000-000000000000').expect(404);
    const bad = await save(w.engineer.auth, 'x', 'everyone').expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['visibility']);
    const long = await save(w.engineer.auth, 'x'.repeat(20_001)).expect(400);
    expect(Object.keys(long.body.fields)).toEqual(['body']);
  });

  it('stops serving a draft after the retention period, and the retention run deletes it', async () => {
    const user = await createUser(t, 'engineer', { fullName: 'Old Drafts' });
    const auth = await bearerFor(t, user.email);
    await save(auth, 'Forgotten').expect(200);
    await t.db.query(`UPDATE reply_drafts SET saved_at = now() - interval '31 days' WHERE user_id = $1`, [
      user.id,
    ]);
    expect((await get(auth)).body).toBe('');
    const report = await t.app.get(RetentionService).runNow(null, false);
    expect(report.replyDrafts?.deleted).toBe(1);
    const { rows } = await t.db.query('SELECT 1 FROM reply_drafts WHERE user_id = $1', [user.id]);
    expect(rows).toEqual([]);
  });

  describe('data-subject requests', () => {
    const SUBJECT = { name: 'Priya Raman', email: 'priya.raman@drafts.example', phone: '07700 900777' };
    let subject: { id: string; personId: string; auth: string };
    let theirTicket: string;
    let otherTicket: string;

    beforeAll(async () => {
      const user = await createUser(t, 'customer', {
        fullName: SUBJECT.name,
        email: SUBJECT.email,
        organisationId: w.orgA,
      });
      subject = { ...user, auth: await bearerFor(t, user.email) };
      theirTicket = (
        await t
          .http()
          .post('/api/tickets')
          .set('authorization', subject.auth)
          .send({ type: 'fault', subject: 'Phone dead', description: 'No tone.' })
          .expect(201)
      ).body.id;
      otherTicket = ticketId;
      // On their ticket; on someone else's naming them; and one that is not about them at all.
      await save(w.engineer.auth, 'Thanks, we will call you back.', 'public', theirTicket).expect(200);
      await save(
        w.engineer2.auth,
        `Note: ${SUBJECT.name} (${SUBJECT.email}) reported the same fault.`,
        'internal',
        otherTicket,
      ).expect(200);
      await save(w.admin.auth, 'Nothing about anyone.', 'internal', otherTicket).expect(200);
    });

    const dpo = () => t.http();
    const request = async (kind: string) => {
      const created = await dpo()
        .post('/api/dsar')
        .set('authorization', w.dpo.auth)
        .send({ kind, subject: { personId: subject.personId }, channel: 'email' })
        .expect(201);
      await dpo()
        .post(`/api/dsar/${created.body.id}/verify`)
        .set('authorization', w.dpo.auth)
        .send({ method: 'known_contact_details' })
        .expect(200);
      return created.body.id as string;
    };

    it('collects the drafts on their tickets and the drafts naming them, and no others', async () => {
      const id = await request('access');
      await dpo().post(`/api/dsar/${id}/collect`).set('authorization', w.dpo.auth).expect(202);
      await waitForDsar(t, w.dpo.auth, id);
      const items = (
        await dpo().get(`/api/dsar/${id}/items?limit=100`).set('authorization', w.dpo.auth).expect(200)
      ).body.items as DsarItem[];
      const drafts = items.filter((i) => i.type === 'reply_draft');
      expect(drafts.map((d) => [d.ticketId, d.foundBy.sort()]).sort()).toEqual(
        [
          [theirTicket, ['in_their_ticket']],
          [otherTicket, ['mention:email', 'mention:name']],
        ].sort(),
      );
      expect(drafts.every((d) => d.title.startsWith('Unsent '))).toBe(true);
      expect(drafts.some((d) => /support staff/.test(d.title))).toBe(true);
    });

    it('erasure deletes them and leaves no trace of the person in drafts', async () => {
      const id = await request('erasure');
      const preview = await dpo()
        .get(`/api/dsar/${id}/erasure-preview`)
        .set('authorization', w.dpo.auth)
        .expect(200);
      expect(
        preview.body.erase.find((e: { what: string }) => e.what.startsWith('Unsent reply drafts'))?.count,
      ).toBe(2);
      const res = await dpo()
        .post(`/api/dsar/${id}/erase`)
        .set('authorization', w.dpo.auth)
        .send({ confirmation: preview.body.confirmationPhrase })
        .expect(200);
      expect(
        res.body.actions.find((a: { action: string }) => a.action === 'Unsent reply drafts deleted')?.count,
      ).toBe(2);
      for (const needle of [SUBJECT.email, SUBJECT.name, 'Priya']) {
        const hits = await findInDatabase(t.db, needle);
        expect({ needle, hits: hits.filter((h) => h.startsWith('reply_drafts.')) }).toEqual({
          needle,
          hits: [],
        });
      }
      const { rows } = await t.db.query('SELECT body FROM reply_drafts ORDER BY body');
      expect(rows.map((r) => r.body)).toContain('Nothing about anyone.');
      expect(rows.filter((r) => r.body.includes('will call you back'))).toEqual([]);
    });
  });
});
