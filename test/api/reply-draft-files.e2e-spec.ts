import { BlobStore } from '../../apps/api/src/blobs/blob-store';
import { RetentionService } from '../../apps/api/src/retention/retention.service';
import { waitForDsar } from '../support/dsar';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from(
    '0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001',
    'hex',
  ),
]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const MAX = 64 * 1024;

/**
 * Files attached in the reply box are kept in the author's draft: through the upload checks, seen
 * by the author alone, moved onto the ticket when sent, deleted (row and blob) when removed, when
 * the draft is discarded or expires, and by erasure.
 */
describe('reply draft files', () => {
  let t: TestApp;
  let w: World;
  let ticketId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { ATTACHMENT_MAX_BYTES: String(MAX) } });
    w = await buildWorld(t);
    ticketId = await newTicket(w.a1.auth);
  });
  afterAll(() => t.close());

  const newTicket = async (auth: string) =>
    (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', auth)
        .send({ type: 'fault', subject: 'Router down', description: 'Lights off.' })
        .expect(201)
    ).body.id as string;
  const files = (id = ticketId) => `/api/tickets/${id}/draft/attachments`;
  const attach = (auth: string, bytes: Buffer, name: string, id = ticketId) =>
    t.http().post(files(id)).set('authorization', auth).attach('file', bytes, name);
  const draft = async (auth: string, id = ticketId) =>
    (await t.http().get(`/api/tickets/${id}/draft`).set('authorization', auth).expect(200)).body;
  const ticketFiles = async (auth: string, id = ticketId) =>
    (await t.http().get(`/api/tickets/${id}/attachments`).set('authorization', auth).expect(200)).body as {
      id: string;
      fileName: string;
    }[];
  const row = async (id: string) =>
    (await t.db.query('SELECT blob_key FROM reply_draft_files WHERE id = $1', [id])).rows[0] as
      { blob_key: string } | undefined;
  const keyOf = async (id: string) => {
    const found = await row(id);
    if (!found) throw new Error('no such draft file');
    return found.blob_key;
  };
  const blobExists = async (key: string) => (await t.app.get(BlobStore).size(key)) !== null;
  const counts = async () => {
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*)::int FROM reply_draft_files) AS files, (SELECT count(*)::int FROM attachments) AS attachments`,
    );
    return rows[0] as { files: number; attachments: number };
  };

  it('keeps a file in the author’s draft only: not on the ticket, not for other engineers or the customer', async () => {
    const res = await attach(w.engineer.auth, PNG, 'router-lights.png').expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      fileName: 'router-lights.png',
      contentType: 'image/png',
      sizeBytes: PNG.length,
      createdAt: expect.any(String),
    });
    const mine = await draft(w.engineer.auth);
    expect(mine.files).toEqual([res.body]);
    expect(mine.body).toBe('');
    expect(mine.savedAt).not.toBeNull();
    // The other engineer has a draft of their own on the ticket: it holds none of these files.
    await t
      .http()
      .put(`/api/tickets/${ticketId}/draft`)
      .set('authorization', w.engineer2.auth)
      .send({ body: 'Their own reply', visibility: 'public' })
      .expect(200);
    expect((await draft(w.engineer2.auth)).files).toEqual([]);
    expect((await draft(w.admin.auth)).files).toEqual([]);
    for (const auth of [w.engineer.auth, w.engineer2.auth, w.a1.auth])
      expect((await ticketFiles(auth)).map((f) => f.id)).not.toContain(res.body.id);
    // Another engineer can neither send nor delete it, and is not told it exists.
    await t.http().post(`${files()}/${res.body.id}/send`).set('authorization', w.engineer2.auth).expect(404);
    await t.http().delete(`${files()}/${res.body.id}`).set('authorization', w.engineer2.auth).expect(404);
    expect(await row(res.body.id)).toBeDefined();
    // An empty text saved over it keeps the draft, for its file.
    await t
      .http()
      .put(`/api/tickets/${ticketId}/draft`)
      .set('authorization', w.engineer.auth)
      .send({ body: ' ', visibility: 'public' })
      .expect(200);
    expect((await draft(w.engineer.auth)).files).toHaveLength(1);
  });

  it('refuses customers and the DPO, unknown tickets, and bad ids', async () => {
    await attach(w.a1.auth, PNG, 'a.png').expect(403);
    await attach(w.dpo.auth, PNG, 'a.png').expect(403);
    await attach(w.engineer.auth, PNG, 'a.png', '00000000-0000-4000-8000-000000000000').expect(404);
    // A ticket of another organisation the engineer cannot see is a 404 too.
    const bad = await t
      .http()
      .delete(`${files()}/not-a-uuid`)
      .set('authorization', w.engineer.auth)
      .expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['attachmentId']);
  });

  it.each([
    [EXE, 'setup.exe', 400, /not accepted/],
    [PNG, 'notes.txt', 400, /does not match its name/],
    [Buffer.alloc(0), 'empty.txt', 400, /empty/],
    [Buffer.alloc(MAX + 1, 'a'), 'huge.txt', 413, /larger than/],
  ])(
    'checks a file as an upload to the ticket (%#), leaving no row or blob',
    async (bytes, name, status, message) => {
      const before = await counts();
      const queued = (await t.db.query('SELECT count(*)::int AS n FROM blob_deletions')).rows[0].n;
      const res = await attach(w.engineer.auth, bytes as Buffer, name as string).expect(status as number);
      expect(res.body.message).toMatch(message as RegExp);
      if (status === 400) expect(Object.keys(res.body.fields)).toEqual(['file']);
      expect(await counts()).toEqual(before);
      // The blob written before the check refused it is gone, and nothing is left queued for it.
      expect((await t.db.query('SELECT count(*)::int AS n FROM blob_deletions')).rows[0].n).toBe(queued);
    },
  );

  it('refuses a body that is not a file, naming the field', async () => {
    const res = await t.http().post(files()).set('authorization', w.engineer.auth).send({ x: 1 }).expect(400);
    expect(Object.keys(res.body.fields)).toEqual(['file']);
  });

  it('sending moves the file onto the ticket, with its blob, where the customer sees it', async () => {
    const kept = (await attach(w.engineer.auth, Buffer.from('sync lost at 09:14\n'), 'sync.log').expect(201))
      .body;
    const blob_key = await keyOf(kept.id);
    const sent = await t
      .http()
      .post(`${files()}/${kept.id}/send`)
      .set('authorization', w.engineer.auth)
      .expect(201);
    expect(sent.body).toMatchObject({ ticketId, fileName: 'sync.log', contentType: 'text/plain' });
    expect(await row(kept.id)).toBeUndefined();
    expect((await draft(w.engineer.auth)).files.map((f: { id: string }) => f.id)).not.toContain(kept.id);
    expect((await ticketFiles(w.a1.auth)).map((f) => f.id)).toContain(sent.body.id);
    const onTicket = await t.db.query('SELECT blob_key FROM attachments WHERE id = $1', [sent.body.id]);
    expect(onTicket.rows[0].blob_key).toBe(blob_key);
    expect(await blobExists(blob_key)).toBe(true);
    // Not queued for deletion by the draft row's removal.
    expect((await t.db.query('SELECT 1 FROM blob_deletions WHERE blob_key = $1', [blob_key])).rows).toEqual(
      [],
    );
    const dl = await t
      .http()
      .get(`/api/tickets/${ticketId}/attachments/${sent.body.id}`)
      .set('authorization', w.a1.auth)
      .expect(200);
    expect(dl.text).toBe('sync lost at 09:14\n');
    // Sent once only.
    await t.http().post(`${files()}/${kept.id}/send`).set('authorization', w.engineer.auth).expect(404);
  });

  describe('sending the reply box at once (POST /draft/send)', () => {
    const sendDraft = (auth: string, body: object, id = ticketId) =>
      t.http().post(`/api/tickets/${id}/draft/send`).set('authorization', auth).send(body);
    const messagesOf = async (id: string) =>
      (
        await t.db.query(
          'SELECT body, visibility FROM ticket_messages WHERE ticket_id = $1 ORDER BY created_at',
          [id],
        )
      ).rows as { body: string; visibility: string }[];
    const draftRow = async (userId: string, id: string) =>
      (await t.db.query('SELECT body FROM reply_drafts WHERE user_id = $1 AND ticket_id = $2', [userId, id]))
        .rows[0] as { body: string } | undefined;

    it('posts the reply, moves the files onto the ticket and deletes the draft, in one go', async () => {
      const id = await newTicket(w.a1.auth);
      await t
        .http()
        .put(`/api/tickets/${id}/draft`)
        .set('authorization', w.engineer.auth)
        .send({ body: 'Log attached, see line 2.', visibility: 'public' })
        .expect(200);
      const a = (
        await attach(
          w.engineer.auth,
          Buffer.from('line 1\nline 2: page noc@carrier.example\n'),
          'router.log',
          id,
        ).expect(201)
      ).body;
      const b = (await attach(w.engineer.auth, PNG, 'lights.png', id).expect(201)).body;
      const keys = [await keyOf(a.id), await keyOf(b.id)];
      const sent = await sendDraft(
        w.engineer.auth,
        { body: 'Log attached, see line 2.', visibility: 'public', attachmentIds: [a.id, b.id] },
        id,
      ).expect(201);
      expect(sent.body.message).toMatchObject({
        ticketId: id,
        body: 'Log attached, see line 2.',
        visibility: 'public',
      });
      expect(sent.body.attachments.map((f: { fileName: string }) => f.fileName)).toEqual([
        'router.log',
        'lights.png',
      ]);
      expect(await messagesOf(id)).toEqual([{ body: 'Log attached, see line 2.', visibility: 'public' }]);
      expect((await ticketFiles(w.engineer.auth, id)).map((f) => f.fileName).sort()).toEqual([
        'lights.png',
        'router.log',
      ]);
      expect(await ticketFiles(w.a1.auth, id)).toHaveLength(2);
      // The text file's content is indexed now that it is on the ticket (the address in it).
      const indexed = await t.db.query(
        `SELECT DISTINCT m.kind FROM identifier_mentions m JOIN attachments a ON a.id = m.source_id
          WHERE m.source_type = 'attachment' AND a.ticket_id = $1 AND a.file_name = 'router.log'`,
        [id],
      );
      expect(indexed.rows.map((r) => r.kind)).toContain('email');
      expect(await draftRow(w.engineer.id, id)).toBeUndefined();
      for (const key of keys) {
        expect(await blobExists(key)).toBe(true);
        expect((await t.db.query('SELECT 1 FROM blob_deletions WHERE blob_key = $1', [key])).rows).toEqual(
          [],
        );
      }
    });

    it('on any refusal sends nothing: no message, the files still in the draft, the draft kept', async () => {
      const id = await newTicket(w.a1.auth);
      await t
        .http()
        .put(`/api/tickets/${id}/draft`)
        .set('authorization', w.engineer.auth)
        .send({ body: 'Keep me', visibility: 'internal' })
        .expect(200);
      const kept = (await attach(w.engineer.auth, PNG, 'kept.png', id).expect(201)).body;
      const stranger = (await attach(w.engineer2.auth, PNG, 'theirs.png', id).expect(201)).body;
      const unchanged = async () => {
        expect(await messagesOf(id)).toEqual([]);
        expect(await ticketFiles(w.engineer.auth, id)).toEqual([]);
        expect(await row(kept.id)).toBeDefined();
        expect(await draftRow(w.engineer.id, id)).toEqual({ body: 'Keep me' });
      };
      // Another engineer's file, named with one of the caller's: 404, and the caller's stays put.
      await sendDraft(
        w.engineer.auth,
        { body: 'Note', visibility: 'internal', attachmentIds: [kept.id, stranger.id] },
        id,
      ).expect(404);
      await unchanged();
      // Text over the limit, files named: 400 naming the field, before anything moves.
      const long = await sendDraft(
        w.engineer.auth,
        { body: 'x'.repeat(20_001), visibility: 'internal', attachmentIds: [kept.id] },
        id,
      ).expect(400);
      expect(Object.keys(long.body.fields)).toEqual(['body']);
      await unchanged();
      // The ticket closed while the reply was written: 409, files and draft kept.
      await t.db.query(`UPDATE tickets SET status = 'closed' WHERE id = $1`, [id]);
      await sendDraft(
        w.engineer.auth,
        { body: 'Late', visibility: 'public', attachmentIds: [kept.id] },
        id,
      ).expect(409);
      await unchanged();
      await t.db.query(`UPDATE tickets SET status = 'open' WHERE id = $1`, [id]);
      // A file whose stored copy is gone: 404 naming it missing (an administrator is told), nothing sent.
      const lost = (await attach(w.engineer.auth, PNG, 'lost.png', id).expect(201)).body;
      await t.app.get(BlobStore).delete(await keyOf(lost.id));
      const missing = await sendDraft(
        w.engineer.auth,
        { body: 'Note', visibility: 'internal', attachmentIds: [kept.id, lost.id] },
        id,
      ).expect(404);
      expect(missing.body.message).toMatch(/missing from storage/);
      await t
        .http()
        .delete(`${files(id)}/${lost.id}`)
        .set('authorization', w.engineer.auth)
        .expect(204);
      await unchanged();
      // Nothing to send; bad ids, a duplicate or a wrong visibility: each named.
      const empty = await sendDraft(w.engineer.auth, { body: '   ', visibility: 'public' }, id).expect(400);
      expect(Object.keys(empty.body.fields)).toEqual(['body']);
      const bad = await sendDraft(
        w.engineer.auth,
        { visibility: 'public', attachmentIds: ['nope'] },
        id,
      ).expect(400);
      expect(Object.keys(bad.body.fields)).toEqual(['attachmentIds']);
      const twice = await sendDraft(
        w.engineer.auth,
        { visibility: 'public', attachmentIds: [kept.id, kept.id] },
        id,
      ).expect(400);
      expect(Object.keys(twice.body.fields)).toEqual(['attachmentIds']);
      const who = await sendDraft(w.engineer.auth, { body: 'x', visibility: 'everyone' }, id).expect(400);
      expect(Object.keys(who.body.fields)).toEqual(['visibility']);
      await unchanged();
      // Customers and the DPO have no drafts to send.
      await sendDraft(w.a1.auth, { body: 'Hi', visibility: 'public' }, id).expect(403);
      await sendDraft(w.dpo.auth, { body: 'Hi', visibility: 'internal' }, id).expect(403);
      await unchanged();
    });

    it('a file that leaves the draft while the send waits for the ticket undoes the message and the other files', async () => {
      const id = await newTicket(w.a1.auth);
      const first = (await attach(w.engineer.auth, PNG, 'first.png', id).expect(201)).body;
      const second = (await attach(w.engineer.auth, PNG, 'second.png', id).expect(201)).body;
      // Hold the ticket: the send reads the files, then waits inside its transaction for the lock.
      const holder = await t.db.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT 1 FROM tickets WHERE id = $1 FOR UPDATE', [id]);
        const pending = sendDraft(
          w.engineer.auth,
          { body: 'Both screenshots attached.', visibility: 'public', attachmentIds: [first.id, second.id] },
          id,
        ).then((r) => r);
        for (let i = 0; ; i++) {
          const { rows } = await holder.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          if (rows.length) break;
          if (i > 200) throw new Error('the send never waited for the ticket');
          await new Promise((r) => setTimeout(r, 25));
        }
        // Meanwhile the second file goes (removed from another tab, say).
        await holder.query('DELETE FROM reply_draft_files WHERE id = $1', [second.id]);
        await holder.query('COMMIT');
        const res = await pending;
        expect(res.status).toBe(404);
      } finally {
        holder.release();
      }
      expect(await messagesOf(id)).toEqual([]);
      expect(await ticketFiles(w.engineer.auth, id)).toEqual([]);
      expect(await row(first.id)).toBeDefined();
    });

    it('files alone go without a message; files left out stay in the draft, which stays (emptied)', async () => {
      const id = await newTicket(w.a1.auth);
      const a = (await attach(w.engineer.auth, PNG, 'send-me.png', id).expect(201)).body;
      const b = (await attach(w.engineer.auth, PNG, 'not-yet.png', id).expect(201)).body;
      const sent = await sendDraft(
        w.engineer.auth,
        { visibility: 'public', attachmentIds: [a.id] },
        id,
      ).expect(201);
      expect(sent.body.message).toBeNull();
      expect(sent.body.attachments.map((f: { fileName: string }) => f.fileName)).toEqual(['send-me.png']);
      expect(await messagesOf(id)).toEqual([]);
      expect(await row(a.id)).toBeUndefined();
      expect(await row(b.id)).toBeDefined();
      expect(await draftRow(w.engineer.id, id)).toEqual({ body: '' });
    });
  });

  it('removing a file deletes its row and its blob', async () => {
    const kept = (await attach(w.engineer.auth, PNG, 'remove-me.png').expect(201)).body;
    const blob_key = await keyOf(kept.id);
    expect(await blobExists(blob_key)).toBe(true);
    await t.http().delete(`${files()}/${kept.id}`).set('authorization', w.engineer.auth).expect(204);
    expect(await row(kept.id)).toBeUndefined();
    expect(await blobExists(blob_key)).toBe(false);
    await t.http().delete(`${files()}/${kept.id}`).set('authorization', w.engineer.auth).expect(404);
  });

  it('discarding the draft deletes its files and their blobs', async () => {
    const kept = (await attach(w.engineer2.auth, PNG, 'discard-me.png').expect(201)).body;
    const blob_key = await keyOf(kept.id);
    await t
      .http()
      .delete(`/api/tickets/${ticketId}/draft`)
      .set('authorization', w.engineer2.auth)
      .expect(204);
    expect(await row(kept.id)).toBeUndefined();
    expect(await blobExists(blob_key)).toBe(false);
    expect((await t.db.query('SELECT 1 FROM blob_deletions WHERE blob_key = $1', [blob_key])).rows).toEqual(
      [],
    );
  });

  it('an expired draft’s files are not served, and the retention run deletes them and their blobs', async () => {
    const user = await createUser(t, 'engineer', { fullName: 'Old Files' });
    const auth = await bearerFor(t, user.email);
    const kept = (await attach(auth, PNG, 'old.png').expect(201)).body;
    const blob_key = await keyOf(kept.id);
    await t.db.query(`UPDATE reply_drafts SET saved_at = now() - interval '31 days' WHERE user_id = $1`, [
      user.id,
    ]);
    expect((await draft(auth)).files).toEqual([]);
    await t.http().delete(`${files()}/${kept.id}`).set('authorization', auth).expect(204); // still theirs to remove
    const again = (await attach(auth, PNG, 'old-again.png').expect(201)).body;
    const againKey = await keyOf(again.id);
    await t.db.query(`UPDATE reply_drafts SET saved_at = now() - interval '31 days' WHERE user_id = $1`, [
      user.id,
    ]);
    await t.app.get(RetentionService).runNow(null, false);
    expect(await row(again.id)).toBeUndefined();
    expect(await blobExists(againKey)).toBe(false);
    expect(await blobExists(blob_key)).toBe(false);
  });

  describe('data-subject requests', () => {
    const SUBJECT = { name: 'Nadia Okafor', email: 'nadia.okafor@draft-files.example' };
    let subject: { id: string; personId: string; auth: string };
    let theirTicket: string;
    let onTheirs: { id: string; key: string };
    let naming: { id: string; key: string };
    let unrelated: { id: string; key: string };

    const keep = async (auth: string, name: string, id: string) => {
      const res = await attach(auth, PNG, name, id).expect(201);
      return { id: res.body.id as string, key: await keyOf(res.body.id) };
    };

    beforeAll(async () => {
      const user = await createUser(t, 'customer', {
        fullName: SUBJECT.name,
        email: SUBJECT.email,
        organisationId: w.orgA,
      });
      subject = { ...user, auth: await bearerFor(t, user.email) };
      theirTicket = await newTicket(subject.auth);
      const other = await newTicket(w.a1.auth);
      onTheirs = await keep(w.engineer.auth, 'screenshot.png', theirTicket);
      naming = await keep(w.engineer2.auth, 'Nadia Okafor handset.png', other);
      unrelated = await keep(w.admin.auth, 'rack.png', other);
    });

    const request = async (kind: string) => {
      const created = await t
        .http()
        .post('/api/dsar')
        .set('authorization', w.dpo.auth)
        .send({ kind, subject: { personId: subject.personId }, channel: 'email' })
        .expect(201);
      await t
        .http()
        .post(`/api/dsar/${created.body.id}/verify`)
        .set('authorization', w.dpo.auth)
        .send({ method: 'known_contact_details' })
        .expect(200);
      return created.body.id as string;
    };

    it('an access request lists the drafts on their tickets and those whose file names name them, with the files', async () => {
      const id = await request('access');
      await t.http().post(`/api/dsar/${id}/collect`).set('authorization', w.dpo.auth).expect(202);
      await waitForDsar(t, w.dpo.auth, id);
      const items = (
        await t.http().get(`/api/dsar/${id}/items?limit=100`).set('authorization', w.dpo.auth).expect(200)
      ).body.items as { type: string; ticketId: string; foundBy: string[] }[];
      const drafts = items.filter((i) => i.type === 'reply_draft');
      expect(drafts).toHaveLength(2);
      expect(drafts.find((d) => d.ticketId === theirTicket)?.foundBy).toEqual(['in_their_ticket']);
      expect(drafts.find((d) => d.ticketId !== theirTicket)?.foundBy).toContain('mention:name');
      const pkg = await t
        .http()
        .get(`/api/dsar/${id}/export?format=json`)
        .set('authorization', w.dpo.auth)
        .expect(200);
      const text = JSON.stringify(pkg.body);
      expect(text).not.toContain('rack.png');
      const kept = (pkg.body.items as { type: string; text: string; record: { filesKept: number } }[]).find(
        (i) => i.type === 'reply_draft' && i.text.includes('- screenshot.png (image/png'),
      );
      expect(kept?.record.filesKept).toBe(1);
    });

    it('erasure deletes the files (rows and blobs) of the drafts about them, and no others', async () => {
      const id = await request('erasure');
      const preview = await t
        .http()
        .get(`/api/dsar/${id}/erasure-preview`)
        .set('authorization', w.dpo.auth)
        .expect(200);
      const res = await t
        .http()
        .post(`/api/dsar/${id}/erase`)
        .set('authorization', w.dpo.auth)
        .send({ confirmation: preview.body.confirmationPhrase })
        .expect(200);
      expect(
        res.body.actions.find((a: { action: string }) => a.action === 'Files kept in those drafts deleted')
          ?.count,
      ).toBe(2);
      for (const gone of [onTheirs, naming]) {
        expect(await row(gone.id)).toBeUndefined();
        expect(await blobExists(gone.key)).toBe(false);
      }
      expect(await row(unrelated.id)).toBeDefined();
      expect(await blobExists(unrelated.key)).toBe(true);
    });
  });
});
