import type {
  DsarDetail,
  DsarItem,
  ErasurePreview,
  ErasureReceipt,
  TicketSummary,
} from '@hushdesk/api-client';
import { unzipSync } from 'fflate';
import type { Response } from 'superagent';
import { DsarErasureRescan } from '../../apps/api/src/dsar/erasure/dsar-erasure-rescan.service';
import { asBuffer, wav } from '../support/files';
import { logCallWithAudio } from '../support/recordings';
import { connect, Inbox } from '../support/sockets';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';
import { waitForDsar } from '../support/dsar';

/**
 * Who a request is about (never a staff account, never by a name alone against a strong
 * identifier), and everything the subject gave us: their tickets' contact phones, the numbers they
 * wrote, the calls on their tickets. Erasure finds all of it, in any format, in anyone's text.
 */
describe('data-subject requests: who the subject is, and what they gave us', () => {
  let t: TestApp;
  let w: World;

  const as = (auth: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('authorization', auth).send(body),
    patch: (url: string, body: object) => t.http().patch(url).set('authorization', auth).send(body),
  });
  const dpo = () => as(w.dpo.auth);
  const engineer = () => as(w.engineer.auth);

  async function customer(fullName: string, email: string, organisationId: string) {
    const user = await createUser(t, 'customer', { fullName, email, organisationId });
    return { ...user, auth: await bearerFor(t, email) };
  }

  const until = (id: string, done: (d: DsarDetail) => boolean) => waitForDsar(t, w.dpo.auth, id, done);

  async function verified(body: object): Promise<string> {
    const created = await dpo().post('/api/dsar', body).expect(201);
    await dpo().post(`/api/dsar/${created.body.id}/verify`, { method: 'id_document' }).expect(200);
    return created.body.id;
  }

  async function collected(id: string): Promise<DsarDetail> {
    await dpo().post(`/api/dsar/${id}/collect`).expect(202);
    return until(id, (d) => d.status !== 'collecting');
  }

  async function items(id: string): Promise<DsarItem[]> {
    const res: Response = await dpo().get(`/api/dsar/${id}/items?limit=100`).expect(200);
    return res.body.items as DsarItem[];
  }

  /** A customer's own erasure request from the portal, erased by the DPO; returns the receipt. */
  async function erase(
    auth: string,
  ): Promise<{ id: string; preview: ErasurePreview; receipt: ErasureReceipt }> {
    const created = await as(auth).post('/api/dsar', { kind: 'erasure' }).expect(201);
    const preview = (await dpo().get(`/api/dsar/${created.body.id}/erasure-preview`).expect(200))
      .body as ErasurePreview;
    const res = await dpo()
      .post(`/api/dsar/${created.body.id}/erase`, { confirmation: preview.confirmationPhrase })
      .expect(200);
    return { id: created.body.id as string, preview, receipt: res.body as ErasureReceipt };
  }

  const count = (list: { action?: string; what?: string; count: number }[], prefix: string) =>
    list.find((a) => (a.action ?? a.what ?? '').startsWith(prefix))?.count;

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    w = await buildWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('binding a request to a person', () => {
    it('does not bind a postal request to the DPO by her name when the email given matches nobody', async () => {
      // The world's DPO is Priya Shah; nobody has this address.
      const created = await dpo()
        .post('/api/dsar', {
          kind: 'access',
          channel: 'post',
          subject: { email: 'priya.shah@acme.example', fullName: 'Priya Shah' },
        })
        .expect(201);
      const id = created.body.id as string;
      const intake = await dpo().get(`/api/dsar/${id}`).expect(200);
      expect(intake.body.subjectPersonId).toBeNull();

      await dpo().post(`/api/dsar/${id}/verify`, { method: 'id_document' }).expect(200);
      const asked = await collected(id);
      expect(asked.status).toBe('needs_subject');
      expect(asked.subjectPersonId).toBeNull();
      expect(asked.candidates).toEqual([
        expect.objectContaining({ personId: w.dpo.personId, matchedBy: ['fullName'], accountRole: 'dpo' }),
      ]);

      // The DPO says it is nobody on record: the subject is only mentioned.
      await dpo().post(`/api/dsar/${id}/subject`, { nobody: true }).expect(202);
      const done = await until(id, (d) => d.status !== 'collecting');
      expect(done).toMatchObject({ status: 'in_review', subjectPersonId: null });
      expect(done.counts).toMatchObject({ contact: 0, accounts: 0 });
      const found = await items(id);
      expect(found.map((i) => i.type)).not.toContain('account');
      expect(found.map((i) => i.type)).not.toContain('contact');
      expect(JSON.stringify(found)).not.toMatch(/Account \(dpo/);

      // Collecting again keeps the DPO's decision.
      const again = await collected(id);
      expect(again).toMatchObject({ status: 'in_review', subjectPersonId: null });
    });

    it('never chooses a staff account by itself, even one matched uniquely by name or by email', async () => {
      const byName = await verified({ kind: 'access', subject: { fullName: 'Nia Okafor' } });
      const nameAsked = await collected(byName);
      expect(nameAsked.status).toBe('needs_subject');
      expect(nameAsked.candidates).toEqual([
        expect.objectContaining({
          personId: w.engineer2.personId,
          matchedBy: ['fullName'],
          accountRole: 'engineer',
        }),
      ]);
      // Confirmed by the DPO, it is bound.
      await dpo().post(`/api/dsar/${byName}/subject`, { personId: w.engineer2.personId }).expect(202);
      const confirmed = await until(byName, (d) => d.status !== 'collecting');
      expect(confirmed).toMatchObject({ status: 'in_review', subjectPersonId: w.engineer2.personId });

      const byEmail = await verified({ kind: 'access', subject: { email: w.admin.email } });
      const emailAsked = await collected(byEmail);
      expect(emailAsked.status).toBe('needs_subject');
      expect(emailAsked.candidates).toEqual([
        expect.objectContaining({ personId: w.admin.personId, matchedBy: ['email'], accountRole: 'admin' }),
      ]);
    });

    it('binds a customer matched uniquely by name, or by email, without asking', async () => {
      const byName = await verified({ kind: 'access', subject: { fullName: 'alice archer' } });
      expect((await dpo().get(`/api/dsar/${byName}`).expect(200)).body.subjectPersonId).toBe(w.a1.personId);
      expect(await collected(byName)).toMatchObject({ status: 'in_review', subjectPersonId: w.a1.personId });
      const byEmail = await verified({
        kind: 'access',
        subject: { email: w.b1.email, fullName: 'Bella Brook' },
      });
      expect(await collected(byEmail)).toMatchObject({
        status: 'in_review',
        subjectPersonId: w.b1.personId,
      });
    });

    it('takes one choice: a candidate or nobody, naming the field otherwise', async () => {
      const id = await verified({ kind: 'access', subject: { fullName: 'Sam Patel' } });
      await collected(id);
      const neither = await dpo().post(`/api/dsar/${id}/subject`, {}).expect(400);
      expect(neither.body.fields).toHaveProperty('personId');
      const both = await dpo()
        .post(`/api/dsar/${id}/subject`, { personId: w.engineer.personId, nobody: true })
        .expect(400);
      expect(both.body.fields).toHaveProperty('nobody');
      const stranger = await dpo().post(`/api/dsar/${id}/subject`, { personId: w.a1.personId }).expect(400);
      expect(stranger.body.fields).toHaveProperty('personId');
    });
  });

  describe('calls on the subject’s own tickets', () => {
    it('collects the calls on her ticket (from the contact phone she gave, and from any number) with audio, and erases them', async () => {
      // Her person record has no phone; she gave one on the ticket.
      const cara = await customer('Cara Finch', 'cara.finch@acme-telecom.test', w.orgA);
      const ticket = await as(cara.auth)
        .post('/api/tickets', {
          type: 'fault',
          subject: 'Line drops every hour',
          description: 'The office line drops every hour on the hour.',
          contactPhone: '07700 900456',
        })
        .expect(201);
      const at = new Date(Date.now() - 3_600_000).toISOString();
      const fromHer = await logCallWithAudio(
        t,
        w.engineer.auth,
        {
          callerNumber: '07700 900456',
          direction: 'inbound',
          startedAt: at,
          durationSeconds: 95,
          ticketId: ticket.body.id,
        } as never,
        wav(),
      );
      const fromDesk = await logCallWithAudio(
        t,
        w.engineer.auth,
        {
          callerNumber: '+44 20 7946 0321',
          direction: 'outbound',
          startedAt: at,
          durationSeconds: 40,
          ticketId: ticket.body.id,
        } as never,
        wav(),
      );

      const access = await as(cara.auth).post('/api/dsar', { kind: 'access' }).expect(201);
      const detail = await collected(access.body.id);
      expect(detail.counts?.recordings).toBe(2);
      const calls = (await items(access.body.id)).filter((i) => i.type === 'recording');
      expect(calls.map((c) => c.sourceId).sort()).toEqual([fromHer, fromDesk].sort());
      const package_ = await dpo().get(`/api/dsar/${access.body.id}/export?format=json`).expect(200);
      const exported = JSON.stringify(package_.body);
      expect(exported).toContain('+447700900456');
      expect(exported.match(/"hasAudio":true/g)).toHaveLength(2);
      expect(exported).not.toContain('+442079460321');

      const { preview, receipt } = await erase(cara.auth);
      expect(count(preview.erase, 'Call recordings')).toBe(2);
      expect(count(receipt.actions, 'Call recordings and audio deleted')).toBe(2);
      expect(receipt.rescan.remaining).toBe(0);
      const left = await t.db.query('SELECT id FROM recordings WHERE id = ANY($1)', [[fromHer, fromDesk]]);
      expect(left.rows).toEqual([]);
    });
    it('collects someone else’s ticket that gives the subject’s number as its contact phone, and erases the number', async () => {
      // The number is on Ezra's record.
      const ezra = await customer('Ezra Quill', 'ezra.quill@acme-telecom.test', w.orgA);
      await as(ezra.auth).patch(`/api/people/${ezra.personId}`, { phone: '07700 900468' }).expect(200);
      // A colleague logs a fault for Alice and, as the person to call, writes Ezra's number in another format.
      const forAlice = await engineer()
        .post('/api/tickets', {
          type: 'fault',
          subject: 'Desk phone dead',
          description: 'No dial tone on the desk phone.',
          requesterId: w.a1.id,
          contactPhone: '+44 (0)7700 900 468',
        })
        .expect(201);

      const access = await as(ezra.auth).post('/api/dsar', { kind: 'access' }).expect(201);
      await collected(access.body.id);
      const tickets = (await items(access.body.id)).filter((i) => i.type === 'ticket');
      expect(tickets.map((i) => i.sourceId)).toContain(forAlice.body.id);

      const { receipt } = await erase(ezra.auth);
      expect(receipt.rescan.remaining).toBe(0);
      const row = await t.db.query('SELECT contact_phone FROM tickets WHERE id = $1', [forAlice.body.id]);
      expect(row.rows[0].contact_phone).toBeNull();
    });
  });

  describe('file names that name the subject', () => {
    it('collects files elsewhere whose names name her, renames them on erasure, and the rescan reads names', async () => {
      const gwen = await customer('Gwen Larkspur', 'gwen.larkspur@acme-telecom.test', w.orgA);
      await as(gwen.auth).patch(`/api/people/${gwen.personId}`, { phone: '07700 900482' }).expect(200);
      // Staff files on Alice's ticket, named after Gwen: her name with underscores, her number with hyphens.
      const other = await engineer()
        .post('/api/tickets', {
          type: 'fault',
          subject: 'Switch port flapping',
          description: 'Port 12 flaps every few minutes.',
          requesterId: w.a1.id,
        })
        .expect(201);
      const upload = (name: string, bytes: Buffer) =>
        t
          .http()
          .post(`/api/tickets/${other.body.id}/attachments`)
          .set('authorization', w.engineer.auth)
          .attach('file', bytes, name)
          .expect(201);
      const notes = await upload('Gwen_Larkspur-site-visit.txt', Buffer.from('Port 12 replaced.\n'));
      const call = await upload('call-07700-900-482.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
      const plain = await upload('port-12-photo-notes.txt', Buffer.from('Nothing personal.\n'));

      const access = await as(gwen.auth).post('/api/dsar', { kind: 'access' }).expect(201);
      await collected(access.body.id);
      const files = (await items(access.body.id))
        .filter((i) => i.type === 'attachment')
        .map((i) => i.sourceId);
      expect(files).toEqual(expect.arrayContaining([notes.body.id, call.body.id]));
      expect(files).not.toContain(plain.body.id);
      // Alice's PDF is listed in Gwen's package (its name names her), but the file itself stays Alice's.
      const zip = await dpo()
        .get(`/api/dsar/${access.body.id}/export?format=zip`)
        .buffer(true)
        .parse(asBuffer)
        .expect(200);
      const entries = Object.keys(unzipSync(new Uint8Array(zip.body as Buffer)));
      expect(entries.filter((e) => e.startsWith('attachments/'))).toEqual([
        expect.stringMatching(/\.txt\.redacted\.txt$/),
      ]);
      const data = JSON.parse(
        Buffer.from(unzipSync(new Uint8Array(zip.body as Buffer))['data.json']).toString('utf8'),
      ) as { items: { type: string; file: string | null; record: { fileName?: string } }[] };
      const pdf = data.items.find((i) => i.type === 'attachment' && i.record.fileName?.endsWith('.pdf'));
      expect(pdf).toMatchObject({ file: null });

      const { preview, receipt } = await erase(gwen.auth);
      expect(count(preview.erase, 'Attachments elsewhere')).toBe(2);
      expect(receipt.rescan.remaining).toBe(0);
      const names = await t.db.query(
        'SELECT id, file_name FROM attachments WHERE id = ANY($1) ORDER BY file_name',
        [[notes.body.id, call.body.id, plain.body.id]],
      );
      const byId = new Map(names.rows.map((r: { id: string; file_name: string }) => [r.id, r.file_name]));
      expect(byId.get(notes.body.id)).toBe('[name]-site-visit.txt');
      expect(byId.get(call.body.id)).toBe('call-[phone].pdf');
      expect(byId.get(plain.body.id)).toBe('port-12-photo-notes.txt');
      // The file still downloads, under its new name.
      const res = await t
        .http()
        .get(`/api/tickets/${other.body.id}/attachments/${notes.body.id}`)
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(res.headers['content-disposition']).not.toMatch(/Gwen|Larkspur/i);
    });
  });

  describe('the numbers the subject wrote, in every format', () => {
    const FORMATS = [
      '07700 900777',
      '0044-7700-900-777',
      '+44 (0)7700 900 777',
      '07700-900-777',
      '07700 900 777',
      '07700.900.777',
      '+447700900777',
      '0 7 7 0 0 9 0 0 7 7 7',
      '0 7700 900 777',
    ];

    it('erases the number she wrote (not on her record) from anyone’s text, and the rescan finds none left', async () => {
      const devon = await customer('Devon Marsh', 'devon.marsh@acme-telecom.test', w.orgA);
      const own = await as(devon.auth)
        .post('/api/tickets', {
          type: 'fault',
          subject: 'Voicemail not working',
          description: `Contact me on ${devon.email} or 07700 900777`,
        })
        .expect(201);
      await engineer()
        .post(`/api/tickets/${own.body.id}/messages`, {
          body: 'Called 0044-7700-900-777, no answer; try +44 (0)7700 900 777 after lunch.',
          visibility: 'internal',
        })
        .expect(201);
      await engineer()
        .post(`/api/tickets/${own.body.id}/messages`, {
          body: 'We will ring you on 07700-900-777 tomorrow.',
          visibility: 'public',
        })
        .expect(201);
      // Someone else's ticket, in another organisation, that mentions nothing else of hers.
      const other = await as(w.b1.auth)
        .post('/api/tickets', {
          type: 'service_request',
          subject: 'Supplier contact',
          description: 'The supplier’s engineer is on 07700.900.777 (or 0 7 7 0 0 9 0 0 7 7 7).',
        })
        .expect(201);
      // A form the open-ended detector rightly refuses (an id word before it): found by its digits.
      const refNote = await engineer()
        .post(`/api/tickets/${other.body.id}/messages`, {
          body: 'Old system ref 07700 900 777, kept for the record.',
          visibility: 'internal',
        })
        .expect(201);
      const call = await engineer()
        .post('/api/recordings', {
          callerNumber: '+44 20 7946 0999',
          direction: 'inbound',
          startedAt: new Date(Date.now() - 60_000).toISOString(),
          durationSeconds: 30,
          ticketId: other.body.id,
          notes: 'Caller passed on +447700900777 and 0 7700 900 777 for the supplier.',
        })
        .expect(201);
      const file = await t
        .http()
        .post(`/api/tickets/${other.body.id}/attachments`)
        .set('authorization', w.b1.auth)
        .attach('file', Buffer.from('escalation: 07700 900 777\n'), 'escalation.txt')
        .expect(201);
      const unrelated = await dpo()
        .post('/api/dsar', {
          kind: 'access',
          subject: { email: w.b1.email },
          details: 'Asked by phone; she said a colleague on 07700-900-777 may call too.',
        })
        .expect(201);

      const { receipt } = await erase(devon.auth);
      expect(receipt.rescan.remaining).toBe(0);

      const ownTicket = await engineer().get(`/api/tickets/${own.body.id}`).expect(200);
      expect(ownTicket.body.description).toBe('Contact me on [email] or [phone]');
      const thread = await engineer().get(`/api/tickets/${own.body.id}/messages`).expect(200);
      const bodies = (thread.body.items as { id: string; body: string }[]).map((m) => m.body);
      expect(bodies).toEqual(
        expect.arrayContaining([
          'Called [phone], no answer; try [phone] after lunch.',
          'We will ring you on [phone] tomorrow.',
        ]),
      );
      const otherTicket = await engineer().get(`/api/tickets/${other.body.id}`).expect(200);
      expect(otherTicket.body.description).toBe('The supplier’s engineer is on [phone] (or [phone]).');
      const otherThread = await engineer().get(`/api/tickets/${other.body.id}/messages`).expect(200);
      expect(otherThread.body.items.find((m: { id: string }) => m.id === refNote.body.id).body).toBe(
        'Old system ref [phone], kept for the record.',
      );
      const notes = await engineer().get(`/api/recordings/${call.body.id}`).expect(200);
      expect(notes.body.notes).toBe('Caller passed on [phone] and [phone] for the supplier.');
      const text = await engineer()
        .get(`/api/tickets/${other.body.id}/attachments/${file.body.id}`)
        .buffer(true)
        .parse(asBuffer)
        .expect(200);
      expect((text.body as Buffer).toString('utf8')).toBe('escalation: [phone]\n');
      const dsar = await dpo().get(`/api/dsar/${unrelated.body.id}`).expect(200);
      expect(dsar.body.details).toBe('Asked by phone; she said a colleague on [phone] may call too.');

      const seen = JSON.stringify([
        ownTicket.body,
        thread.body,
        otherTicket.body,
        otherThread.body,
        notes.body,
        dsar.body,
      ]);
      for (const format of FORMATS)
        expect({ format, seen: seen.includes(format) }).toEqual({ format, seen: false });
      // Nowhere in the database, whatever the separators.
      expect(await digitsInDatabase(t, '7700900777')).toEqual([]);
    });

    it('the rescan compares digits the way the erasure does: a leftover in an unusual format counts', async () => {
      await as(w.a2.auth)
        .post('/api/tickets', {
          type: 'fault',
          subject: 'Handset',
          description: 'Please ring my deputy on 0044-7700-900-888 or +44 (0)7700 900 888.',
        })
        .expect(201);
      // The detector refuses this one (an id word before it): only its digits can find it.
      const byDigits = await as(w.b1.auth)
        .post('/api/tickets', {
          type: 'fault',
          subject: 'Migration',
          description: 'Old system ref 07700 900888.',
        })
        .expect(201);
      const kinds = await t.db.query('SELECT DISTINCT kind FROM identifier_mentions WHERE source_id = $1', [
        byDigits.body.id,
      ]);
      expect(kinds.rows.map((r) => r.kind)).toEqual(['digits']);
      const rescan = t.app.get(DsarErasureRescan);
      const left = await rescan.textLeft({
        who: { emails: [], phones: ['+447700900888'], nameKeys: [], lookupNames: [] },
        touched: { tickets: [], messages: [], recordings: [], attachments: [], requests: [] },
        held: [],
      });
      expect(left).toBe(3);
    });
  });

  describe('the erased customer’s open tickets', () => {
    it('are closed with a note, leave the queue with their SLA clocks stopped, and staff are told', async () => {
      const erin = await customer('Erin Vale', 'erin.vale@acme-telecom.test', w.orgA);
      const open = async (subject: string) =>
        (
          await as(erin.auth)
            .post('/api/tickets', { type: 'fault', subject, description: 'Please help.', priority: 'P2' })
            .expect(201)
        ).body.id as string;
      const fresh = await open('New one');
      const working = await open('Being worked');
      await engineer()
        .patch(`/api/tickets/${working}`, { status: 'open', assigneeId: w.engineer.id })
        .expect(200);
      const waiting = await open('Waiting on her');
      await engineer().patch(`/api/tickets/${waiting}`, { status: 'pending_customer' }).expect(200);
      const done = await open('Already resolved');
      await engineer().patch(`/api/tickets/${done}`, { status: 'resolved' }).expect(200);

      const staff = new Inbox(await connect(t.baseUrl as string, { bearer: w.engineer.auth }));
      const { id: request, preview, receipt } = await erase(erin.auth);
      expect(count(preview.erase, 'Open tickets closed')).toBe(3);
      const told = await dpo().get(`/api/dsar/${request}`).expect(200);
      expect(told.body.outcome).toMatch(/Your 3 open tickets were closed/);
      expect(count(receipt.actions, 'Open tickets closed')).toBe(3);
      expect(receipt.rescan.remaining).toBe(0);

      for (const id of [fresh, working, waiting]) {
        const ticket = await engineer().get(`/api/tickets/${id}`).expect(200);
        expect(ticket.body).toMatchObject({ status: 'closed', nextDueAt: null });
        expect(ticket.body.closedAt).toEqual(expect.any(String));
        const history = await engineer().get(`/api/tickets/${id}/history`).expect(200);
        expect(history.body[0]).toMatchObject({ field: 'status', to: 'closed', actor: { id: null } });
        const thread = await engineer().get(`/api/tickets/${id}/messages`).expect(200);
        const last = thread.body.items[thread.body.items.length - 1];
        expect(last).toMatchObject({ visibility: 'internal' });
        expect(last.body).toMatch(/closed.*erased/i);
        await staff.waitFor<TicketSummary>('ticket.updated', (x) => x.id === id && x.status === 'closed');
      }
      const resolved = await engineer().get(`/api/tickets/${done}`).expect(200);
      expect(resolved.body.status).toBe('resolved');
      const queue = await engineer().get(`/api/tickets?requesterId=${erin.id}&limit=50`).expect(200);
      expect(
        (queue.body.items as TicketSummary[]).filter((x) => x.status !== 'closed' && x.status !== 'resolved'),
      ).toEqual([]);
    });

    it('closes a restricted customer’s open ticket too, and keeps a call on it under legal hold', async () => {
      const finn = await customer('Finn Royle', 'finn.royle@acme-telecom.test', w.orgA);
      const ticket = await as(finn.auth)
        .post('/api/tickets', {
          type: 'fault',
          subject: 'Disputed outage',
          description: 'The outage is disputed.',
          contactPhone: '07700 900321',
        })
        .expect(201);
      const call = await logCallWithAudio(
        t,
        w.engineer.auth,
        {
          callerNumber: '07700 900321',
          direction: 'inbound',
          startedAt: new Date(Date.now() - 60_000).toISOString(),
          durationSeconds: 60,
          ticketId: ticket.body.id,
        } as never,
        wav(),
      );
      await dpo()
        .post(`/api/recordings/${call}/hold`, { reason: 'Outage dispute with the carrier' })
        .expect(200);
      const restriction = await verified({ kind: 'restriction', subject: { email: finn.email } });
      await dpo().post(`/api/dsar/${restriction}/restrict`, { reason: 'Accuracy contested' }).expect(200);

      const { receipt } = await erase(finn.auth);
      expect(count(receipt.actions, 'Open tickets closed')).toBe(1);
      expect(count(receipt.kept, 'Call recordings under legal hold')).toBe(1);
      expect(receipt.rescan.remaining).toBe(0);
      const closed = await dpo().get(`/api/tickets/${ticket.body.id}`).expect(200);
      expect(closed.body).toMatchObject({
        status: 'closed',
        processingRestricted: false,
        contactPhone: null,
      });
      const kept = await dpo().get(`/api/recordings/${call}`).expect(200);
      expect(kept.body.hold).not.toBeNull();
    });
  });
});

/** "table.column" for every row whose text, with everything but digits removed, holds these digits. */
async function digitsInDatabase(t: TestApp, digits: string): Promise<string[]> {
  const { rows: columns } = await t.db.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY')`,
  );
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const { rows } = await t.db.query(
      `SELECT 1 FROM "${table_name}" WHERE regexp_replace("${column_name}"::text, '[^0-9]', '', 'g') LIKE '%' || $1 || '%' LIMIT 1`,
      [digits],
    );
    if (rows.length) hits.push(`${table_name}.${column_name}`);
  }
  return hits;
}
