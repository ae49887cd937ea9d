import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';
import type { Browser } from 'playwright-core';

const SHOTS = process.env.SHOTS_DIR;

/** The queue's SLA countdown names its target: first response until someone replies, then resolution. */
describe('the queue’s SLA countdown, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('says “for first response”, then “for resolution” once an engineer replied', async () => {
    const customer = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    const engineerAuth = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
    const id = (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', customer)
        .send({ type: 'fault', subject: 'Conference phone has no audio', description: 'Room 2.' })
        .expect(201)
    ).body.id as string;

    const page = await (
      await browser.newContext({ baseURL: t.baseUrl, viewport: { width: 1280, height: 900 } })
    ).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill('engineer@hushdesk.local');
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const row = page.getByRole('row', { name: /Conference phone has no audio/ });
    await row.getByText(/left/).waitFor();
    await row.getByText('for first response').waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/queue-sla-target.png` });

    await t
      .http()
      .post(`/api/tickets/${id}/messages`)
      .set('authorization', engineerAuth)
      .send({ body: 'Looking at it now.', visibility: 'public' })
      .expect(201);
    await page.reload();
    await page
      .getByRole('row', { name: /Conference phone has no audio/ })
      .getByText('for resolution')
      .waitFor();
    await page.context().close();
  });
});
