import type { DsarItem } from '@hushdesk/api-client';
import type { Role } from '@hushdesk/contracts';
import { connect, Inbox, settle, type ClientSocket } from '../support/sockets';
import { createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';
import { waitForDsar } from '../support/dsar';

/**
 * "Hidden" must mean hidden on every path a value leaves the API by, and "masked" masked: the
 * ticket's contact phone, a recording's caller number and an attachment's file name, through
 * reads, reveals, lists, socket events, downloads, share-safe copies and the DSAR review.
 */
describe('field policies apply on every read path', () => {
  let t: TestApp;
  let w: World;
  let ticketId: string;
  const CONTACT = '07700 900321';
  const SECRET_NAME = 'Alex-Morgan-disciplinary-notes.txt';

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    w = await buildWorld(t);
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', w.a1.auth)
      .send({
        type: 'fault',
        subject: 'No dial tone',
        description: 'Handset is dead.',
        contactPhone: CONTACT,
      })
      .expect(201);
    ticketId = ticket.body.id;
  });
  afterAll(() => t.close());

  const setVisibility = async (
    field: string,
    visibility: Partial<Record<Role, string>>,
    masking?: string,
  ) => {
    const current = (
      await t.http().get('/api/privacy/fields').set('authorization', w.dpo.auth).expect(200)
    ).body.find((f: { field: string }) => f.field === field);
    await t
      .http()
      .patch(`/api/privacy/fields/${field}`)
      .set('authorization', w.dpo.auth)
      .send({ visibility: { ...current.visibility, ...visibility }, ...(masking ? { masking } : {}) })
      .expect(200);
  };
  const upload = (auth: string, name: string, body = 'notes\n') =>
    t
      .http()
      .post(`/api/tickets/${ticketId}/attachments`)
      .set('authorization', auth)
      .attach('file', Buffer.from(body), name)
      .expect(201);
  const attachments = async (auth: string) =>
    (await t.http().get(`/api/tickets/${ticketId}/attachments`).set('authorization', auth).expect(200))
      .body as { id: string; fileName: string }[];

  describe('ticket.contactPhone', () => {
    it('hidden: the ticket reveal answers 403 like the person reveal, and nothing is audited', async () => {
      await setVisibility('ticket.contactPhone', { engineer: 'hidden' });
      const ticket = await t
        .http()
        .get(`/api/tickets/${ticketId}`)
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(ticket.body.contactPhone).toBeNull();
      const before = (
        await t.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.reveal'")
      ).rows[0].n;
      const res = await t
        .http()
        .post(`/api/tickets/${ticketId}/reveal`)
        .set('authorization', w.engineer.auth)
        .send({ field: 'contactPhone', reason: 'calling the customer back' })
        .expect(403);
      expect(JSON.stringify(res.body)).not.toContain('900321');
      expect(res.body.message).toMatch(/contactPhone is not visible to your role/);
      const after = (
        await t.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.reveal'")
      ).rows[0].n;
      expect(after).toBe(before);
      // The requester still sees their own number, and the DPO reveals it.
      const own = await t.http().get(`/api/tickets/${ticketId}`).set('authorization', w.a1.auth).expect(200);
      expect(own.body.contactPhone).toBe('+447700900321');
      await t
        .http()
        .post(`/api/tickets/${ticketId}/reveal`)
        .set('authorization', w.dpo.auth)
        .send({ field: 'contactPhone', reason: 'checking the ticket' })
        .expect(200);
    });

    it('masked: the reveal works and is audited', async () => {
      await setVisibility('ticket.contactPhone', { engineer: 'masked' });
      const ticket = await t
        .http()
        .get(`/api/tickets/${ticketId}`)
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(ticket.body.contactPhone).toBe('••••• ••• 321');
      const reveals = async () =>
        (
          await t.db.query(
            "SELECT fields, reason FROM audit_log WHERE action = 'person.reveal' AND actor_id = $1 ORDER BY seq",
            [w.engineer.id],
          )
        ).rows as { fields: string[]; reason: string }[];
      const before = (await reveals()).length;
      const res = await t
        .http()
        .post(`/api/tickets/${ticketId}/reveal`)
        .set('authorization', w.engineer.auth)
        .send({ field: 'contactPhone', reason: 'calling the customer back' })
        .expect(200);
      expect(res.body).toEqual({ field: 'contactPhone', value: '+447700900321' });
      const after = await reveals();
      expect(after).toHaveLength(before + 1);
      expect(after[after.length - 1]).toEqual({
        fields: ['ticket.contactPhone'],
        reason: 'calling the customer back',
      });
    });

    it('hidden: the number appears in no list, search result or socket event', async () => {
      await setVisibility('ticket.contactPhone', { engineer: 'hidden' });
      const socket: ClientSocket = await connect(t.baseUrl as string, { bearer: w.engineer.auth });
      const inbox = new Inbox(socket);
      try {
        const created = await t
          .http()
          .post('/api/tickets')
          .set('authorization', w.a1.auth)
          .send({
            type: 'fault',
            subject: 'Line noise',
            description: 'Crackling.',
            contactPhone: '07700 900322',
          })
          .expect(201);
        await t
          .http()
          .patch(`/api/tickets/${created.body.id}`)
          .set('authorization', w.engineer.auth)
          .send({ status: 'open' })
          .expect(200);
        await inbox.waitFor('ticket.updated');
        await settle(100);
        const seen = JSON.stringify([
          inbox.events,
          (await t.http().get('/api/tickets').set('authorization', w.engineer.auth).expect(200)).body,
          (await t.http().get('/api/tickets?q=noise').set('authorization', w.engineer.auth).expect(200)).body,
          (
            await t
              .http()
              .get(`/api/tickets/${created.body.id}`)
              .set('authorization', w.engineer.auth)
              .expect(200)
          ).body,
        ]);
        expect(seen).not.toMatch(/900322|900 322|•••/);
      } finally {
        socket.close();
      }
    });
  });

  describe('recording.callerNumber', () => {
    it('hidden: no caller number in a logged call, its list, or the import report', async () => {
      await setVisibility('recording.callerNumber', { engineer: 'hidden' });
      const logged = await t
        .http()
        .post('/api/recordings')
        .set('authorization', w.engineer.auth)
        .send({
          callerNumber: '01632 960777',
          direction: 'inbound',
          startedAt: new Date(Date.now() - 3_600_000).toISOString(),
          durationSeconds: 40,
          ticketId,
        })
        .expect(201);
      expect(logged.body).not.toHaveProperty('callerNumber');
      const list = await t
        .http()
        .get(`/api/recordings?ticketId=${ticketId}`)
        .set('authorization', w.engineer.auth)
        .expect(200);
      const report = await t
        .http()
        .post('/api/recordings/import')
        .set('authorization', w.engineer.auth)
        .set('content-type', 'text/csv')
        .send(
          `call_id,caller_number,direction,started_at,duration_seconds,ticket_reference,notes\nx1,01632 960778,inbound,${new Date(Date.now() - 7_200_000).toISOString()},30,,`,
        )
        .expect(200);
      expect(JSON.stringify([logged.body, list.body, report.body])).not.toMatch(/960777|960778|•••/);
      const dpo = await t
        .http()
        .get(`/api/recordings/${logged.body.id}`)
        .set('authorization', w.dpo.auth)
        .expect(200);
      expect(dpo.body.callerNumber).toBe('+441632960777');
    });
  });

  describe('attachment.fileName', () => {
    it('hidden: engineers and customers get a neutral name in lists and downloads; the uploader and the DPO see it', async () => {
      await setVisibility('attachment.fileName', { engineer: 'hidden', customer: 'hidden' });
      const staffUpload = await upload(w.engineer.auth, SECRET_NAME);
      // The uploader sees their own file's name, like a person sees their own data.
      expect(staffUpload.body.fileName).toBe(SECRET_NAME);

      for (const who of [w.engineer2, w.a1]) {
        const listed = (await attachments(who.auth)).find((a) => a.id === staffUpload.body.id);
        expect(listed?.fileName).toMatch(/^attachment-[0-9a-f]{8}\.txt$/);
        const dl = await t
          .http()
          .get(`/api/tickets/${ticketId}/attachments/${staffUpload.body.id}`)
          .set('authorization', who.auth)
          .expect(200);
        expect(dl.headers['content-disposition']).toBe(
          `attachment; filename="${listed?.fileName}"; filename*=UTF-8''${listed?.fileName}`,
        );
      }
      const dpo = (await attachments(w.dpo.auth)).find((a) => a.id === staffUpload.body.id);
      expect(dpo?.fileName).toBe(SECRET_NAME);
    });

    it('hidden: the share-safe copy carries no trace of the name either', async () => {
      await setVisibility('attachment.fileName', { engineer: 'hidden', customer: 'hidden' });
      const staffUpload = await upload(w.engineer.auth, SECRET_NAME);
      const copy = await t
        .http()
        .get(`/api/tickets/${ticketId}/attachments/${staffUpload.body.id}/share-safe`)
        .set('authorization', w.engineer2.auth)
        .expect(200);
      expect(copy.body.fileName).toMatch(/^share-safe-attachment-[0-9a-f]{8}\.txt$/);
    });

    it('masked: the masking style, keeping the extension', async () => {
      await setVisibility('attachment.fileName', { engineer: 'masked' }, 'full');
      const staffUpload = await upload(w.engineer.auth, SECRET_NAME);
      const listed = await attachments(w.engineer2.auth);
      expect(listed.find((a) => a.id === staffUpload.body.id)?.fileName).toBe('•••••.txt');
      expect(new Set(listed.map((a) => a.fileName))).toEqual(new Set(['•••••.txt']));
    });

    it('by default a customer sees the names of their own uploads only', async () => {
      await setVisibility('attachment.fileName', { engineer: 'clear', customer: 'hidden' }, 'full');
      const own = await upload(w.a1.auth, 'my-router-photo-notes.txt');
      const listed = await attachments(w.a1.auth);
      expect(listed.find((a) => a.id === own.body.id)?.fileName).toBe('my-router-photo-notes.txt');
      expect(JSON.stringify(listed)).not.toMatch(/Alex|Morgan|disciplinary/);
      // Engineers see every name in clear by default.
      const staff = await attachments(w.engineer2.auth);
      expect(staff.map((a) => a.fileName)).toEqual(
        expect.arrayContaining([SECRET_NAME, 'my-router-photo-notes.txt']),
      );
    });

    it('hidden from the DPO: the DSAR review shows no file name', async () => {
      const created = await t
        .http()
        .post('/api/dsar')
        .set('authorization', w.dpo.auth)
        .send({ kind: 'access', subject: { personId: w.a1.personId } })
        .expect(201);
      const id = created.body.id;
      await t
        .http()
        .post(`/api/dsar/${id}/verify`)
        .set('authorization', w.dpo.auth)
        .send({ method: 'id_document' })
        .expect(200);
      await t.http().post(`/api/dsar/${id}/collect`).set('authorization', w.dpo.auth).expect(202);
      await waitForDsar(t, w.dpo.auth, id, (d) => d.status !== 'collecting' && d.status !== 'verified');
      await setVisibility('attachment.fileName', { dpo: 'hidden' });
      const items = (
        await t.http().get(`/api/dsar/${id}/items?limit=100`).set('authorization', w.dpo.auth).expect(200)
      ).body.items as DsarItem[];
      const files = items.filter((i) => i.type === 'attachment');
      expect(files.length).toBeGreaterThan(0);
      expect(JSON.stringify(files.map((f) => f.title))).not.toMatch(/Alex|Morgan|disciplinary|my-router/);
      for (const f of files) expect(f.title).toMatch(/: attachment-[0-9a-f]{8}\.txt$/);
      await setVisibility('attachment.fileName', { dpo: 'clear' });
    });
  });

  describe('share-safe copies of attachments', () => {
    const NAMES = [
      'Greta Globex 07700900555 greta.globex@example.com.txt',
      'greta_globex-07700-900-555.txt',
      '0044-7700-900-555_Greta-Globex.txt',
      'Greta.Globex (07700) 900555.log',
    ];

    beforeAll(async () => {
      await createUser(t, 'customer', {
        fullName: 'Greta Globex',
        email: 'greta.globex@example.com',
        organisationId: w.orgB,
      });
      await setVisibility('attachment.fileName', { engineer: 'clear' });
    });

    it.each(NAMES)(
      'scrubs every identifier from the name of %s, in the JSON and the download',
      async (name) => {
        const uploaded = await upload(w.engineer.auth, name, 'Greta Globex called from 07700 900555.\n');
        const url = `/api/tickets/${ticketId}/attachments/${uploaded.body.id}/share-safe`;
        const copy = await t.http().get(url).set('authorization', w.engineer2.auth).expect(200);
        const dl = await t
          .http()
          .get(`${url}?format=text`)
          .set('authorization', w.engineer2.auth)
          .expect(200);
        expect(dl.headers['content-type']).toMatch(/^text\/plain/);
        expect(dl.text).toBe(copy.body.text);
        const disposition = dl.headers['content-disposition'];
        expect(disposition).toMatch(/^attachment; filename="share-safe-/);
        for (const shown of [
          copy.body.fileName,
          copy.body.text,
          disposition,
          decodeURIComponent(disposition),
        ]) {
          expect(shown).not.toMatch(/greta|globex|07700|7700|900555|900-555|example\.com/i);
        }
        expect(copy.body.fileName).toMatch(/^share-safe-.*\.(txt|log)$/);
      },
    );

    it('keeps what is not personal, so the vendor still knows what the file is', async () => {
      const uploaded = await upload(w.engineer.auth, 'router-syslog Greta Globex.txt');
      const copy = await t
        .http()
        .get(`/api/tickets/${ticketId}/attachments/${uploaded.body.id}/share-safe`)
        .set('authorization', w.engineer2.auth)
        .expect(200);
      expect(copy.body.fileName).toBe('share-safe-router-syslog [name].txt');
    });
  });
});
