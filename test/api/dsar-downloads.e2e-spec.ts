import type { DsarDetail } from '@hushdesk/api-client';
import { unzipSync } from 'fflate';
import { asBuffer } from '../support/files';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';
import { waitForDsar } from '../support/dsar';

/**
 * A released DSAR package reaches its requester only: signed in as the person who asked from the
 * portal, or with a one-time code the DPO gives a requester without an account. Every download is
 * audited, and the link expires after DSAR_LINK_DAYS.
 */
describe('DSAR download links', () => {
  let t: TestApp;
  let w: World;

  const as = (auth: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('authorization', auth).send(body),
  });
  const dpo = () => as(w.dpo.auth);
  const anon = (url: string) => t.http().get(url);

  const until = (id: string, done: (d: DsarDetail) => boolean) => waitForDsar(t, w.dpo.auth, id, done);

  async function release(id: string) {
    await dpo().post(`/api/dsar/${id}/collect`).expect(202);
    await until(id, (d) => d.status !== 'collecting');
    return (await dpo().post(`/api/dsar/${id}/release`).expect(200)).body as {
      downloadPath: string;
      pagePath: string;
      expiresAt: string;
      access: 'sign_in' | 'one_time_code';
      oneTimeCode?: string;
    };
  }

  /** An access request a customer made from the portal: they sign in to download. */
  async function portalRelease(customer = w.a1) {
    const id = (await as(customer.auth).post('/api/dsar', { kind: 'access' }).expect(201)).body.id as string;
    return { id, ...(await release(id)) };
  }

  /** A postal request the DPO recorded for someone: a one-time code goes with the link. */
  async function postalRelease() {
    const created = await dpo()
      .post('/api/dsar', { kind: 'access', subject: { email: w.b1.email }, channel: 'post' })
      .expect(201);
    await dpo().post(`/api/dsar/${created.body.id}/verify`, { method: 'id_document' }).expect(200);
    return { id: created.body.id as string, ...(await release(created.body.id)) };
  }

  const downloads = async (id: string) =>
    (
      await t.db.query(
        `SELECT actor_id, details FROM audit_log WHERE action = 'dsar.download' AND target_id = $1 ORDER BY seq`,
        [id],
      )
    ).rows as { actor_id: string | null; details: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await startTestApp({ env: { DSAR_LINK_DAYS: '3' } });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('refuses the link without sign-in, and to another customer or the DPO signed in', async () => {
    const released = await portalRelease();
    expect(released.access).toBe('sign_in');
    expect(released.oneTimeCode).toBeUndefined();
    const none = await anon(released.downloadPath).expect(401);
    expect(none.body.message).toBe('Sign in as the person who made this request to download it.');
    for (const other of [w.a2, w.b1, w.dpo]) {
      const res = await as(other.auth).get(released.downloadPath).expect(403);
      expect(res.body.message).toBe('This download is only for the person who made the request.');
    }
    expect(await downloads(released.id)).toEqual([]);
  });

  it('gives the signed-in requester the package, auditing each download with who it was', async () => {
    const released = await portalRelease(w.a2);
    for (let i = 0; i < 2; i++) {
      const res = await as(w.a2.auth)
        .get(released.downloadPath)
        .buffer(true)
        .parse(asBuffer)
        .expect(200)
        .expect('content-type', 'application/zip')
        .expect('cache-control', 'private, no-store');
      expect(Object.keys(unzipSync(new Uint8Array(res.body as Buffer)))).toContain('data.json');
    }
    expect(await downloads(released.id)).toEqual([
      { actor_id: w.a2.id, details: { via: 'link', proof: 'session' } },
      { actor_id: w.a2.id, details: { via: 'link', proof: 'session' } },
    ]);
    const detail = await dpo().get(`/api/dsar/${released.id}`).expect(200);
    expect(detail.body.release).toMatchObject({ downloadedAt: expect.any(String), access: 'sign_in' });
  });

  it('lets a requester without an account download once with the one-time code, and then not', async () => {
    const released = await postalRelease();
    expect(released.access).toBe('one_time_code');
    expect(released.oneTimeCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(released.pagePath).toBe(released.downloadPath.replace('/api/dsar/downloads/', '/download/'));

    const missing = await anon(released.downloadPath).expect(401);
    expect(missing.body.message).toBe(
      'Enter the one-time code the Data Protection Officer gave you to download this.',
    );
    await anon(released.downloadPath).set('x-download-code', 'AAAA-AAAA').expect(403);
    // The code is read however it is typed: lower case, without the dash, with spaces.
    const typed = ` ${(released.oneTimeCode as string).toLowerCase().replace('-', ' ')} `;
    const zip = await anon(released.downloadPath)
      .set('x-download-code', typed)
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect(Object.keys(unzipSync(new Uint8Array(zip.body as Buffer)))).toContain('data.json');

    const again = await anon(released.downloadPath)
      .set('x-download-code', released.oneTimeCode as string)
      .expect(410);
    expect(again.body.message).toBe(
      'This one-time code has been used; ask the Data Protection Officer for a new one.',
    );
    // Signing in does not stand in for the code on a code link.
    await as(w.b1.auth).get(released.downloadPath).expect(401);
    expect(await downloads(released.id)).toEqual([
      { actor_id: null, details: { via: 'link', proof: 'one_time_code' } },
    ]);

    // The DPO can give a new code (audited); it too works once.
    const fresh = await dpo().post(`/api/dsar/${released.id}/download-code`).expect(200);
    expect(fresh.body).toEqual({
      oneTimeCode: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/),
      expiresAt: released.expiresAt,
    });
    await anon(released.downloadPath)
      .set('x-download-code', released.oneTimeCode as string)
      .expect(403);
    await anon(released.downloadPath).set('x-download-code', fresh.body.oneTimeCode).expect(200);
    await anon(released.downloadPath).set('x-download-code', fresh.body.oneTimeCode).expect(410);
    const trail = await dpo().get('/api/audit?action=dsar.download_code').expect(200);
    expect(trail.body.items[0]).toMatchObject({ targetId: released.id, actorId: w.dpo.id });
  });

  it('voids the code after five wrong ones, so it cannot be guessed', async () => {
    const released = await postalRelease();
    for (let i = 0; i < 5; i++) {
      await anon(released.downloadPath).set('x-download-code', `WRNG-CD${i}2`).expect(403);
    }
    const locked = await anon(released.downloadPath)
      .set('x-download-code', released.oneTimeCode as string)
      .expect(410);
    expect(locked.body.message).toBe(
      'Too many wrong codes were entered; ask the Data Protection Officer for a new one.',
    );
    expect(await downloads(released.id)).toEqual([]);
  });

  it('expires after DSAR_LINK_DAYS, and then refuses the link and the portal download alike', async () => {
    const released = await portalRelease(w.b1);
    const days = (Date.parse(released.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThanOrEqual(3);
    await t.db.query("UPDATE dsar_releases SET expires_at = now() - interval '1 minute' WHERE dsar_id = $1", [
      released.id,
    ]);
    const link = await as(w.b1.auth).get(released.downloadPath).expect(410);
    expect(link.body.message).toBe(
      'This download has expired; ask the Data Protection Officer for a new one.',
    );
    await as(w.b1.auth).get(`/api/dsar/${released.id}/export?format=zip`).expect(410);
    await dpo().post(`/api/dsar/${released.id}/download-code`).expect(409);
    expect(await downloads(released.id)).toEqual([]);
  });

  it('tells the download page what the link needs, and nothing about the request', async () => {
    const portal = await portalRelease(w.a1);
    const postal = await postalRelease();
    const status = (p: { downloadPath: string }) => anon(`${p.downloadPath}/status`).expect(200);
    expect((await status(portal)).body).toEqual({
      access: 'sign_in',
      expiresAt: portal.expiresAt,
      state: 'available',
    });
    expect((await status(postal)).body).toEqual({
      access: 'one_time_code',
      expiresAt: postal.expiresAt,
      state: 'available',
    });
    await anon('/api/dsar/downloads/not-a-real-token-0123456789/status').expect(404);
  });
});
