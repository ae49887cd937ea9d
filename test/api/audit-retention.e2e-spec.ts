import { DataSource } from 'typeorm';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { AuditRetentionFloor1796343673442 } from '../../apps/api/src/database/migrations/1796343673442-AuditRetentionFloor';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const DAY = 86_400_000;

/**
 * Audit history cannot be cut short: the audit retention has a floor of one year, only the DPO
 * changes it, the database refuses a lower value, and verification reports every expiry with the
 * policy that caused it.
 */
describe('audit retention', () => {
  let t: TestApp;
  let w: World;
  let threeDayOldReveal: string;

  /** Records an audit entry as if it were written `daysAgo` days ago (only Date is faked). */
  async function recordAt(daysAgo: number, action: 'person.reveal' | 'person.read', subject?: string) {
    jest.useFakeTimers({
      now: Date.now() - daysAgo * DAY,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    try {
      await t.app.get(AuditService).recordNow({
        actor: { userId: w.engineer.id, role: 'engineer' },
        action,
        subjectPersonId: subject ?? w.a1.personId,
        fields: ['person.phone'],
        reason: 'calling back about the fault',
      });
    } finally {
      jest.useRealTimers();
    }
    const { rows } = await t.db.query('SELECT seq::text FROM audit_log ORDER BY seq DESC LIMIT 1');
    return rows[0].seq as string;
  }

  const patchAudit = (auth: string, days: unknown) =>
    t.http().patch('/api/retention/policies/audit').set('authorization', auth).send({ days });
  const auditPolicyDays = async () =>
    (await t.db.query("SELECT days FROM retention_policies WHERE category = 'audit'")).rows[0].days;
  async function run(auth: string, dryRun = false) {
    const started = await t
      .http()
      .post('/api/retention/runs')
      .set('authorization', auth)
      .send({ dryRun })
      .expect(201);
    for (let i = 0; i < 200; i++) {
      const res = await t
        .http()
        .get(`/api/retention/runs/${started.body.id}`)
        .set('authorization', auth)
        .expect(200);
      if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('retention run did not finish');
  }

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    // Two entries past any retention of a year, then the reveal the attack wants gone.
    await recordAt(800, 'person.read');
    await recordAt(700, 'person.read');
    threeDayOldReveal = await recordAt(3, 'person.reveal');
  });
  afterAll(() => t.close());

  it('starts at six years', async () => {
    expect(await auditPolicyDays()).toBe(2190);
    const policies = await t
      .http()
      .get('/api/retention/policies')
      .set('authorization', w.admin.auth)
      .expect(200);
    expect(policies.body.find((p: { category: string }) => p.category === 'audit')).toMatchObject({
      days: 2190,
      minDays: 365,
      editableBy: ['dpo'],
    });
  });

  it('only the DPO may change it: an admin gets 403', async () => {
    const res = await patchAudit(w.admin.auth, 1).expect(403);
    expect(res.body.message).toMatch(/only the Data Protection Officer/i);
    await patchAudit(w.admin.auth, 3000).expect(403);
    // Other periods are still the admin's to change.
    await t
      .http()
      .patch('/api/retention/policies/recordings')
      .set('authorization', w.admin.auth)
      .send({ days: 60 })
      .expect(200);
    expect(await auditPolicyDays()).toBe(2190);
  });

  it('has a floor of one year, for the DPO too, and the database holds it', async () => {
    for (const days of [1, 364]) {
      const res = await patchAudit(w.dpo.auth, days).expect(400);
      expect(res.body.fields).toHaveProperty('days');
      expect(res.body.message).toMatch(/at least 365 days/);
    }
    await expect(
      t.db.query("UPDATE retention_policies SET days = 1 WHERE category = 'audit'"),
    ).rejects.toThrow(/ck_retention_policies_audit_floor/);
    expect(await auditPolicyDays()).toBe(2190);
  });

  it('verify reports each expiry with the policy that caused it: when, how many, up to which seq, the days and who set them', async () => {
    await patchAudit(w.dpo.auth, 365).expect(200);
    const dry = await run(w.dpo.auth, true);
    expect(dry.report.audit.entries).toBe(2);
    const report = await run(w.dpo.auth);
    expect(report.report.audit).toMatchObject({ entries: 2, retentionDays: 365 });
    const { rows } = await t.db.query('SELECT action FROM audit_log WHERE seq = $1', [threeDayOldReveal]);
    expect(rows).toEqual([{ action: 'person.reveal' }]);

    const verify = await t.http().get('/api/audit/verify').set('authorization', w.admin.auth).expect(200);
    expect(verify.body).toMatchObject({ ok: true, firstBroken: null });
    expect(verify.body.expiries).toHaveLength(1);
    const [expiry] = verify.body.expiries;
    expect(expiry).toMatchObject({
      entries: 2,
      retentionDays: 365,
      setBy: { id: w.dpo.id, role: 'dpo' },
    });
    expect(Number(expiry.upToSeq)).toBeLessThan(Number(threeDayOldReveal));
    expect(Math.abs(Date.parse(expiry.at) - Date.now())).toBeLessThan(60_000);
    expect(Math.abs(Date.parse(expiry.olderThan) - (Date.now() - 365 * DAY))).toBeLessThan(60_000);
    expect(Date.parse(expiry.setAt)).toBeLessThanOrEqual(Date.parse(expiry.at));
    // The expiry is in the trail itself, with the same facts.
    const entries = await t
      .http()
      .get('/api/audit?action=audit.expire')
      .set('authorization', w.dpo.auth)
      .expect(200);
    expect(entries.body.items[0].details).toMatchObject({
      removed: 2,
      retentionDays: 365,
      setById: w.dpo.id,
    });
  });

  it('an install that had a shorter audit retention is raised to the floor by a migration', async () => {
    const migration = new AuditRetentionFloor1796343673442();
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      // The schema as it was before, with the period an admin had cut to one day.
      await migration.down(runner);
      await runner.query(
        "UPDATE retention_policies SET days = 1, updated_by_id = $1 WHERE category = 'audit'",
        [w.admin.id],
      );
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const { rows } = await t.db.query(
      "SELECT days, updated_by_id FROM retention_policies WHERE category = 'audit'",
    );
    expect(rows).toEqual([{ days: 365, updated_by_id: null }]);
    await expect(
      t.db.query("UPDATE retention_policies SET days = 30 WHERE category = 'audit'"),
    ).rejects.toThrow(/ck_retention_policies_audit_floor/);
  });
});
