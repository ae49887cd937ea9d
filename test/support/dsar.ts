import type { DsarDetail } from '@hushdesk/api-client';
import type { TestApp } from './test-app';

const collectionOver = (d: DsarDetail) => d.status !== 'collecting';

/**
 * Polls a data-subject request, as `auth`, until `done` holds (by default: its collection is over),
 * and fails the test when it does not within the time, naming the status it is stuck in.
 */
export async function waitForDsar(
  t: Pick<TestApp, 'http'>,
  auth: string,
  id: string,
  done: (d: DsarDetail) => boolean = collectionOver,
  timeoutMs = 15_000,
): Promise<DsarDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http().get(`/api/dsar/${id}`).set('authorization', auth);
    if (res.status !== 200) throw new Error(`GET /api/dsar/${id} answered ${res.status}`);
    const detail = res.body as DsarDetail;
    if (done(detail)) return detail;
    if (Date.now() > deadline) {
      throw new Error(`the request did not reach the expected state; it is ${detail.status}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
