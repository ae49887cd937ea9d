import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The helpdesk's core path, live, with no page reloads: a customer logs a fault, an engineer sees
 * it arrive in the queue, adds an internal note and replies, and the customer sees the reply (and
 * never the note) as it happens.
 */
describe('a fault from report to live reply, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let customer: Page;
  let engineer: Page;

  async function signIn(email: string): Promise<Page> {
    const page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    // A full reload would wipe this marker; client-side navigation keeps it.
    await page.evaluate(() => ((globalThis as unknown as { __noReload: boolean }).__noReload = true));
    return page;
  }
  const stillNoReload = (page: Page) =>
    page.evaluate(() => (globalThis as unknown as { __noReload?: boolean }).__noReload === true);

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    engineer = await signIn('engineer@hushdesk.local');
    customer = await signIn('customer@hushdesk.local');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('walks the whole path live', async () => {
    const subject = `Handset at reception has no dial tone ${Date.now()}`;
    const note = 'Internal: the PBX trunk flapped at 09:12, check it first.';
    const reply = 'We have reset your line; please try a call now.';

    // The engineer is looking at the queue.
    await engineer.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();

    // 1. The customer logs a fault.
    await customer.getByRole('link', { name: 'Log a fault or request' }).click();
    await customer.getByRole('radio', { name: /Report a fault/ }).check();
    await customer.getByLabel('Subject').fill(subject);
    await customer
      .getByLabel('Description')
      .fill('Since this morning the Yealink at reception shows "No service".');
    await customer.getByLabel('Asset tag').fill('ACME-00412');
    await customer.getByRole('button', { name: 'Submit request' }).click();
    await customer.getByRole('heading', { level: 1, name: subject }).waitFor();
    const ticketUrl = customer.url();
    expect(ticketUrl).toMatch(/\/portal\/tickets\/[0-9a-f-]{36}$/);

    // 2. It appears in the engineer's queue without a reload.
    const row = engineer.getByRole('row', { name: new RegExp(subject) });
    await row.waitFor();

    // 3. The engineer opens it, adds an internal note, then replies.
    await row.getByRole('link').first().click();
    await engineer.getByRole('heading', { level: 1, name: subject }).waitFor();
    await engineer.getByRole('radio', { name: 'Internal note' }).check();
    await engineer.getByLabel('Message').fill(note);
    await engineer.getByRole('button', { name: 'Add internal note' }).click();
    await engineer
      .locator('[data-testid="message"][data-visibility="internal"]', { hasText: note })
      .waitFor();
    await engineer.getByRole('radio', { name: 'Public reply' }).check();
    await engineer.getByLabel('Message').fill(reply);
    await engineer.getByRole('button', { name: 'Send reply' }).click();
    await engineer.locator('[data-testid="message"][data-visibility="public"]', { hasText: reply }).waitFor();

    // 4. The customer sees the reply live, and never the note.
    await customer.locator('[data-testid="message"]', { hasText: reply }).waitFor();
    expect(await customer.locator('[data-testid="message"]').count()).toBe(1);
    expect(await customer.content()).not.toContain('PBX trunk flapped');
    expect(customer.url()).toBe(ticketUrl);
    expect(await stillNoReload(customer)).toBe(true);
    expect(await stillNoReload(engineer)).toBe(true);
  });
});
