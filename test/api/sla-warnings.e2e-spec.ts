import { SOCKET_EVENTS, type SlaWarningEvent } from '@hushdesk/contracts';
import { SlaWarningJob } from '../../apps/api/src/notifications/sla-warning.job';
import { RetentionService } from '../../apps/api/src/retention/retention.service';
import { waitForDsar } from '../support/dsar';
import { connect, Inbox, settle, type ClientSocket } from '../support/sockets';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const ticket = { type: 'fault', subject: 'Trunk down at the Leeds site', description: 'No dial tone.' };

describe('SLA warnings in the app', () => {
  let t: TestApp;
  let w: World;
  let job: SlaWarningJob;
  const sockets: ClientSocket[] = [];
  const inbox = async (auth: string) => {
    const socket = await connect(t.baseUrl as string, { bearer: auth });
    sockets.push(socket);
    return new Inbox(socket);
  };
  const warningsFor = (box: Inbox, ticketId: string) =>
    box.of<SlaWarningEvent>(SOCKET_EVENTS.slaWarning).filter((e) => e.ticketId === ticketId);

  async function newTicket(
    assigneeId: string | null,
    groupId?: string,
  ): Promise<{ id: string; reference: string }> {
    const res = await t.http().post('/api/tickets').set('authorization', w.a1.auth).send(ticket).expect(201);
    if (assigneeId || groupId) {
      await t
        .http()
        .patch(`/api/tickets/${res.body.id}`)
        .set('authorization', w.engineer.auth)
        .send({ ...(assigneeId ? { assigneeId } : {}), ...(groupId ? { groupId } : {}) })
        .expect(200);
    }
    return { id: res.body.id, reference: res.body.reference };
  }
  async function newGroup(name: string, userIds: string[]): Promise<string> {
    const res = await t
      .http()
      .post('/api/groups')
      .set('authorization', w.admin.auth)
      .send({ name })
      .expect(201);
    await t
      .http()
      .put(`/api/groups/${res.body.id}/members`)
      .set('authorization', w.admin.auth)
      .send({ userIds })
      .expect(200);
    return res.body.id;
  }
  const breach = (id: string) =>
    t.db.query(`UPDATE tickets SET next_due_at = now() - interval '1 minute' WHERE id = $1`, [id]);
  const listedFor = async (auth: string) =>
    (await t.http().get('/api/notifications/sla').set('authorization', auth).expect(200)).body.items.map(
      (i: SlaWarningEvent) => i.ticketId,
    ) as string[];

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    w = await buildWorld(t);
    job = t.app.get(SlaWarningJob);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('warns the assignee once at the at-risk point and once at the breach, and nobody else', async () => {
    const [mine, other, customer] = [
      await inbox(w.engineer.auth),
      await inbox(w.engineer2.auth),
      await inbox(w.a1.auth),
    ];
    const { id, reference } = await newTicket(w.engineer.id);
    await job.run(); // nothing has crossed yet
    await settle();
    expect(warningsFor(mine, id)).toEqual([]);

    const { rows } = await t.db.query(
      `UPDATE tickets SET next_at_risk_at = now() - interval '1 minute', next_due_at = now() + interval '30 minutes'
        WHERE id = $1 RETURNING next_due_at`,
      [id],
    );
    const dueAt = (rows[0].next_due_at as Date).toISOString();
    // Two instances of the job at once (two hosts): one warning only.
    const runs = await Promise.all([job.run(), job.run()]);
    expect(runs.map((r) => r.warned).reduce((a, b) => a + b)).toBe(1);
    const atRisk = await mine.waitFor<SlaWarningEvent>(SOCKET_EVENTS.slaWarning, (e) => e.ticketId === id);
    expect(atRisk).toEqual({
      id: expect.any(String),
      ticketId: id,
      reference,
      clock: 'firstResponse',
      kind: 'atRisk',
      dueAt,
      createdAt: expect.any(String),
    });
    // Ids, reference and times only: nothing of the subject or of anyone's name.
    expect(JSON.stringify(atRisk)).not.toMatch(/Leeds|Sam|Alice/);

    await job.run();
    await settle();
    expect(warningsFor(mine, id)).toHaveLength(1);

    await t.db.query(`UPDATE tickets SET next_due_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await job.run();
    await mine.waitFor<SlaWarningEvent>(
      SOCKET_EVENTS.slaWarning,
      (e) => e.ticketId === id && e.kind === 'breached',
    );
    await job.run();
    await settle();
    expect(warningsFor(mine, id).map((e) => e.kind)).toEqual(['atRisk', 'breached']);
    expect(warningsFor(other, id)).toEqual([]);
    expect(warningsFor(customer, id)).toEqual([]);

    // After a reload, the console lists them, newest first.
    const listed = await t
      .http()
      .get('/api/notifications/sla')
      .set('authorization', w.engineer.auth)
      .expect(200);
    expect(
      listed.body.items.filter((i: SlaWarningEvent) => i.ticketId === id).map((i: SlaWarningEvent) => i.kind),
    ).toEqual(['breached', 'atRisk']);
    const notMine = await t
      .http()
      .get('/api/notifications/sla')
      .set('authorization', w.engineer2.auth)
      .expect(200);
    expect(notMine.body.items.filter((i: SlaWarningEvent) => i.ticketId === id)).toEqual([]);
  });

  it('warns every engineer while the ticket is unassigned, and no customer', async () => {
    const [one, two, customer] = [
      await inbox(w.engineer.auth),
      await inbox(w.engineer2.auth),
      await inbox(w.a1.auth),
    ];
    const { id } = await newTicket(null);
    await t.db.query(`UPDATE tickets SET next_due_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await job.run();
    await one.waitFor<SlaWarningEvent>(SOCKET_EVENTS.slaWarning, (e) => e.ticketId === id);
    await two.waitFor<SlaWarningEvent>(SOCKET_EVENTS.slaWarning, (e) => e.ticketId === id);
    await job.run();
    await settle();
    expect(warningsFor(one, id).map((e) => e.kind)).toEqual(['breached']);
    expect(warningsFor(two, id)).toHaveLength(1);
    expect(warningsFor(customer, id)).toEqual([]);
    const listed = await t
      .http()
      .get('/api/notifications/sla')
      .set('authorization', w.engineer2.auth)
      .expect(200);
    expect(listed.body.items.map((i: SlaWarningEvent) => i.ticketId)).toContain(id);
  });

  describe('with the ticket in a group that has members', () => {
    // A third engineer outside every group, and an admin who is a member.
    let outsider: { id: string; auth: string };
    let adminMember: { id: string; auth: string };
    beforeAll(async () => {
      const o = await createUser(t, 'engineer', { fullName: 'Olu Outside' });
      outsider = { id: o.id, auth: await bearerFor(t, o.email) };
      const a = await createUser(t, 'admin', { fullName: 'Ada Member' });
      adminMember = { id: a.id, auth: await bearerFor(t, a.email) };
    });

    it('warns the assignee and the members, once each, and lists it for exactly them', async () => {
      const group = await newGroup('Leeds voice', [w.engineer2.id, adminMember.id, w.engineer.id]);
      const [assignee, member, admin, other, customer] = [
        await inbox(w.engineer.auth),
        await inbox(w.engineer2.auth),
        await inbox(adminMember.auth),
        await inbox(outsider.auth),
        await inbox(w.a1.auth),
      ];
      const { id } = await newTicket(w.engineer.id, group);
      await breach(id);
      await job.run();
      for (const box of [assignee, member, admin]) {
        await box.waitFor<SlaWarningEvent>(SOCKET_EVENTS.slaWarning, (e) => e.ticketId === id);
      }
      await job.run();
      await settle();
      // The assignee is also a member: one event, not two.
      expect(warningsFor(assignee, id)).toHaveLength(1);
      expect(warningsFor(member, id)).toHaveLength(1);
      expect(warningsFor(admin, id)).toHaveLength(1);
      const [sent] = warningsFor(member, id);
      expect(JSON.stringify(sent)).not.toMatch(/Leeds|Sam|Nia|Ada|Alice/);
      expect(warningsFor(other, id)).toEqual([]);
      expect(warningsFor(customer, id)).toEqual([]);

      expect(await listedFor(w.engineer.auth)).toContain(id);
      expect(await listedFor(w.engineer2.auth)).toContain(id);
      expect(await listedFor(adminMember.auth)).toContain(id);
      expect(await listedFor(outsider.auth)).not.toContain(id);
      expect(await listedFor(w.admin.auth)).not.toContain(id);
      const { rows } = await t.db.query(
        'SELECT group_id, to_all_engineers FROM sla_warnings WHERE ticket_id = $1',
        [id],
      );
      expect(rows).toEqual([{ group_id: group, to_all_engineers: false }]);
    });

    it('an unassigned ticket in a group with members warns the members only, not every engineer', async () => {
      const group = await newGroup('Leeds data', [w.engineer2.id]);
      const [member, other, alsoOther] = [
        await inbox(w.engineer2.auth),
        await inbox(outsider.auth),
        await inbox(w.engineer.auth),
      ];
      const { id } = await newTicket(null, group);
      await breach(id);
      await job.run();
      await member.waitFor<SlaWarningEvent>(SOCKET_EVENTS.slaWarning, (e) => e.ticketId === id);
      await settle();
      expect(warningsFor(other, id)).toEqual([]);
      expect(warningsFor(alsoOther, id)).toEqual([]);
      expect(await listedFor(w.engineer2.auth)).toContain(id);
      expect(await listedFor(outsider.auth)).not.toContain(id);
      expect(await listedFor(w.engineer.auth)).not.toContain(id);
    });

    it('a group whose only member is disabled counts as empty: every engineer is warned', async () => {
      const gone = await createUser(t, 'engineer', { fullName: 'Gil Gone' });
      const group = await newGroup('Leeds legacy', [gone.id]);
      await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [gone.id]);
      const [one, two] = [await inbox(outsider.auth), await inbox(w.engineer.auth)];
      const { id } = await newTicket(null, group);
      await breach(id);
      await job.run();
      await one.waitFor<SlaWarningEvent>(SOCKET_EVENTS.slaWarning, (e) => e.ticketId === id);
      await two.waitFor<SlaWarningEvent>(SOCKET_EVENTS.slaWarning, (e) => e.ticketId === id);
      expect(await listedFor(outsider.auth)).toContain(id);
      // Members joining later do not take it from everyone else.
      await t
        .http()
        .put(`/api/groups/${group}/members`)
        .set('authorization', w.admin.auth)
        .send({ userIds: [w.engineer2.id] })
        .expect(200);
      expect(await listedFor(outsider.auth)).toContain(id);
    });
  });

  it('a clock that is stopped, or crossed long ago, is not warned about', async () => {
    const mine = await inbox(w.engineer.auth);
    const paused = await newTicket(w.engineer.id);
    const old = await newTicket(w.engineer.id);
    await t.db.query(`UPDATE tickets SET next_due_at = NULL, next_at_risk_at = NULL WHERE id = $1`, [
      paused.id,
    ]);
    await t.db.query(
      `UPDATE tickets SET next_due_at = now() - interval '3 days', next_at_risk_at = now() - interval '4 days' WHERE id = $1`,
      [old.id],
    );
    await job.run();
    await settle();
    expect(warningsFor(mine, paused.id)).toEqual([]);
    expect(warningsFor(mine, old.id)).toEqual([]);
  });

  describe('read state, kept on the server for each reader', () => {
    interface Listed extends SlaWarningEvent {
      read: boolean;
    }
    const list = async (auth: string) =>
      (await t.http().get('/api/notifications/sla').set('authorization', auth).expect(200)).body as {
        items: Listed[];
        unread: number;
      };
    const markRead = (auth: string, body: object) =>
      t.http().post('/api/notifications/sla/read').set('authorization', auth).send(body);
    const readOf = async (auth: string, warningId: string) =>
      (await list(auth)).items.find((i) => i.id === warningId)?.read;

    let one: { id: string; auth: string };
    let two: { id: string; auth: string };
    let outsider: { id: string; auth: string };
    let warningIds: string[];
    beforeAll(async () => {
      const make = async (role: 'engineer' | 'admin', fullName: string) => {
        const u = await createUser(t, role, { fullName });
        return { id: u.id, auth: await bearerFor(t, u.email) };
      };
      one = await make('engineer', 'Rae Reader');
      two = await make('admin', 'Tam Twoview');
      outsider = await make('engineer', 'Oz Otherqueue');
      const group = await newGroup('Hull voice', [one.id, two.id]);
      const a = await newTicket(null, group);
      const b = await newTicket(null, group);
      await breach(a.id);
      await breach(b.id);
      await job.run();
      const { rows } = await t.db.query(
        'SELECT id FROM sla_warnings WHERE ticket_id = ANY($1) ORDER BY created_at, id',
        [[a.id, b.id]],
      );
      warningIds = rows.map((r) => r.id);
      expect(warningIds).toHaveLength(2);
    });

    it("starts unread, and one reader's mark does not mark another's", async () => {
      const before = await list(one.auth);
      expect(before.items.filter((i) => warningIds.includes(i.id)).map((i) => i.read)).toEqual([
        false,
        false,
      ]);
      // The engineer also gets the warnings that went to every engineer; the admin only the group's.
      const baseline = before.unread;
      expect(baseline).toBeGreaterThanOrEqual(2);
      expect((await list(two.auth)).unread).toBe(2);

      const res = await markRead(one.auth, { ids: [warningIds[0]] }).expect(200);
      expect(res.body).toEqual({ unread: baseline - 1 });
      expect(await readOf(one.auth, warningIds[0])).toBe(true);
      expect(await readOf(one.auth, warningIds[1])).toBe(false);
      expect((await list(one.auth)).unread).toBe(baseline - 1);
      // The admin member's state is their own.
      expect(await readOf(two.auth, warningIds[0])).toBe(false);
      expect((await list(two.auth)).unread).toBe(2);
      // Marking twice changes nothing.
      expect((await markRead(one.auth, { ids: [warningIds[0], warningIds[0]] }).expect(200)).body).toEqual({
        unread: baseline - 1,
      });
    });

    it("marking someone else's warning, or an unknown one, does nothing visible", async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      const mine = (await list(outsider.auth)).unread;
      const res = await markRead(outsider.auth, { ids: [warningIds[1], unknown] }).expect(200);
      // The same answer as for an id that does not exist: nothing about the warning leaks.
      expect(res.body).toEqual({ unread: mine });
      expect(await readOf(two.auth, warningIds[1])).toBe(false);
      expect(await readOf(one.auth, warningIds[1])).toBe(false);
      const { rows } = await t.db.query('SELECT 1 FROM sla_warning_reads WHERE user_id = $1', [outsider.id]);
      expect(rows).toEqual([]);
      // "All" marks only the caller's own.
      await markRead(outsider.auth, {}).expect(200);
      expect(await readOf(one.auth, warningIds[1])).toBe(false);
      const all = await t.db.query('SELECT warning_id FROM sla_warning_reads WHERE user_id = $1', [
        outsider.id,
      ]);
      expect(all.rows.map((r) => r.warning_id)).not.toContain(warningIds[1]);
    });

    it("marks every one of the caller's warnings read when no ids are given", async () => {
      expect((await markRead(two.auth, {}).expect(200)).body).toEqual({ unread: 0 });
      const after = await list(two.auth);
      expect(after.unread).toBe(0);
      expect(after.items.every((i) => i.read)).toBe(true);
      expect(await readOf(one.auth, warningIds[1])).toBe(false);
    });

    it('refuses ids that are not a list of UUIDs, naming the field', async () => {
      for (const body of [
        { ids: ['not-a-uuid'] },
        { ids: [] },
        { ids: 'all' },
        { ids: [warningIds[0]], extra: 1 },
      ]) {
        const res = await markRead(one.auth, body).expect(400);
        expect(JSON.stringify(res.body)).toMatch(body.ids === undefined || 'extra' in body ? /extra/ : /ids/);
      }
      await t.http().post('/api/notifications/sla/read').send({}).expect(401);
      await markRead(w.a1.auth, {}).expect(403);
      await markRead(w.dpo.auth, {}).expect(403);
    });

    it('an erasure of a staff member deletes their read marks, and only theirs', async () => {
      await markRead(one.auth, {}).expect(200);
      const count = async (userId: string) =>
        (await t.db.query('SELECT count(*)::int AS n FROM sla_warning_reads WHERE user_id = $1', [userId]))
          .rows[0].n as number;
      expect(await count(one.id)).toBeGreaterThanOrEqual(2);
      const twoBefore = await count(two.id);
      expect(twoBefore).toBeGreaterThanOrEqual(2);
      const { rows } = await t.db.query('SELECT person_id FROM users WHERE id = $1', [one.id]);
      const created = await t
        .http()
        .post('/api/dsar')
        .set('authorization', w.dpo.auth)
        .send({ kind: 'erasure', subject: { personId: rows[0].person_id }, channel: 'email' })
        .expect(201);
      await t
        .http()
        .post(`/api/dsar/${created.body.id}/verify`)
        .set('authorization', w.dpo.auth)
        .send({ method: 'known_contact_details' })
        .expect(200);
      // A staff account is bound to a request only by the DPO's choice.
      await t
        .http()
        .post(`/api/dsar/${created.body.id}/collect`)
        .set('authorization', w.dpo.auth)
        .expect(202);
      await waitForDsar(t, w.dpo.auth, created.body.id, (d) => d.status === 'needs_subject');
      await t
        .http()
        .post(`/api/dsar/${created.body.id}/subject`)
        .set('authorization', w.dpo.auth)
        .send({ personId: rows[0].person_id })
        .expect(202);
      await waitForDsar(t, w.dpo.auth, created.body.id, (d) => d.status !== 'collecting');
      const preview = await t
        .http()
        .get(`/api/dsar/${created.body.id}/erasure-preview`)
        .set('authorization', w.dpo.auth)
        .expect(200);
      expect(
        preview.body.erase.find((e: { what: string }) => e.what.startsWith('Marks of which SLA warnings'))
          ?.count,
      ).toBe(await count(one.id));
      const erased = await t
        .http()
        .post(`/api/dsar/${created.body.id}/erase`)
        .set('authorization', w.dpo.auth)
        .send({ confirmation: preview.body.confirmationPhrase })
        .expect(200);
      expect(
        erased.body.actions.find((a: { action: string }) => a.action === 'SLA warning read marks deleted')
          ?.count,
      ).toBeGreaterThanOrEqual(2);
      expect(await count(one.id)).toBe(0);
      expect(await count(two.id)).toBe(twoBefore);
    });

    it('read marks go with their warning (and so with a deleted ticket or account)', async () => {
      const before = await t.db.query(
        'SELECT count(*)::int AS n FROM sla_warning_reads WHERE warning_id = $1',
        [warningIds[0]],
      );
      expect(before.rows[0].n).toBeGreaterThan(0);
      await t.db.query('DELETE FROM sla_warnings WHERE id = $1', [warningIds[0]]);
      const after = await t.db.query(
        'SELECT count(*)::int AS n FROM sla_warning_reads WHERE warning_id = $1',
        [warningIds[0]],
      );
      expect(after.rows[0].n).toBe(0);
      const fks = await t.db.query(
        `SELECT conname, confdeltype FROM pg_constraint WHERE conrelid = 'sla_warning_reads'::regclass AND contype = 'f'
          ORDER BY conname`,
      );
      expect(fks.rows).toEqual([
        { conname: 'fk_sla_warning_reads_user', confdeltype: 'c' },
        { conname: 'fk_sla_warning_reads_warning', confdeltype: 'c' },
      ]);
    });
  });

  describe('retention', () => {
    const policy = (auth: string, days: unknown) =>
      t.http().patch('/api/retention/policies/sla_warnings').set('authorization', auth).send({ days });

    it('has its own period, 90 days by default, from a week to a year, quoted in the record of processing', async () => {
      const policies = await t
        .http()
        .get('/api/retention/policies')
        .set('authorization', w.dpo.auth)
        .expect(200);
      expect(policies.body.find((p: { category: string }) => p.category === 'sla_warnings')).toMatchObject({
        days: 90,
        minDays: 7,
        maxDays: 365,
        editableBy: ['dpo', 'admin'],
      });
      for (const days of [6, 366]) {
        const bad = await policy(w.admin.auth, days).expect(400);
        expect(Object.keys(bad.body.fields)).toEqual(['days']);
      }
      await policy(w.engineer.auth, 30).expect(403);
      await policy(w.admin.auth, 30).expect(200);
      const ropa = await t.http().get('/api/privacy/ropa').set('authorization', w.dpo.auth).expect(200);
      expect(JSON.stringify(ropa.body)).toContain(
        'SLA warnings sent to staff, with who read them and when, are deleted 30 days after they were sent',
      );
      await policy(w.dpo.auth, 90).expect(200);
    });

    it('the retention run deletes warnings sent before the period, with their read marks, and they are not sent again', async () => {
      const old = await newTicket(w.engineer2.id);
      const recent = await newTicket(w.engineer2.id);
      await breach(old.id);
      await breach(recent.id);
      await job.run();
      await t
        .http()
        .post('/api/notifications/sla/read')
        .set('authorization', w.engineer2.auth)
        .send({})
        .expect(200);
      // As if the breach and its warning were 91 days ago.
      await t.db.query(`UPDATE tickets SET next_due_at = now() - interval '91 days' WHERE id = $1`, [old.id]);
      await t.db.query(
        `UPDATE sla_warnings SET due_at = now() - interval '91 days', created_at = now() - interval '91 days'
          WHERE ticket_id = $1`,
        [old.id],
      );
      const ofTicket = async (id: string) =>
        (
          await t.db.query(
            `SELECT w.id, count(r.user_id)::int AS reads FROM sla_warnings w
               LEFT JOIN sla_warning_reads r ON r.warning_id = w.id
              WHERE w.ticket_id = $1 GROUP BY w.id`,
            [id],
          )
        ).rows as { id: string; reads: number }[];
      const [oldWarning] = await ofTicket(old.id);
      expect(oldWarning.reads).toBe(1);

      const retention = t.app.get(RetentionService);
      const dry = await retention.runNow(null, true);
      expect(dry.slaWarnings?.deleted).toBe(1);
      expect(await ofTicket(old.id)).toHaveLength(1);

      const report = await retention.runNow(null, false);
      expect(report.slaWarnings?.deleted).toBe(1);
      expect(new Date(report.slaWarnings?.sentBefore ?? 0).getTime()).toBeLessThan(
        Date.now() - 89 * 86_400_000,
      );
      expect(await ofTicket(old.id)).toEqual([]);
      const reads = await t.db.query('SELECT 1 FROM sla_warning_reads WHERE warning_id = $1', [
        oldWarning.id,
      ]);
      expect(reads.rows).toEqual([]);
      expect(await ofTicket(recent.id)).toEqual([expect.objectContaining({ reads: 1 })]);

      await job.run();
      expect(await ofTicket(old.id)).toEqual([]);
      expect(await listedFor(w.engineer2.auth)).not.toContain(old.id);
    });
  });

  it('is for staff who can be assigned: customers and DPOs are refused', async () => {
    await t.http().get('/api/notifications/sla').expect(401);
    await t.http().get('/api/notifications/sla').set('authorization', w.a1.auth).expect(403);
    await t.http().get('/api/notifications/sla').set('authorization', w.dpo.auth).expect(403);
    await t.http().get('/api/notifications/sla').set('authorization', w.admin.auth).expect(200);
  });
});
