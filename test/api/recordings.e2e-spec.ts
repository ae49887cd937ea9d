import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { findInDatabase } from '../support/db-scan';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';
import { wav, asBuffer } from '../support/files';

const daysAgo = (d: number, extraMs = 0) => new Date(Date.now() - d * 86_400_000 - extraMs).toISOString();

describe('call recordings and retention', () => {
  let t: TestApp;
  let w: World;
  let blobDir: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    blobDir = t.app.get(AppConfig).blobDir;
    await t
      .http()
      .patch(`/api/people/${w.a1.personId}`)
      .set('authorization', w.a1.auth)
      .send({ phone: '07700 900123' })
      .expect(200);
  });
  afterAll(() => t.close());

  const log = (body: object, auth = w.engineer.auth) =>
    t.http().post('/api/recordings').set('authorization', auth).send(body);
  const call = {
    callerNumber: '+44 (0)7700 900123',
    direction: 'inbound',
    startedAt: daysAgo(1),
    durationSeconds: 185,
  };
  const run = async (dryRun: boolean) => {
    const started = await t
      .http()
      .post('/api/retention/runs')
      .set('authorization', w.dpo.auth)
      .send({ dryRun })
      .expect(201);
    for (let i = 0; i < 100; i++) {
      const res = await t
        .http()
        .get(`/api/retention/runs/${started.body.id}`)
        .set('authorization', w.dpo.auth)
        .expect(200);
      if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('retention run did not finish');
  };
  const blobPath = (key: string) => join(blobDir, key.slice(0, 2), key.slice(2, 4), key);

  describe('logging a call', () => {
    it('stores the number in E.164, matches the person by number, and expires 60 days after the call', async () => {
      const res = await log(call).expect(201);
      // Engineers see phones masked, so which person the number matched is withheld from them.
      expect(res.body).toMatchObject({
        direction: 'inbound',
        durationSeconds: 185,
        personId: null,
        personMatch: 'withheld',
        hasAudio: false,
      });
      expect(Date.parse(res.body.expiresAt) - Date.parse(call.startedAt)).toBe(60 * 86_400_000);
      expect(res.body.callerNumber).toBe('••••• ••• 123'); // engineers see it masked
      const dpo = await t
        .http()
        .get(`/api/recordings/${res.body.id}`)
        .set('authorization', w.dpo.auth)
        .expect(200);
      expect(dpo.body).toMatchObject({ personId: w.a1.personId, personMatch: 'matched' });
      expect(dpo.body.callerNumber).toBe('+447700900123');
    });

    it('links no one when the number matches several people, and flags it', async () => {
      await t
        .http()
        .patch(`/api/people/${w.a2.personId}`)
        .set('authorization', w.a2.auth)
        .send({ phone: '020 7946 0011' })
        .expect(200);
      await t
        .http()
        .patch(`/api/people/${w.b1.personId}`)
        .set('authorization', w.b1.auth)
        .send({ phone: '+44 20 7946 0011' })
        .expect(200);
      const res = await log({ ...call, callerNumber: '02079460011' }, w.admin.auth).expect(201);
      expect(res.body).toMatchObject({ personId: null, personMatch: 'ambiguous' });
    });

    it.each([
      [{ ...call, callerNumber: 'not a number' }, 'callerNumber'],
      [{ ...call, durationSeconds: -5 }, 'durationSeconds'],
      [{ ...call, startedAt: new Date(Date.now() + 3_600_000).toISOString() }, 'startedAt'],
      [{ ...call, startedAt: 'yesterday' }, 'startedAt'],
      [{ ...call, direction: 'sideways' }, 'direction'],
      [{ ...call, ticketId: '00000000-0000-4000-8000-000000000000' }, 'ticketId'],
    ])('refuses %j with 400 naming the field, storing nothing', async (body, field) => {
      const before = (await t.db.query('SELECT count(*)::int AS n FROM recordings')).rows[0].n;
      const res = await log(body).expect(400);
      expect(res.body.fields).toHaveProperty([field]);
      expect((await t.db.query('SELECT count(*)::int AS n FROM recordings')).rows[0].n).toBe(before);
    });

    it('is for engineers and admins; the DPO and customers may not log calls', async () => {
      await log(call, w.dpo.auth).expect(403);
      await log(call, w.a1.auth).expect(403);
      await t.http().post('/api/recordings').send(call).expect(401);
      await t.http().get('/api/recordings').set('authorization', w.a1.auth).expect(403);
    });
  });

  describe('audio', () => {
    it('uploads audio, refuses non-audio, and streams with Range for seeking', async () => {
      const id = (await log(call).expect(201)).body.id;
      const audio = wav();
      const notAudio = await t
        .http()
        .put(`/api/recordings/${id}/audio`)
        .set('authorization', w.engineer.auth)
        .set('content-type', 'audio/wav')
        .send(Buffer.from('just some text, not audio'))
        .expect(400);
      expect(notAudio.body.fields).toHaveProperty('audio');
      const up = await t
        .http()
        .put(`/api/recordings/${id}/audio`)
        .set('authorization', w.engineer.auth)
        .set('content-type', 'audio/wav')
        .send(audio)
        .expect(200);
      expect(up.body.hasAudio).toBe(true);
      const full = await t
        .http()
        .get(`/api/recordings/${id}/audio`)
        .set('authorization', w.dpo.auth)
        .buffer(true)
        .parse(asBuffer)
        .expect(200);
      expect(Buffer.compare(full.body as Buffer, audio)).toBe(0);
      expect(full.headers['accept-ranges']).toBe('bytes');
      const part = await t
        .http()
        .get(`/api/recordings/${id}/audio`)
        .set('authorization', w.engineer.auth)
        .set('range', 'bytes=100-199')
        .buffer(true)
        .parse(asBuffer)
        .expect(206);
      expect(part.headers['content-range']).toBe(`bytes 100-199/${audio.length}`);
      expect(Buffer.compare(part.body as Buffer, audio.subarray(100, 200))).toBe(0);
      await t
        .http()
        .get(`/api/recordings/${id}/audio`)
        .set('authorization', w.engineer.auth)
        .set('range', `bytes=${audio.length + 10}-`)
        .expect(416);
    });
  });

  describe('legal hold', () => {
    it('is for the DPO only, needs a reason, and is audited', async () => {
      const id = (await log(call).expect(201)).body.id;
      const noReason = await t
        .http()
        .post(`/api/recordings/${id}/hold`)
        .set('authorization', w.dpo.auth)
        .send({})
        .expect(400);
      expect(noReason.body.fields).toHaveProperty('reason');
      await t
        .http()
        .post(`/api/recordings/${id}/hold`)
        .set('authorization', w.engineer.auth)
        .send({ reason: 'dispute over billing' })
        .expect(403);
      const held = await t
        .http()
        .post(`/api/recordings/${id}/hold`)
        .set('authorization', w.dpo.auth)
        .send({ reason: 'Billing dispute, claim 4412' })
        .expect(200);
      expect(held.body.hold).toMatchObject({ reason: 'Billing dispute, claim 4412', byId: w.dpo.id });
      const released = await t
        .http()
        .delete(`/api/recordings/${id}/hold`)
        .set('authorization', w.dpo.auth)
        .expect(200);
      expect(released.body.hold).toBeNull();
      const { rows } = await t.db.query('SELECT action FROM audit_log WHERE target_id = $1 ORDER BY seq', [
        id,
      ]);
      expect(rows.map((r) => r.action)).toEqual(['recording.hold', 'recording.release']);
    });
  });

  describe('retention', () => {
    it('deletes at exactly 60 days, keeps 59 days 23 hours, skips holds and open DSARs; a dry run changes nothing', async () => {
      await t.db.query('DELETE FROM recordings');
      const make = async (startedAt: string, number = '07700 900555') =>
        (await log({ ...call, callerNumber: number, startedAt }).expect(201)).body.id as string;
      const expired = await make(daysAgo(60), '07700 900777'); // exactly 60 days old
      const fresh = await make(daysAgo(59));
      // 59 days 23 hours old: one hour left.
      await t.db.query(
        "UPDATE recordings SET started_at = now() - interval '59 days 23 hours', expires_at = now() + interval '1 hour' WHERE id = $1",
        [fresh],
      );
      const held = await make(daysAgo(70));
      await t
        .http()
        .post(`/api/recordings/${held}/hold`)
        .set('authorization', w.dpo.auth)
        .send({ reason: 'Court order 2026/117' })
        .expect(200);
      const underDsar = await make(daysAgo(70), '07700 900123'); // Alice's number: matched to her
      await t.db.query(
        "INSERT INTO dsar_requests (kind, subject_person_id, received_at, due_at) VALUES ('access', $1, now(), now() + interval '1 month')",
        [w.a1.personId],
      );
      const id = await make(daysAgo(61));
      await t
        .http()
        .put(`/api/recordings/${id}/audio`)
        .set('authorization', w.engineer.auth)
        .set('content-type', 'audio/wav')
        .send(wav())
        .expect(200);
      const [{ audio_blob_key: key }] = (
        await t.db.query('SELECT audio_blob_key FROM recordings WHERE id = $1', [id])
      ).rows;
      expect(existsSync(blobPath(key))).toBe(true);

      const before = (await t.db.query('SELECT id FROM recordings ORDER BY id')).rows;
      const dry = await run(true);
      expect(dry.report.recordings).toMatchObject({
        expired: 2,
        deleted: 0,
        skipped: { legalHold: 1, openDsar: 1 },
      });
      expect(dry.report.recordings.ids.sort()).toEqual([expired, id].sort());
      expect((await t.db.query('SELECT id FROM recordings ORDER BY id')).rows).toEqual(before);
      expect(existsSync(blobPath(key))).toBe(true);

      const real = await run(false);
      expect(real.report.recordings).toMatchObject({ deleted: 2, skipped: { legalHold: 1, openDsar: 1 } });
      expect(real.report.recordings.skippedIds).toEqual(
        expect.arrayContaining([
          { id: held, why: 'legal_hold' },
          { id: underDsar, why: 'open_dsar' },
        ]),
      );
      const left = (await t.db.query('SELECT id FROM recordings')).rows.map((r) => r.id).sort();
      expect(left).toEqual([fresh, held, underDsar].sort());
      expect(existsSync(blobPath(key))).toBe(false);
      expect((await t.db.query('SELECT count(*)::int AS n FROM blob_deletions')).rows[0].n).toBe(0);
      // What is left is an anonymous statistic.
      const stats = await t.db.query('SELECT sum(calls)::int AS calls FROM call_statistics');
      expect(stats.rows[0].calls).toBe(2);

      // The expired recording is gone from every response and every table.
      await t.http().get(`/api/recordings/${id}`).set('authorization', w.dpo.auth).expect(404);
      const listed = await t
        .http()
        .get('/api/recordings?limit=100')
        .set('authorization', w.dpo.auth)
        .expect(200);
      expect(listed.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
      expect(await findInDatabase(t.db, id)).toEqual(
        expect.not.arrayContaining([expect.stringMatching(/^recordings\./)]),
      );
      expect((await findInDatabase(t.db, id)).filter((h) => !h.startsWith('retention_runs.'))).toEqual([]);
      expect(await findInDatabase(t.db, '+447700900777')).toEqual([]);

      // Closing the DSAR unfreezes the subject's expired recording.
      await t.db.query('UPDATE dsar_requests SET closed_at = now()');
      const after = await run(false);
      expect(after.report.recordings.deleted).toBe(1);
    });

    it('resumes a run that was killed: blobs left in the outbox are deleted by the next run', async () => {
      const id = (await log({ ...call, startedAt: daysAgo(80) }).expect(201)).body.id;
      await t
        .http()
        .put(`/api/recordings/${id}/audio`)
        .set('authorization', w.engineer.auth)
        .set('content-type', 'audio/wav')
        .send(wav())
        .expect(200);
      const [{ audio_blob_key: key }] = (
        await t.db.query('SELECT audio_blob_key FROM recordings WHERE id = $1', [id])
      ).rows;
      // What a run killed right after committing a batch leaves: the row gone, the file still there,
      // and its key in the outbox. Plus a run record stuck in 'running'.
      await t.db.query('BEGIN');
      await t.db.query('INSERT INTO blob_deletions (blob_key) VALUES ($1)', [key]);
      await t.db.query('DELETE FROM recordings WHERE id = $1', [id]);
      await t.db.query('COMMIT');
      await t.db.query(
        "INSERT INTO retention_runs (dry_run, status, started_at) VALUES (false, 'running', now())",
      );
      expect(existsSync(blobPath(key))).toBe(true);
      const next = await run(false);
      expect(next.status).toBe('completed');
      expect(next.report.blobs.deleted).toBeGreaterThanOrEqual(1);
      expect(existsSync(blobPath(key))).toBe(false);
      expect((await t.db.query('SELECT count(*)::int AS n FROM blob_deletions')).rows[0].n).toBe(0);
    });

    it('anonymises tickets closed more than 6 years ago: no identifier left, the requester a placeholder', async () => {
      const created = await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.a2.auth)
        .send({
          type: 'fault',
          subject: 'Porting for Bella Brook',
          description: 'Please call zed.quill@unique.example or 07700 900888 about the port.',
          contactPhone: '020 7946 0777',
        })
        .expect(201);
      const id = created.body.id as string;
      await t
        .http()
        .post(`/api/tickets/${id}/messages`)
        .set('authorization', w.a2.auth)
        .send({ body: 'My direct line is 07700 900888.', visibility: 'public' })
        .expect(201);
      const file = await t
        .http()
        .post(`/api/tickets/${id}/attachments`)
        .set('authorization', w.a2.auth)
        .attach('file', Buffer.from('zed.quill@unique.example\n'), 'contacts.txt')
        .expect(201);
      const [{ blob_key: key }] = (
        await t.db.query('SELECT blob_key FROM attachments WHERE id = $1', [file.body.id])
      ).rows;
      await t
        .http()
        .patch(`/api/tickets/${id}`)
        .set('authorization', w.engineer.auth)
        .send({ status: 'closed' })
        .expect(200);
      await t.db.query("UPDATE tickets SET closed_at = now() - interval '2191 days' WHERE id = $1", [id]);

      const dry = await run(true);
      expect(dry.report.closedTickets.anonymised).toBe(1);
      expect(
        (await t.db.query('SELECT anonymised_at FROM tickets WHERE id = $1', [id])).rows[0].anonymised_at,
      ).toBeNull();

      const real = await run(false);
      expect(real.report.closedTickets).toMatchObject({ anonymised: 1, ids: [id] });
      for (const needle of [
        'zed.quill@unique.example',
        '07700 900888',
        '+447700900888',
        '+442079460777',
        'Bella Brook',
      ]) {
        expect([
          needle,
          (await findInDatabase(t.db, needle)).filter((h) => !h.startsWith('people.')),
        ]).toEqual([needle, []]);
      }
      const ticket = await t
        .http()
        .get(`/api/tickets/${id}`)
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(ticket.body).toMatchObject({
        status: 'closed',
        subject: 'Porting for [name]',
        description: 'Please call [email] or [phone] about the port.',
        contactPhone: null,
        requester: { name: 'Former customer' },
      });
      const thread = await t
        .http()
        .get(`/api/tickets/${id}/messages`)
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(
        thread.body.items.map((m: { body: string; author: { name: string } }) => [m.body, m.author.name]),
      ).toEqual([['My direct line is [phone].', 'Former customer']]);
      expect(
        (await t.db.query('SELECT count(*)::int AS n FROM attachments WHERE ticket_id = $1', [id])).rows[0].n,
      ).toBe(0);
      expect(existsSync(blobPath(key))).toBe(false);
      // The former requester no longer sees it; the placeholder cannot sign in.
      await t.http().get(`/api/tickets/${id}`).set('authorization', w.a2.auth).expect(404);
      const again = await run(false);
      expect(again.report.closedTickets.anonymised).toBe(0);
    });

    it('lets the DPO change a retention period (audited), and refuses bad ones', async () => {
      const res = await t
        .http()
        .patch('/api/retention/policies/recordings')
        .set('authorization', w.dpo.auth)
        .send({ days: 45 })
        .expect(200);
      expect(res.body).toMatchObject({ category: 'recordings', days: 45 });
      const { rows } = await t.db.query(
        "SELECT details FROM audit_log WHERE action = 'retention.policy' ORDER BY seq DESC LIMIT 1",
      );
      expect(rows[0].details).toEqual({ from: 60, to: 45 });
      await t
        .http()
        .patch('/api/retention/policies/recordings')
        .set('authorization', w.dpo.auth)
        .send({ days: -1 })
        .expect(400);
      await t
        .http()
        .patch('/api/retention/policies/forever')
        .set('authorization', w.dpo.auth)
        .send({ days: 10 })
        .expect(400);
      await t
        .http()
        .patch('/api/retention/policies/recordings')
        .set('authorization', w.engineer.auth)
        .send({ days: 10 })
        .expect(403);
      await t
        .http()
        .patch('/api/retention/policies/recordings')
        .set('authorization', w.dpo.auth)
        .send({ days: 60 })
        .expect(200);
      const forecast = await t
        .http()
        .get('/api/retention/forecast')
        .set('authorization', w.dpo.auth)
        .expect(200);
      expect(forecast.body).toHaveLength(10);
    });
  });

  describe('importing a call log', () => {
    const csv = [
      'call_id,caller_number,direction,started_at,duration_seconds,ticket_reference,notes',
      `PBX-1001,07700 900123,inbound,${daysAgo(2)},125,,"Asked about the ""porting"" date"`,
      `PBX-1002,+44 20 7946 0321,outbound,${daysAgo(2)},60,,`,
      `PBX-1003,not-a-number,inbound,${daysAgo(2)},30,,`,
      `PBX-1004,01632 960001,sideways,${daysAgo(2)},30,,`,
      `PBX-1005,01632 960002,inbound,${daysAgo(2)},-4,,`,
      `,0161 496 0123,inbound,${daysAgo(3)},45,HD-999999,`,
    ].join('\r\n');
    const send = (auth: string, body: string) =>
      t
        .http()
        .post('/api/recordings/import')
        .set('authorization', auth)
        .set('content-type', 'text/csv')
        .send(body);

    it('imports the good rows, reports each bad one by line and column, and imports nothing twice', async () => {
      const first = await send(w.engineer.auth, csv).expect(200);
      expect(first.body).toMatchObject({ rows: 6, imported: 2, duplicates: 0 });
      expect(first.body.failed).toEqual([
        { line: 4, field: 'caller_number', message: 'is not a recognisable phone number' },
        { line: 5, field: 'direction', message: 'must be inbound or outbound' },
        { line: 6, field: 'duration_seconds', message: 'must be a whole number of seconds, 0 or more' },
        { line: 7, field: 'ticket_reference', message: 'does not match a ticket' },
      ]);
      const { rows } = await t.db.query(
        "SELECT notes FROM recordings WHERE caller_number = '+447700900123' AND duration_seconds = 125",
      );
      expect(rows).toEqual([{ notes: 'Asked about the "porting" date' }]);
      const again = await send(w.engineer.auth, csv).expect(200);
      expect(again.body).toMatchObject({ imported: 0, duplicates: 2 });
    });

    it('reports a ticket reference too long to be one as a bad row, importing the rest', async () => {
      const file = [
        'call_id,caller_number,direction,started_at,duration_seconds,ticket_reference,notes',
        `PBX-2001,0161 496 0456,inbound,${daysAgo(1)},40,HD-99999999999999999999,`,
        `PBX-2002,0161 496 0457,inbound,${daysAgo(1)},41,,`,
      ].join('\n');
      const res = await send(w.engineer.auth, file).expect(200);
      expect(res.body).toMatchObject({ rows: 2, imported: 1 });
      expect(res.body.failed).toEqual([
        { line: 2, field: 'ticket_reference', message: 'does not match a ticket' },
      ]);
    });

    it('reports a bad row by the file line it starts on, past blank lines and multi-line notes', async () => {
      const file = [
        'call_id,caller_number,direction,started_at,duration_seconds,ticket_reference,notes',
        '',
        `PBX-3001,0161 496 0458,inbound,${daysAgo(1)},42,,"Called twice:`,
        'first about the invoice,',
        'then about the porting date"',
        '',
        `PBX-3002,0161 496 0459,sideways,${daysAgo(1)},43,,`,
      ].join('\r\n');
      const res = await send(w.engineer.auth, file).expect(200);
      expect(res.body).toMatchObject({ rows: 2, imported: 1 });
      expect(res.body.failed).toEqual([
        { line: 7, field: 'direction', message: 'must be inbound or outbound' },
      ]);
    });

    it('refuses a file without the needed columns, and callers who may not import', async () => {
      const res = await send(w.engineer.auth, 'number,when\n123,today').expect(400);
      expect(res.body.fields).toHaveProperty('file');
      await send(w.dpo.auth, csv).expect(403);
      await send(w.a1.auth, csv).expect(403);
    });
  });
});
