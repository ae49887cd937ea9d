import { unzipSync } from 'fflate';
import { asBuffer } from '../support/files';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';
import { waitForDsar } from '../support/dsar';

const IDENTITY = {
  name: 'Northern Lines Telecom Ltd',
  address: 'Unit 4, Example Business Park\nExampleton EX1 2MP',
  dpoName: 'Data Protection Officer',
  dpoEmail: 'privacy@northern-lines.example.com',
  dpoPhone: '020 7946 0321',
};
const PLACEHOLDER = 'The service provider running this Hushdesk';

describe('controller identity: who the notice, the RoPA and DSAR packages name', () => {
  let t: TestApp;
  let w: World;
  const as = (auth: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', auth),
    put: (url: string) => t.http().put(url).set('authorization', auth),
  });

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('starts unset, and says so instead of naming a placeholder', async () => {
    const settings = await as(w.dpo.auth).get('/api/settings/controller').expect(200);
    expect(settings.body).toEqual({
      name: null,
      address: null,
      dpoName: null,
      dpoEmail: null,
      dpoPhone: null,
      updatedAt: null,
    });
    const ropa = await as(w.admin.auth).get('/api/privacy/ropa').expect(200);
    expect(ropa.body.controller).toMatch(/^Not set yet/);
    expect(ropa.body.controllerContact).toBeNull();
    expect((await t.http().get('/api/privacy/notice/controller').expect(200)).body).toEqual({
      controller: null,
    });
  });

  it('refuses bad input naming each field, and stores nothing', async () => {
    const stored = async () =>
      (await t.db.query('SELECT to_jsonb(c) AS row FROM controller_identity c')).rows as unknown[];
    const before = await stored();
    const res = await as(w.admin.auth)
      .put('/api/settings/controller')
      .send({ name: '', address: 'x'.repeat(501), dpoEmail: 'not-an-email', colour: 'red' })
      .expect(400);
    expect(Object.keys(res.body.fields ?? {}).sort()).toEqual(['address', 'colour', 'dpoEmail', 'name']);
    const phone = await as(w.admin.auth)
      .put('/api/settings/controller')
      .send({ ...IDENTITY, dpoPhone: 'call reception' })
      .expect(400);
    expect(phone.body.message).toMatch(/dpoPhone/);
    expect(await stored()).toEqual(before);
  });

  it('lets only an admin set it: the DPO reads it, other roles may not', async () => {
    await as(w.dpo.auth).put('/api/settings/controller').send(IDENTITY).expect(403);
    await as(w.engineer.auth).get('/api/settings/controller').expect(403);
    await as(w.a1.auth).get('/api/settings/controller').expect(403);
    await t.http().put('/api/settings/controller').send(IDENTITY).expect(401);
  });

  it('is set by an admin, audited by field name, and read back by the DPO', async () => {
    const res = await as(w.admin.auth).put('/api/settings/controller').send(IDENTITY).expect(200);
    expect(res.body).toMatchObject(IDENTITY);
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await as(w.dpo.auth).get('/api/settings/controller').expect(200)).body).toMatchObject(IDENTITY);

    // The same values again change nothing and add no audit entry.
    await as(w.admin.auth).put('/api/settings/controller').send(IDENTITY).expect(200);
    const audit = await as(w.dpo.auth).get('/api/audit?action=settings.controller').expect(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      actorId: w.admin.id,
      fields: ['name', 'address', 'dpoName', 'dpoEmail', 'dpoPhone'],
    });
    expect(JSON.stringify(audit.body.items[0].details ?? {})).not.toContain(IDENTITY.dpoEmail);
  });

  it('names the controller and its DPO in the RoPA and the public privacy notice', async () => {
    const ropa = await as(w.dpo.auth).get('/api/privacy/ropa').expect(200);
    expect(ropa.body.controller).toBe(IDENTITY.name);
    expect(ropa.body.controllerContact).toEqual(IDENTITY);
    const notice = await t.http().get('/api/privacy/notice/controller').expect(200);
    expect(notice.body).toEqual({ controller: IDENTITY });
    expect(JSON.stringify(ropa.body)).not.toContain(PLACEHOLDER);
  });

  it('names them in a DSAR package: the JSON supplementary information and the printable report', async () => {
    const dsar = await t
      .http()
      .post('/api/dsar')
      .set('authorization', w.a1.auth)
      .send({ kind: 'access' })
      .expect(201);
    await t.http().post(`/api/dsar/${dsar.body.id}/collect`).set('authorization', w.dpo.auth).expect(202);
    await waitForDsar(t, w.dpo.auth, dsar.body.id);
    const zip = await as(w.dpo.auth)
      .get(`/api/dsar/${dsar.body.id}/export?format=zip`)
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    const files = unzipSync(new Uint8Array(zip.body as Buffer));
    const data = JSON.parse(Buffer.from(files['data.json']).toString('utf8'));
    expect(data.supplementaryInformation.controller).toBe(IDENTITY.name);
    expect(data.supplementaryInformation.controllerContact).toEqual(IDENTITY);
    const report = Buffer.from(files['report.html']).toString('utf8');
    expect(report).toContain(IDENTITY.name);
    expect(report).toContain('Exampleton EX1 2MP');
    expect(report).toContain(IDENTITY.dpoEmail);
    expect(report + JSON.stringify(data)).not.toContain(PLACEHOLDER);
  });
});
