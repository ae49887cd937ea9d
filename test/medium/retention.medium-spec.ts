import { BlobStore } from '../../apps/api/src/blobs/blob-store';
import { RecordingsService } from '../../apps/api/src/recordings/recordings.service';
import { RetentionService } from '../../apps/api/src/retention/retention.service';
import { DsarService } from '../../apps/api/src/dsar/intake/dsar.service';
import { organisation, signedIn, type SignedIn } from '../support/accounts';
import { findInDatabase } from '../support/db-scan';
import { wav } from '../support/files';
import { startServiceContext, type ServiceContext } from '../support/service-context';

/**
 * The retention run below HTTP: which recordings go (by their own expiry, not their age alone),
 * which are kept (legal hold, an open DSAR about the caller), and that the audio object goes with
 * the row, leaving only an anonymous statistic; a dry run changes nothing.
 */
let s: ServiceContext;
let engineer: SignedIn;
let dpo: SignedIn;
let alice: SignedIn;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

beforeAll(async () => {
  s = await startServiceContext();
  engineer = await signedIn(s, 'engineer', 'Eli Engineer');
  dpo = await signedIn(s, 'dpo', 'Dora Protection');
  alice = await signedIn(s, 'customer', 'Alice Caller', {
    organisationId: await organisation(s, 'Acme'),
    phone: '07700 900123',
  });
});
afterAll(() => s.close());

async function call(number: string, startedDaysAgo: number): Promise<string> {
  const r = await s.ctx.get(RecordingsService).create(engineer, {
    callerNumber: number,
    direction: 'inbound',
    startedAt: daysAgo(startedDaysAgo),
    durationSeconds: 60,
  });
  return r.id;
}

async function audioKey(id: string): Promise<string> {
  const { rows } = await s.db.query('SELECT audio_blob_key FROM recordings WHERE id = $1', [id]);
  return rows[0].audio_blob_key as string;
}

describe('RetentionService against PostgreSQL and the blob store', () => {
  it('deletes expired calls with their audio, keeps held and DSAR-frozen ones; a dry run changes nothing', async () => {
    const recordings = s.ctx.get(RecordingsService);
    const retention = s.ctx.get(RetentionService);
    const blobs = s.ctx.get(BlobStore);

    const expired = await call('07700 900777', 61);
    await recordings.putAudio(engineer, expired, wav());
    const fresh = await call('07700 900555', 10);
    const held = await call('07700 900556', 70);
    await recordings.setHold(dpo, held, 'Dispute 2026/117');
    const aliceCall = await call('07700 900123', 70); // matched to Alice by her number
    await s.ctx.get(DsarService).create(alice, { kind: 'access' });
    const key = await audioKey(expired);
    expect(await blobs.size(key)).toBeGreaterThan(0);

    const before = (await s.db.query('SELECT id FROM recordings ORDER BY id')).rows;
    const dry = await retention.runNow(dpo, true);
    expect(dry.recordings).toMatchObject({ expired: 1, deleted: 0, skipped: { legalHold: 1, openDsar: 1 } });
    expect((await s.db.query('SELECT id FROM recordings ORDER BY id')).rows).toEqual(before);
    expect(await blobs.size(key)).toBeGreaterThan(0);

    const real = await retention.runNow(dpo, false);
    expect(real.recordings).toMatchObject({ deleted: 1, skipped: { legalHold: 1, openDsar: 1 } });
    const left = (await s.db.query('SELECT id FROM recordings')).rows.map((r) => r.id as string).sort();
    expect(left).toEqual([fresh, held, aliceCall].sort());
    expect(await blobs.size(key)).toBeNull();
    expect((await s.db.query('SELECT count(*)::int AS n FROM blob_deletions')).rows[0].n).toBe(0);
    // The caller's number survives nowhere; the call is counted, anonymously.
    expect(await findInDatabase(s.db, '+447700900777')).toEqual([]);
    const stats = await s.db.query('SELECT sum(calls)::int AS calls FROM call_statistics');
    expect(stats.rows[0].calls).toBe(1);
    // The run is on the audit trail.
    const audited = await s.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'retention.run'",
    );
    expect(audited.rows[0].n).toBe(1);
  });
});
