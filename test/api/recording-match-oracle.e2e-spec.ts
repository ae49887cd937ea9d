import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * A call's caller number is matched to a person by their phone. For a role that sees that phone
 * masked, the match would be an oracle: log or import candidate numbers, see which one links to
 * the person, and the masked phone is known without an audited reveal. These tests attack it the
 * way an engineer would, and check that the DPO still gets the match.
 */
describe('the caller-number match is no oracle for roles that see phones masked', () => {
  let t: TestApp;
  let w: World;
  const TARGET = '07700 900555';
  // The target's number as an attacker might type it, and near misses.
  const CANDIDATES = [
    '0044-7700-900-555',
    '+44 (0)7700 900 555',
    '07700.900.555',
    '(07700) 900555',
    '07700 900554',
    '07700 900556',
  ];
  const daysAgo = (d: number, minutes = 0) =>
    new Date(Date.now() - d * 86_400_000 - minutes * 60_000).toISOString();
  const header = 'call_id,caller_number,direction,started_at,duration_seconds,ticket_reference,notes';

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    await t
      .http()
      .patch(`/api/people/${w.a1.personId}`)
      .set('authorization', w.a1.auth)
      .send({ phone: TARGET })
      .expect(200);
  });
  afterAll(() => t.close());

  const importCsv = (auth: string, csv: string) =>
    t
      .http()
      .post('/api/recordings/import')
      .set('authorization', auth)
      .set('content-type', 'text/csv')
      .send(csv);
  const listAll = async (auth: string, query: Record<string, string> = {}) =>
    (
      await t
        .http()
        .get('/api/recordings')
        .query({ limit: '100', ...query })
        .set('authorization', auth)
        .expect(200)
    ).body.items as { id: string; personId: string | null; personMatch: string; notes: string | null }[];
  const reveals = async () =>
    (await t.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.reveal'")).rows[0].n;

  it('the person’s phone is masked for the engineer, so the number is not theirs to learn', async () => {
    const person = await t
      .http()
      .get(`/api/people/${w.a1.personId}`)
      .set('authorization', w.engineer.auth)
      .expect(200);
    expect(person.body.phone).toBe('••••• ••• 555');
  });

  it('an import of candidate numbers in unusual formats tells the engineer nothing about who they belong to', async () => {
    const revealsBefore = await reveals();
    const csv = [
      header,
      ...CANDIDATES.map((n, i) => `,"${n}",inbound,${daysAgo(1, i)},${30 + i},,"candidate ${n}"`),
    ].join('\n');
    const report = await importCsv(w.engineer.auth, csv).expect(200);
    expect(report.body).toMatchObject({ rows: CANDIDATES.length, imported: CANDIDATES.length });
    expect(JSON.stringify(report.body)).not.toContain(w.a1.personId);

    const mine = (await listAll(w.engineer.auth)).filter((r) => r.notes?.startsWith('candidate '));
    expect(mine).toHaveLength(CANDIDATES.length);
    for (const r of mine) {
      // The contract's keys stay; the values are withheld, and the same whatever the outcome.
      expect(r).toHaveProperty('personId', null);
      expect(r).toHaveProperty('personMatch', 'withheld');
    }
    // Filtering by the person finds none of the number-matched calls.
    const byPerson = await listAll(w.engineer.auth, { personId: w.a1.personId });
    expect(byPerson).toEqual([]);
    // And one by one.
    for (const r of mine) {
      const one = await t
        .http()
        .get(`/api/recordings/${r.id}`)
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(one.body).toMatchObject({ personId: null, personMatch: 'withheld' });
    }
    expect(await reveals()).toBe(revealsBefore);

    // The links are made all the same, and the DPO sees them.
    const dpo = (await listAll(w.dpo.auth, { personId: w.a1.personId })).filter((r) =>
      r.notes?.startsWith('candidate '),
    );
    expect(dpo.map((r) => r.notes).sort()).toEqual(
      CANDIDATES.slice(0, 4)
        .map((n) => `candidate ${n}`)
        .sort(),
    );
    expect(dpo.every((r) => r.personMatch === 'matched')).toBe(true);
  });

  it('a single logged call answers {id, personId, expiresAt} with the match withheld', async () => {
    for (const callerNumber of ['0044 7700 900 555', '07700 900554']) {
      const res = await t
        .http()
        .post('/api/recordings')
        .set('authorization', w.engineer.auth)
        .send({ callerNumber, direction: 'inbound', startedAt: daysAgo(2), durationSeconds: 60 })
        .expect(201);
      expect(res.body).toHaveProperty('id');
      expect(res.body).toHaveProperty('expiresAt');
      expect(res.body).toHaveProperty('personId', null);
      expect(res.body.personMatch).toBe('withheld');
    }
  });

  it('a number shared by several people is not flagged "ambiguous" to the engineer either', async () => {
    for (const who of [w.a2, w.b1]) {
      await t
        .http()
        .patch(`/api/people/${who.personId}`)
        .set('authorization', who.auth)
        .send({ phone: '020 7946 0999' })
        .expect(200);
    }
    const res = await t
      .http()
      .post('/api/recordings')
      .set('authorization', w.engineer.auth)
      .send({ callerNumber: '02079460999', direction: 'inbound', startedAt: daysAgo(2), durationSeconds: 5 })
      .expect(201);
    expect(res.body.personMatch).toBe('withheld');
    const dpo = await t
      .http()
      .get(`/api/recordings/${res.body.id}`)
      .set('authorization', w.dpo.auth)
      .expect(200);
    expect(dpo.body.personMatch).toBe('ambiguous');
  });

  it('a person the engineer names is theirs to see; an admin, who sees phones in clear, gets the match', async () => {
    const given = await t
      .http()
      .post('/api/recordings')
      .set('authorization', w.engineer.auth)
      .send({
        callerNumber: '01632 960123',
        direction: 'outbound',
        startedAt: daysAgo(2),
        durationSeconds: 90,
        personId: w.a1.personId,
      })
      .expect(201);
    expect(given.body).toMatchObject({ personId: w.a1.personId, personMatch: 'given' });
    const byPerson = await listAll(w.engineer.auth, { personId: w.a1.personId });
    expect(byPerson.map((r) => r.id)).toEqual([given.body.id]);

    const admin = await t
      .http()
      .post('/api/recordings')
      .set('authorization', w.admin.auth)
      .send({
        callerNumber: '+447700900555',
        direction: 'inbound',
        startedAt: daysAgo(3),
        durationSeconds: 10,
      })
      .expect(201);
    expect(admin.body).toMatchObject({ personId: w.a1.personId, personMatch: 'matched' });
  });

  it('re-importing a known call with candidate numbers does not reveal its number as a "duplicate"', async () => {
    // A call the admin logged from the phone system; the engineer sees its time and length.
    const startedAt = daysAgo(4);
    await importCsv(w.admin.auth, [header, `,+447700900555,inbound,${startedAt},211,,`].join('\n')).expect(
      200,
    );
    const seen = (await listAll(w.engineer.auth)).find(
      (r) => (r as unknown as { startedAt: string }).startedAt === startedAt,
    ) as unknown as { callerNumber: string; durationSeconds: number };
    expect(seen).toMatchObject({ callerNumber: '••••• ••• 555', durationSeconds: 211 });

    const guesses = ['07700 900553', '07700 900554', '0044-7700-900-555', '07700 900556', '07700 900557'];
    const probeCsv = [header, ...guesses.map((n) => `,"${n}",inbound,${startedAt},211,,`)].join('\n');
    const probe = await importCsv(w.engineer2.auth, probeCsv).expect(200);
    expect(probe.body).toMatchObject({ imported: guesses.length, duplicates: 0 });
    // The engineer's own file is still imported once only.
    const again = await importCsv(w.engineer2.auth, probeCsv).expect(200);
    expect(again.body).toMatchObject({ imported: 0, duplicates: guesses.length });
  });

  it('limits imports per account: many small imports are refused with 429, and each import is audited', async () => {
    // An engineer of its own, so the count starts from nothing whichever tests ran before.
    const importer = await createUser(t, 'engineer', { fullName: 'Ira Importer' });
    const auth = await bearerFor(t, importer.email);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await importCsv(
        auth,
        [header, `,07700 9001${String(i).padStart(2, '0')},inbound,${daysAgo(5, i)},20,,`].join('\n'),
      );
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.message).toMatch(/imports/);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    // 10 an hour in all.
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another account is not held up by this one.
    await importCsv(w.engineer.auth, [header, `,07700 900199,inbound,${daysAgo(5)},20,,`].join('\n')).expect(
      200,
    );
    const audited = await t.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'recording.import' AND actor_id = $1",
      [importer.id],
    );
    expect(audited.rows[0].n).toBe(10);
  });
});
