import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';
import { SLA_SETTINGS_REFRESH_MS } from '../../apps/api/src/sla/sla-settings.service';

const TARGETS = {
  P1: { firstResponseMinutes: 30, resolutionMinutes: 120, clock: '24x7' },
  P2: { firstResponseMinutes: 240, resolutionMinutes: 510, clock: 'business' },
  P3: { firstResponseMinutes: 510, resolutionMinutes: 1530, clock: 'business' },
  P4: { firstResponseMinutes: 1020, resolutionMinutes: 5100, clock: 'business' },
};
const SETTINGS = {
  openingTime: '09:00',
  closingTime: '17:30',
  workingDays: [1, 2, 3, 4, 5],
  bankHolidays: ['2026-12-25', '2026-12-28'],
  targets: TARGETS,
};

describe('business hours, bank holidays and SLA targets, edited by admins', () => {
  let t: TestApp;
  let second: TestApp;
  let w: World;
  const put = (body: object, auth = w.admin.auth) =>
    t.http().put('/api/settings/sla').set('authorization', auth).send(body);
  const p1Ticket = async (app: TestApp) => {
    const res = await app
      .http()
      .post('/api/tickets')
      .set('authorization', w.engineer.auth)
      .send({
        type: 'fault',
        subject: 'Exchange down',
        description: 'Every line is dead.',
        priority: 'P1',
        requesterId: w.a1.id,
      })
      .expect(201);
    return (
      (new Date(res.body.sla.firstResponse.dueAt).getTime() - new Date(res.body.createdAt).getTime()) / 60_000
    );
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { SLA_TARGETS: JSON.stringify({ P1: { firstResponseMinutes: 45 } }) } });
    // A second API process on the same database, as another worker or host would be.
    second = await startTestApp({ databaseUrl: t.databaseUrl });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('starts from the environment’s values', async () => {
    const res = await t.http().get('/api/settings/sla').set('authorization', w.admin.auth).expect(200);
    expect(res.body).toMatchObject({
      source: 'environment',
      updatedAt: null,
      timezone: 'Europe/London',
      openingTime: '08:30',
      closingTime: '17:00',
      workingDays: [1, 2, 3, 4, 5],
    });
    expect(res.body.targets.P1).toEqual({ firstResponseMinutes: 45, resolutionMinutes: 240, clock: '24x7' });
    expect(res.body.bankHolidays).toContain('2026-12-25');
    expect(Math.round(await p1Ticket(t))).toBe(45);
  });

  it('a saved change applies to new SLA clocks on this process at once and on every other within seconds', async () => {
    const res = await put(SETTINGS).expect(200);
    expect(res.body).toMatchObject({ ...SETTINGS, source: 'saved' });
    expect(Math.round(await p1Ticket(t))).toBe(30);
    await new Promise((r) => setTimeout(r, SLA_SETTINGS_REFRESH_MS + 500));
    expect(Math.round(await p1Ticket(second))).toBe(30);
    const fromSecond = await second
      .http()
      .get('/api/settings/sla')
      .set('authorization', w.admin.auth)
      .expect(200);
    expect(fromSecond.body).toMatchObject({ ...SETTINGS, source: 'saved' });

    const { rows } = await t.db.query(
      "SELECT actor_id, fields FROM audit_log WHERE action = 'settings.sla' ORDER BY seq",
    );
    expect(rows).toEqual([
      {
        actor_id: w.admin.id,
        fields: ['businessHours', 'bankHolidays', 'targets.P1'],
      },
    ]);
  });

  it('refuses what would make no sense, naming the field, and changes nothing', async () => {
    const cases: [object, string][] = [
      [{ ...SETTINGS, openingTime: '9am' }, 'openingTime'],
      [{ ...SETTINGS, closingTime: '24:00' }, 'closingTime'],
      [{ ...SETTINGS, openingTime: '17:30', closingTime: '09:00' }, 'closingTime'],
      [{ ...SETTINGS, workingDays: [] }, 'workingDays'],
      [{ ...SETTINGS, workingDays: [0, 8] }, 'workingDays'],
      [{ ...SETTINGS, bankHolidays: ['25/12/2026'] }, 'bankHolidays'],
      [{ ...SETTINGS, bankHolidays: ['2026-02-30'] }, 'bankHolidays'],
      [
        { ...SETTINGS, targets: { ...TARGETS, P2: { ...TARGETS.P2, firstResponseMinutes: 0 } } },
        'targets.P2.firstResponseMinutes',
      ],
      [
        { ...SETTINGS, targets: { ...TARGETS, P3: { ...TARGETS.P3, resolutionMinutes: 100 } } },
        'targets.P3.resolutionMinutes',
      ],
      [{ ...SETTINGS, targets: { ...TARGETS, P4: { ...TARGETS.P4, clock: 'lunar' } } }, 'targets.P4.clock'],
      [{ ...SETTINGS, targets: { P1: TARGETS.P1 } }, 'targets.P2'],
    ];
    for (const [body, field] of cases) {
      const res = await put(body).expect(400);
      expect(Object.keys(res.body.fields ?? {}).join()).toContain(field);
    }
    const res = await t.http().get('/api/settings/sla').set('authorization', w.admin.auth).expect(200);
    expect(res.body).toMatchObject(SETTINGS);
  });

  it('is for admins only', async () => {
    for (const auth of [w.engineer.auth, w.dpo.auth, w.a1.auth]) {
      await t.http().get('/api/settings/sla').set('authorization', auth).expect(403);
      await put(SETTINGS, auth).expect(403);
    }
    await t.http().get('/api/settings/sla').expect(401);
  });
});
