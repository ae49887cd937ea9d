import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { SlaWarningJob } from '../../apps/api/src/notifications/sla-warning.job';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

const SHOTS = '/tmp/shots-slawarn';

/**
 * The console's SLA warnings tray: a warning the job sends arrives live as a count on the button,
 * the list links to the ticket, and after a reload the stored warnings are still there.
 */
describe('SLA warnings tray, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let engineer: Page;

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    engineer = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await engineer.goto('/login');
    await engineer.getByLabel('Email').fill('engineer@hushdesk.local');
    await engineer.getByLabel('Password').fill('hushdesk');
    await engineer.getByRole('button', { name: 'Sign in' }).click();
    await engineer.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a breach as it happens, links to the ticket, and keeps it after a reload', async () => {
    const customer = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    const created = await t
      .http()
      .post('/api/tickets')
      .set('authorization', customer)
      .send({ type: 'fault', subject: 'Trunk down at the depot', description: 'No dial tone.' })
      .expect(201);
    const { id, reference } = created.body as { id: string; reference: string };
    const me = await t.db.query(
      `SELECT u.id FROM users u JOIN people p ON p.id = u.person_id WHERE p.email = 'engineer@hushdesk.local'`,
    );
    await t.db.query(
      `UPDATE tickets SET assignee_id = $2, next_due_at = now() - interval '2 minutes',
              next_at_risk_at = now() - interval '20 minutes' WHERE id = $1`,
      [id, me.rows[0].id],
    );
    const button = engineer.getByRole('button', { name: /SLA warnings/ });
    await button.waitFor();
    await t.app.get(SlaWarningJob).run();
    await engineer.getByTestId('sla-warnings-count').waitFor();
    mkdirSync(SHOTS, { recursive: true });
    await engineer.screenshot({ path: `${SHOTS}/sla-warnings-count.png` });

    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const panel = engineer.getByRole('region', { name: 'SLA warnings' });
    const link = panel.getByRole('link', { name: new RegExp(`${reference} First response breached`) });
    await link.waitFor();
    await engineer.screenshot({ path: `${SHOTS}/sla-warnings-tray.png` });

    await engineer.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await engineer.evaluate<string>("document.activeElement?.textContent ?? ''")).toContain(
      'SLA warnings',
    );

    await engineer.reload();
    await button.click();
    await panel.getByRole('link', { name: new RegExp(reference) }).click();
    await engineer.waitForURL(`**/console/tickets/${id}`);
  });
});
