import { createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

describe('privacy kernel', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    // Alice has a phone on record, given in a national format.
    await t
      .http()
      .patch(`/api/people/${w.a1.personId}`)
      .set('authorization', w.a1.auth)
      .send({ phone: '07700 900123' })
      .expect(200);
  });
  afterAll(() => t.close());

  const person = (auth: string, id = w.a1.personId) =>
    t.http().get(`/api/people/${id}`).set('authorization', auth);
  const auditCount = async (action: string) =>
    (await t.db.query('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0].n;

  describe('field policies on write', () => {
    it('refuses a switched-off field with 400 naming it, on every route that carries it', async () => {
      const patch = await t
        .http()
        .patch(`/api/people/${w.a1.personId}`)
        .set('authorization', w.a1.auth)
        .send({ jobTitle: 'Office manager' })
        .expect(400);
      expect(patch.body.message).toBe('jobTitle is not collected');
      expect(patch.body.fields).toEqual({ jobTitle: ['is not collected'] });
      const user = await t
        .http()
        .post('/api/users')
        .set('authorization', w.admin.auth)
        .send({
          email: 'new.person@example.test',
          password: 'a-long-enough-password',
          role: 'engineer',
          person: { fullName: 'New Person', imHandle: '@np' },
        })
        .expect(400);
      expect(user.body.fields).toHaveProperty(['person.imHandle']);
      const stored = await t.db.query(
        "SELECT count(*)::int AS n FROM people WHERE email = 'new.person@example.test'",
      );
      expect(stored.rows[0].n).toBe(0);
    });

    it('stores phones in E.164 and refuses ones it cannot read', async () => {
      const { rows } = await t.db.query('SELECT phone FROM people WHERE id = $1', [w.a1.personId]);
      expect(rows[0].phone).toBe('+447700900123');
      const bad = await t
        .http()
        .patch(`/api/people/${w.a1.personId}`)
        .set('authorization', w.a1.auth)
        .send({ phone: 'call me maybe' })
        .expect(400);
      expect(bad.body.fields).toHaveProperty('phone');
    });

    it('lets the DPO change a policy (audited), and validates the change', async () => {
      const before = await auditCount('policy.update');
      const on = await t
        .http()
        .patch('/api/privacy/fields/person.jobTitle')
        .set('authorization', w.dpo.auth)
        .send({
          collection: 'optional',
          purposes: ['route requests to the right approver'],
          purposeHint: 'so we know who can approve changes',
        })
        .expect(200);
      expect(on.body.collection).toBe('optional');
      expect(await auditCount('policy.update')).toBe(before + 1);
      await t
        .http()
        .patch(`/api/people/${w.a1.personId}`)
        .set('authorization', w.a1.auth)
        .send({ jobTitle: 'Office manager' })
        .expect(200);

      const unknown = await t
        .http()
        .patch('/api/privacy/fields/person.shoeSize')
        .set('authorization', w.dpo.auth)
        .send({ collection: 'off' })
        .expect(400);
      expect(unknown.body.fields).toHaveProperty('field');
      const badRetention = await t
        .http()
        .patch('/api/privacy/fields/person.phone')
        .set('authorization', w.dpo.auth)
        .send({ retention: { days: -5, from: 'last_ticket_closed' } })
        .expect(400);
      expect(Object.keys(badRetention.body.fields).join()).toMatch(/retention/);
      await t
        .http()
        .patch('/api/privacy/fields/person.phone')
        .set('authorization', w.engineer.auth)
        .send({ collection: 'off' })
        .expect(403);
      // Collecting a field needs a purpose: an optional field with none is refused.
      const noPurpose = await t
        .http()
        .patch('/api/privacy/fields/person.imHandle')
        .set('authorization', w.dpo.auth)
        .send({ collection: 'optional', purposes: [] })
        .expect(400);
      expect(noPurpose.body.fields).toHaveProperty('purposes');

      // Switched off again: the DPO sees how many values are stored and purges them, dry run first.
      await t
        .http()
        .patch('/api/privacy/fields/person.jobTitle')
        .set('authorization', w.dpo.auth)
        .send({ collection: 'off' })
        .expect(200);
      const fields = await t.http().get('/api/privacy/fields').set('authorization', w.dpo.auth).expect(200);
      expect(fields.body.find((f: { field: string }) => f.field === 'person.jobTitle').storedValues).toBe(1);
      const dry = await t
        .http()
        .post('/api/privacy/fields/person.jobTitle/purge')
        .set('authorization', w.dpo.auth)
        .send({ dryRun: true })
        .expect(200);
      expect(dry.body).toEqual({ field: 'person.jobTitle', dryRun: true, values: 1 });
      expect((await t.db.query('SELECT count(job_title)::int AS n FROM people')).rows[0].n).toBe(1);
      const real = await t
        .http()
        .post('/api/privacy/fields/person.jobTitle/purge')
        .set('authorization', w.dpo.auth)
        .send({ dryRun: false })
        .expect(200);
      expect(real.body.values).toBe(1);
      expect((await t.db.query('SELECT count(job_title)::int AS n FROM people')).rows[0].n).toBe(0);
      await t
        .http()
        .post('/api/privacy/fields/person.email/purge')
        .set('authorization', w.dpo.auth)
        .send({ dryRun: true })
        .expect(409);
    });
  });

  describe('field policies on read', () => {
    it('masks contact data for engineers, shows it clear to the DPO and to the person', async () => {
      const engineer = await person(w.engineer.auth).expect(200);
      expect(engineer.body.phone).toBe('••••• ••• 123');
      expect(engineer.body.email).toMatch(new RegExp(`^${w.a1.email[0]}•+@example\\.test$`));
      expect(engineer.body.fullName).toBe('Alice Archer');
      expect(engineer.body.masked.sort()).toEqual(['email', 'phone']);
      const dpo = await person(w.dpo.auth).expect(200);
      expect(dpo.body).toMatchObject({ phone: '+447700900123', email: w.a1.email, masked: [] });
      const self = await person(w.a1.auth).expect(200);
      expect(self.body).toMatchObject({ phone: '+447700900123', email: w.a1.email, masked: [] });
      await person(w.a2.auth).expect(404);
      await person(w.b1.auth).expect(404);
      await t.http().get(`/api/people/${w.a1.personId}`).expect(401);
    });

    it('audits staff reads of contact data, with field names and never the values', async () => {
      const before = await auditCount('person.read');
      await person(w.engineer.auth).expect(200);
      expect(await auditCount('person.read')).toBe(before + 1);
      const { rows } = await t.db.query(
        "SELECT * FROM audit_log WHERE action = 'person.read' ORDER BY seq DESC LIMIT 1",
      );
      expect(rows[0]).toMatchObject({ actor_id: w.engineer.id, subject_person_id: w.a1.personId });
      expect(rows[0].fields).toEqual(expect.arrayContaining(['person.email', 'person.phone']));
      expect(JSON.stringify(rows[0])).not.toContain('7700');
      expect(JSON.stringify(rows[0])).not.toContain(w.a1.email);
    });

    it('reveals a masked value with a reason, and audits the reveal', async () => {
      const res = await t
        .http()
        .post(`/api/people/${w.a1.personId}/reveal`)
        .set('authorization', w.engineer.auth)
        .send({ field: 'phone', reason: 'Calling back about HD-000001; customer asked, ring 07700 900999' })
        .expect(200);
      expect(res.body).toEqual({ field: 'phone', value: '+447700900123' });
      const { rows } = await t.db.query(
        "SELECT * FROM audit_log WHERE action = 'person.reveal' ORDER BY seq DESC LIMIT 1",
      );
      expect(rows[0]).toMatchObject({
        actor_id: w.engineer.id,
        subject_person_id: w.a1.personId,
        fields: ['person.phone'],
      });
      expect(rows[0].reason).toContain('Calling back about HD-000001');
      expect(rows[0].reason).not.toContain('07700 900999');
      const noReason = await t
        .http()
        .post(`/api/people/${w.a1.personId}/reveal`)
        .set('authorization', w.engineer.auth)
        .send({ field: 'phone' })
        .expect(400);
      expect(noReason.body.fields).toHaveProperty('reason');
      await t
        .http()
        .post(`/api/people/${w.a1.personId}/reveal`)
        .set('authorization', w.a1.auth)
        .send({ field: 'phone', reason: 'curious' })
        .expect(403);
    });
  });

  describe('audit trail', () => {
    it('refuses UPDATE and DELETE at the database', async () => {
      await expect(t.db.query("UPDATE audit_log SET reason = 'x'")).rejects.toThrow(/append-only/);
      await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(t.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    });

    it('verifies the chain, and names the first broken link when a row is tampered with', async () => {
      const ok = await t.http().get('/api/audit/verify').set('authorization', w.dpo.auth).expect(200);
      expect(ok.body).toMatchObject({ ok: true, firstBroken: null });
      expect(ok.body.entries).toBeGreaterThan(3);
      const { rows } = await t.db.query('SELECT seq FROM audit_log ORDER BY seq LIMIT 1 OFFSET 2');
      const target = Number(rows[0].seq);
      // A DBA with enough privilege can switch the trigger off; the chain still gives them away.
      await t.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
      await t.db.query('UPDATE audit_log SET actor_id = NULL WHERE seq = $1', [target]);
      await t.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
      const broken = await t.http().get('/api/audit/verify').set('authorization', w.dpo.auth).expect(200);
      expect(broken.body).toMatchObject({ ok: false, firstBroken: { seq: target } });
    });

    it('lists entries filtered by subject and action, for the DPO and admins only', async () => {
      const res = await t
        .http()
        .get(`/api/audit?subjectPersonId=${w.a1.personId}&action=person.reveal`)
        .set('authorization', w.dpo.auth)
        .expect(200);
      expect(res.body.items.length).toBeGreaterThanOrEqual(1);
      expect(res.body.items.every((e: { action: string }) => e.action === 'person.reveal')).toBe(true);
      await t.http().get('/api/audit').set('authorization', w.engineer.auth).expect(403);
      await t.http().get('/api/audit?from=yesterday').set('authorization', w.dpo.auth).expect(400);
    });
  });

  describe('identifier index', () => {
    it('finds a person mentioned in another organisation’s ticket, in any phone format, by index lookup', async () => {
      const ticket = await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.b1.auth)
        .send({
          type: 'fault',
          subject: 'Porting query',
          description:
            'Our reseller contact Alice Archer (+44 7700 900123, alice.archer@acme.example) asked us to port her number.',
        })
        .expect(201);
      const message = await t
        .http()
        .post(`/api/tickets/${ticket.body.id}/messages`)
        .set('authorization', w.b1.auth)
        .send({ body: 'Her direct line is 07700-900-123.', visibility: 'public' })
        .expect(201);
      for (const phone of ['07700 900123', '+447700900123', '0044 7700 900 123', '(07700) 900123']) {
        const res = await t
          .http()
          .get('/api/privacy/mentions')
          .query({ phone })
          .set('authorization', w.dpo.auth)
          .expect(200);
        expect(res.body).toEqual(
          expect.arrayContaining([
            { sourceType: 'ticket', sourceId: ticket.body.id, ticketId: ticket.body.id, kind: 'phone' },
            { sourceType: 'message', sourceId: message.body.id, ticketId: ticket.body.id, kind: 'phone' },
          ]),
        );
      }
      const byName = await t
        .http()
        .get('/api/privacy/mentions')
        .query({ name: 'alice ARCHER' })
        .set('authorization', w.dpo.auth)
        .expect(200);
      expect(byName.body.map((m: { sourceId: string }) => m.sourceId)).toContain(ticket.body.id);
      const byEmail = await t
        .http()
        .get('/api/privacy/mentions')
        .query({ email: 'Alice.Archer@ACME.example' })
        .set('authorization', w.dpo.auth)
        .expect(200);
      expect(byEmail.body.map((m: { sourceId: string }) => m.sourceId)).toContain(ticket.body.id);
      // The index holds keyed hashes only.
      const { rows } = await t.db.query("SELECT encode(hash, 'escape') AS h FROM identifier_mentions");
      expect(JSON.stringify(rows)).not.toMatch(/7700|alice/i);
      await t
        .http()
        .get('/api/privacy/mentions?phone=07700900123')
        .set('authorization', w.engineer.auth)
        .expect(403);
    });

    it('indexes a name a new ticket gives by the person’s current name, once however many share it', async () => {
      // Two people share a name; one of them is renamed before the ticket is written.
      const renamed = await createUser(t, 'customer', { fullName: 'Odette Quaile' });
      await createUser(t, 'customer', { fullName: 'Bram Holloway' });
      await createUser(t, 'customer', { fullName: 'Bram Holloway' });
      await t
        .http()
        .patch(`/api/people/${renamed.personId}`)
        .set('authorization', w.dpo.auth)
        .send({ fullName: 'Odette Varga' })
        .expect(200);
      const ticket = await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.b1.auth)
        .send({
          type: 'fault',
          subject: 'Handover',
          description: 'odette varga took the call; bram holloway and Odette Quaile were copied in.',
        })
        .expect(201);
      const found = async (name: string) =>
        (
          await t
            .http()
            .get('/api/privacy/mentions')
            .query({ name })
            .set('authorization', w.dpo.auth)
            .expect(200)
        ).body.filter((m: { sourceId: string }) => m.sourceId === ticket.body.id);
      expect(await found('Odette Varga')).toEqual([
        { sourceType: 'ticket', sourceId: ticket.body.id, ticketId: ticket.body.id, kind: 'name' },
      ]);
      expect(await found('Bram Holloway')).toHaveLength(1);
      // The old name is nobody's any more, so it is not an identifier to index.
      expect(await found('Odette Quaile')).toEqual([]);
    });

    it('rebuilds to the same entries', async () => {
      const before = (
        await t.db.query(
          "SELECT kind, encode(hash, 'hex') AS h, source_id FROM identifier_mentions ORDER BY 1, 2, 3",
        )
      ).rows;
      const res = await t
        .http()
        .post('/api/privacy/index/rebuild')
        .set('authorization', w.dpo.auth)
        .expect(200);
      expect({ entries: res.body.entries, rows: before.length }).toEqual({
        entries: before.length,
        rows: before.length,
      });
      const after = (
        await t.db.query(
          "SELECT kind, encode(hash, 'hex') AS h, source_id FROM identifier_mentions ORDER BY 1, 2, 3",
        )
      ).rows;
      expect(after).toEqual(before);
    });
  });

  describe('redaction and share-safe copies', () => {
    it('redacts a message for good and keeps the index in step', async () => {
      const ticket = await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.a1.auth)
        .send({ type: 'fault', subject: 'Voicemail', description: 'Voicemail not arriving.' })
        .expect(201);
      const msg = await t
        .http()
        .post(`/api/tickets/${ticket.body.id}/messages`)
        .set('authorization', w.a1.auth)
        .send({
          body: 'Please forward to Bella Brook at bella@globex.example or 020 7946 0958.',
          visibility: 'public',
        })
        .expect(201);
      const res = await t
        .http()
        .post(`/api/tickets/${ticket.body.id}/messages/${msg.body.id}/redact`)
        .set('authorization', w.dpo.auth)
        .send({ reason: 'Third-party data in a customer message' })
        .expect(200);
      expect(res.body.removed).toBe(3);
      const { rows } = await t.db.query('SELECT body FROM ticket_messages WHERE id = $1', [msg.body.id]);
      expect(rows[0].body).toBe('Please forward to [name] at [email] or [phone].');
      const mentions = await t
        .http()
        .get('/api/privacy/mentions')
        .query({ phone: '02079460958' })
        .set('authorization', w.dpo.auth)
        .expect(200);
      expect(mentions.body.map((m: { sourceId: string }) => m.sourceId)).not.toContain(msg.body.id);
      await t
        .http()
        .post(`/api/tickets/${ticket.body.id}/messages/${msg.body.id}/redact`)
        .set('authorization', w.engineer.auth)
        .send({ reason: 'tidy up' })
        .expect(403);
    });

    it('redacts a text attachment for good, and gives engineers a share-safe copy of one', async () => {
      const ticket = await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.a1.auth)
        .send({ type: 'fault', subject: 'Router logs', description: 'Logs attached.' })
        .expect(201);
      const log = 'ppp up for arthur@acme.example\ncallback 0161 496 0000 requested by Alice Archer\n';
      const up = await t
        .http()
        .post(`/api/tickets/${ticket.body.id}/attachments`)
        .set('authorization', w.a1.auth)
        .attach('file', Buffer.from(log), 'router.log')
        .expect(201);
      const base = `/api/tickets/${ticket.body.id}/attachments/${up.body.id}`;
      const copy = await t.http().get(`${base}/share-safe`).set('authorization', w.engineer.auth).expect(200);
      expect(copy.body.text).toBe('ppp up for [email]\ncallback [phone] requested by [name]\n');
      const stored = await t.http().get(base).set('authorization', w.engineer.auth).expect(200);
      expect(stored.text).toBe(log); // the copy left the file as it was
      const before = await t
        .http()
        .get('/api/privacy/mentions')
        .query({ email: 'arthur@acme.example' })
        .set('authorization', w.dpo.auth);
      expect(before.body.map((m: { sourceId: string }) => m.sourceId)).toContain(up.body.id);
      await t
        .http()
        .post(`${base}/redact`)
        .set('authorization', w.dpo.auth)
        .send({ reason: 'Third-party data in a log file' })
        .expect(200);
      const after = await t.http().get(base).set('authorization', w.engineer.auth).expect(200);
      expect(after.text).toBe('ppp up for [email]\ncallback [phone] requested by [name]\n');
      const mentions = await t
        .http()
        .get('/api/privacy/mentions')
        .query({ email: 'arthur@acme.example' })
        .set('authorization', w.dpo.auth);
      expect(mentions.body.map((m: { sourceId: string }) => m.sourceId)).not.toContain(up.body.id);
    });

    it('gives engineers a copy of a ticket with every person’s data stripped', async () => {
      const ticket = await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.a1.auth)
        .send({
          type: 'fault',
          subject: 'Handset fault for Arthur Ames',
          description: 'Arthur (arthur@acme.example, 0161 496 0000) reports the T54W reboots.',
          equipment: { model: 'Yealink T54W', serialNumber: 'SN1' },
        })
        .expect(201);
      const res = await t
        .http()
        .get(`/api/tickets/${ticket.body.id}/share-safe`)
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(res.body.subject).toBe('Handset fault for [name]');
      expect(res.body.description).toBe('Arthur ([email], [phone]) reports the T54W reboots.');
      expect(res.body.equipment).toEqual({ model: 'Yealink T54W', serialNumber: 'SN1' });
      await t
        .http()
        .get(`/api/tickets/${ticket.body.id}/share-safe`)
        .set('authorization', w.a1.auth)
        .expect(403);
    });
  });

  describe('suppression list', () => {
    it('stores only hashes, and flags the person for staff', async () => {
      await t
        .http()
        .post('/api/privacy/suppressions')
        .set('authorization', w.dpo.auth)
        .send({ email: w.a2.email, reason: 'objection' })
        .expect(201);
      const { rows } = await t.db.query("SELECT encode(hash, 'escape') AS h FROM suppressions");
      expect(JSON.stringify(rows)).not.toContain(w.a2.email.split('@')[0]);
      const flagged = await person(w.engineer.auth, w.a2.personId).expect(200);
      expect(flagged.body.doNotContact).toBe(true);
      const other = await person(w.engineer.auth, w.b1.personId).expect(200);
      expect(other.body.doNotContact).toBe(false);
    });
  });

  describe('record of processing and privacy notice', () => {
    it('generates the RoPA from the registry', async () => {
      const res = await t.http().get('/api/privacy/ropa').set('authorization', w.dpo.auth).expect(200);
      const support = res.body.activities.find((a: { name: string }) =>
        a.name.startsWith('Customer support'),
      );
      expect(support.purposes.length).toBeGreaterThan(0);
      expect(support.dataCategories.map((c: { field: string }) => c.field)).toContain('person.phone');
      expect(support.dataCategories.map((c: { field: string }) => c.field)).not.toContain('person.jobTitle'); // off
      await t.http().get('/api/privacy/ropa').set('authorization', w.engineer.auth).expect(403);
    });

    it('publishes a notice of what is collected, why and for how long', async () => {
      const res = await t.http().get('/api/privacy/notice').expect(200);
      const phone = res.body.find((f: { field: string }) => f.field === 'person.phone');
      expect(phone.retention).toMatch(/90 days/);
      expect(res.body.map((f: { field: string }) => f.field)).not.toContain('person.imHandle');
    });
  });

  describe('ticket contact phone', () => {
    it('is normalised, masked for engineers, and clear for the requester', async () => {
      const created = await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.a1.auth)
        .send({
          type: 'fault',
          subject: 'No dial tone',
          description: 'Dead line.',
          contactPhone: '020 7946 0123',
        })
        .expect(201);
      expect(created.body.contactPhone).toBe('+442079460123');
      const staff = await t
        .http()
        .get(`/api/tickets/${created.body.id}`)
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(staff.body.contactPhone).toMatch(/^[•\s]+123$/);
      const revealed = await t
        .http()
        .post(`/api/tickets/${created.body.id}/reveal`)
        .set('authorization', w.engineer.auth)
        .send({ field: 'contactPhone', reason: 'Calling back about the dead line' })
        .expect(200);
      expect(revealed.body).toEqual({ field: 'contactPhone', value: '+442079460123' });
      const { rows } = await t.db.query(
        "SELECT * FROM audit_log WHERE action = 'person.reveal' AND target_id = $1",
        [created.body.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ subject_person_id: w.a1.personId, fields: ['ticket.contactPhone'] });
      await t
        .http()
        .post(`/api/tickets/${created.body.id}/reveal`)
        .set('authorization', w.engineer.auth)
        .send({ field: 'contactPhone' })
        .expect(400);
      await t
        .http()
        .post(`/api/tickets/${created.body.id}/reveal`)
        .set('authorization', w.b1.auth)
        .send({ field: 'contactPhone', reason: 'nosy neighbour' })
        .expect(403);
      const bad = await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.a1.auth)
        .send({ type: 'fault', subject: 'x', description: 'y', contactPhone: 'not a phone' })
        .expect(400);
      expect(bad.body.fields).toHaveProperty('contactPhone');
    });
  });

  describe('field-level retention', () => {
    it('nulls a phone 90 days after the person’s last ticket closed, keeping the person; a dry run changes nothing', async () => {
      const {
        rows: [{ id }],
      } = await t.db.query(
        `INSERT INTO tickets (type, status, priority, subject, description, requester_id, created_by_id, organisation_id, closed_at)
         VALUES ('fault', 'closed', 'P3', 'old', 'old', $1, $1, $2, now() - interval '91 days') RETURNING id`,
        [w.b1.id, w.orgB],
      );
      await t.db.query("UPDATE people SET phone = '+447700900456' WHERE id = $1", [w.b1.personId]);
      // b1's other tickets must be closed long ago too.
      await t.db.query(
        "UPDATE tickets SET status = 'closed', closed_at = now() - interval '100 days' WHERE requester_id = $1 AND id <> $2",
        [w.b1.id, id],
      );
      // While Bella has an open data-subject request, nothing of hers is touched.
      await t.db.query(
        "INSERT INTO dsar_requests (kind, subject_person_id, received_at, due_at) VALUES ('access', $1, now(), now() + interval '1 month')",
        [w.b1.personId],
      );
      const frozen = await t
        .http()
        .post('/api/privacy/retention/fields')
        .set('authorization', w.dpo.auth)
        .send({ dryRun: false })
        .expect(200);
      expect(frozen.body.fields.find((f: { field: string }) => f.field === 'person.phone').values).toBe(0);
      await t.db.query('UPDATE dsar_requests SET closed_at = now() WHERE subject_person_id = $1', [
        w.b1.personId,
      ]);
      const dry = await t
        .http()
        .post('/api/privacy/retention/fields')
        .set('authorization', w.dpo.auth)
        .send({ dryRun: true })
        .expect(200);
      expect(dry.body.fields.find((f: { field: string }) => f.field === 'person.phone').values).toBe(1);
      expect(
        (await t.db.query('SELECT phone FROM people WHERE id = $1', [w.b1.personId])).rows[0].phone,
      ).toBe('+447700900456');
      const real = await t
        .http()
        .post('/api/privacy/retention/fields')
        .set('authorization', w.dpo.auth)
        .send({ dryRun: false })
        .expect(200);
      expect(real.body.fields.find((f: { field: string }) => f.field === 'person.phone').values).toBe(1);
      const after = await t.db.query('SELECT phone, full_name FROM people WHERE id = $1', [w.b1.personId]);
      expect(after.rows[0]).toEqual({ phone: null, full_name: 'Bella Brook' });
      // Alice still has open tickets: her phone stays.
      expect(
        (await t.db.query('SELECT phone FROM people WHERE id = $1', [w.a1.personId])).rows[0].phone,
      ).toBe('+447700900123');
    });
  });

  describe('audit retention', () => {
    it('removes only a prefix past retention, leaves a checkpoint, and the chain still verifies', async () => {
      const { AuditService } = await import('../../apps/api/src/audit/audit.service');
      const audit = t.app.get(AuditService);
      const total = (await t.db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
      // Tampered entries from the earlier test are old enough to go: expire everything up to now.
      const removed = await audit.expire(new Date(Date.now() + 1000));
      expect(removed).toBe(total);
      const left = await t.db.query('SELECT action FROM audit_log ORDER BY seq');
      expect(left.rows.map((r) => r.action)).toEqual(['audit.expire']);
      const { rows: checkpoints } = await t.db.query('SELECT entries_removed FROM audit_checkpoints');
      expect(checkpoints).toEqual([{ entries_removed: total }]);
      // New entries chain on, and the whole remaining chain verifies from the checkpoint.
      await t.http().get(`/api/people/${w.a1.personId}`).set('authorization', w.engineer.auth).expect(200);
      const verify = await t.http().get('/api/audit/verify').set('authorization', w.dpo.auth).expect(200);
      expect(verify.body).toMatchObject({ ok: true, entries: 2, firstBroken: null });
      expect(verify.body.expiries).toEqual([
        expect.objectContaining({ entries: total, upToSeq: expect.any(String), retentionDays: null }),
      ]);
      // Outside the sweep, deletion is still refused.
      await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    });
  });
});
