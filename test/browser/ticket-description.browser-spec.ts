import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/**
 * The ticket's description is Markdown, rendered by the replies' sanitising renderer on the
 * engineer's, the customer's and the DPO's ticket pages: emphasis shows, HTML shows as text and
 * never becomes an element.
 */
describe('ticket description as Markdown, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let ticketId: string;

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    const res = await t
      .http()
      .post('/api/tickets')
      .set('authorization', await bearerFor(t, 'customer@hushdesk.local', 'hushdesk'))
      .send({
        type: 'fault',
        subject: 'Handset is dead',
        description:
          'The **handset** is dead.\n\n<script>document.title = "owned"</script><img src=x onerror=alert(1)>',
      })
      .expect(201);
    ticketId = res.body.id as string;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each([
    ['customer@hushdesk.local', 'Your requests', '/portal/tickets'],
    ['engineer@hushdesk.local', 'Queue', '/console/tickets'],
    ['dpo@hushdesk.local', 'Data-subject requests', '/dpo/tickets'],
  ])('%s sees bold and no script element', async (email, home, base) => {
    const page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: home }).waitFor();
    await page.goto(`${base}/${ticketId}`);
    const description = page.locator('.ticket-facts__description');
    await description.locator('strong').waitFor();
    expect(await description.locator('strong').innerText()).toBe('handset');
    expect(await description.locator('script, img').count()).toBe(0);
    expect(await description.innerText()).toContain('<script>document.title = "owned"</script>');
    expect(await page.title()).not.toBe('owned');
    await page.context().close();
  });
});
