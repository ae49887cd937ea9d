import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/**
 * A legal hold without knowing any recording's id: the DPO finds the call by the caller's number,
 * written in an unusual format, and its date, places a hold with a reason in a dialog, and sees
 * the call listed as held. Calls of a ticket are found by its reference.
 */
describe('placing legal holds, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let dpo: Page;
  let engineerAuth: string;
  let ticketReference: string;
  const ids: Record<string, string> = {};

  async function logCall(name: string, callerNumber: string, startedAt: string, ticketId?: string) {
    const res = await t
      .http()
      .post('/api/recordings')
      .set('authorization', engineerAuth)
      .send({ callerNumber, direction: 'inbound', startedAt, durationSeconds: 125, ticketId })
      .expect(201);
    ids[name] = res.body.id as string;
  }
  const heldReason = async (id: string) =>
    (await t.db.query('SELECT hold_reason FROM recordings WHERE id = $1', [id])).rows[0]?.hold_reason ?? null;

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    engineerAuth = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
    const customerAuth = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', customerAuth)
      .send({ type: 'fault', subject: 'Billing line dropped', description: 'The call dropped twice.' })
      .expect(201);
    ticketReference = ticket.body.reference;
    const day = new Date(Date.now() - 5 * 86_400_000);
    const at = (hours: number) => new Date(day.getTime() + hours * 3_600_000).toISOString();
    await logCall('target', '07700 900456', at(0));
    await logCall('sameNumberEarlier', '07700 900456', new Date(Date.now() - 20 * 86_400_000).toISOString());
    await logCall('otherNumber', '07700 900999', at(1), ticket.body.id);

    dpo = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await dpo.goto('/login');
    await dpo.getByLabel('Email').fill('dpo@hushdesk.local');
    await dpo.getByLabel('Password').fill('hushdesk');
    await dpo.getByRole('button', { name: 'Sign in' }).click();
    await dpo.getByRole('heading', { level: 1, name: 'Data-subject requests' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('finds a call by number and date, holds it with a reason, and lists it as held', async () => {
    await dpo.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Retention' }).click();
    const finder = dpo.getByRole('search', { name: 'Find calls to hold' });
    await finder.waitFor();

    const day = new Date(
      Date.parse(
        (await t.db.query('SELECT started_at FROM recordings WHERE id = $1', [ids.target])).rows[0]
          .started_at,
      ),
    );
    const londonDay = day.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    await finder.getByLabel('Caller number').fill('+44 (0) 7700.900.456');
    await finder.getByLabel('From').fill(londonDay);
    await finder.getByLabel('To').fill(londonDay);
    await finder.getByRole('button', { name: 'Find calls' }).click();

    const results = dpo.getByRole('table', { name: /^Calls found/ });
    await results.waitFor();
    const rows = results.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await rows.first().getByText('+447700900456').waitFor();

    // The hold asks for a reason, in a dialog.
    await rows
      .first()
      .getByRole('button', { name: /^Place hold/ })
      .click();
    const dialog = dpo.getByRole('dialog', { name: /^Place a legal hold/ });
    await dialog.getByRole('button', { name: 'Place hold' }).click();
    await dialog.getByText('Say why it must be kept, in at least 5 characters.').waitFor();
    expect(await heldReason(ids.target)).toBeNull();
    await dialog.getByLabel('Reason').fill('Billing dispute, case 2291');
    await dialog.getByRole('button', { name: 'Place hold' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Held: in the results, and listed under the legal holds, with the reason.
    await rows.first().getByText('On legal hold').waitFor();
    const holds = dpo.getByRole('region', { name: 'Legal holds' });
    await holds.getByRole('row', { name: /Billing dispute, case 2291/ }).waitFor();
    expect(await heldReason(ids.target)).toBe('Billing dispute, case 2291');
    expect(await heldReason(ids.sameNumberEarlier)).toBeNull();
  });

  it('finds the calls of a ticket by its reference', async () => {
    const finder = dpo.getByRole('search', { name: 'Find calls to hold' });
    await finder.getByLabel('Caller number').fill('');
    await finder.getByLabel('From').fill('');
    await finder.getByLabel('To').fill('');
    await finder.getByLabel('Ticket').fill(ticketReference.toLowerCase());
    await finder.getByRole('button', { name: 'Find calls' }).click();
    const results = dpo.getByRole('table', { name: /^Calls found/ });
    await results.locator('tbody tr', { hasText: '+447700900999' }).waitFor();
    await expect(results.locator('tbody tr').count()).resolves.toBe(1);
    await results.getByText(ticketReference).waitFor();
  });

  it('holds one of a person’s calls from their data-subject request', async () => {
    const dpoAuth = await bearerFor(t, 'dpo@hushdesk.local', 'hushdesk');
    const { rows } = await t.db.query("SELECT id FROM people WHERE email = 'customer@hushdesk.local'");
    await t
      .http()
      .post('/api/recordings')
      .set('authorization', engineerAuth)
      .send({
        callerNumber: '07700 900321',
        direction: 'outbound',
        startedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
        durationSeconds: 90,
        personId: rows[0].id,
      })
      .expect(201);
    const dsar = await t
      .http()
      .post('/api/dsar')
      .set('authorization', dpoAuth)
      .send({ kind: 'access', subject: { email: 'customer@hushdesk.local' }, channel: 'email' })
      .expect(201);
    await t
      .http()
      .post(`/api/dsar/${dsar.body.id}/verify`)
      .set('authorization', dpoAuth)
      .send({ method: 'known_contact_details' })
      .expect(200);
    await t.http().post(`/api/dsar/${dsar.body.id}/collect`).set('authorization', dpoAuth).expect(202);

    await dpo.goto(`/dpo/requests/${dsar.body.id}`);
    const call = dpo.locator('[data-item-type="recording"]').first();
    await call.getByRole('button', { name: /^Place legal hold/ }).click({ timeout: 15_000 });
    const dialog = dpo.getByRole('dialog', { name: /^Place a legal hold/ });
    await dialog.getByLabel('Reason').fill('Complaint about this call, case 3310');
    await dialog.getByRole('button', { name: 'Place hold' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await call.getByText('On legal hold').waitFor();
    await call.getByText('Complaint about this call, case 3310').waitFor();
    const held = await t.db.query('SELECT count(*)::int AS n FROM recordings WHERE hold_reason = $1', [
      'Complaint about this call, case 3310',
    ]);
    expect(held.rows[0].n).toBe(1);
  });
});
