import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../apps/api/src/demo/demo-seed.service';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const HOMES = {
  customer: { path: '/portal', heading: 'Your requests' },
  engineer: { path: '/console', heading: 'Queue' },
  dpo: { path: '/dpo', heading: 'Data-subject requests' },
  admin: { path: '/admin', heading: 'Organisations' },
} as const;

describe('signing in, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
  });
  afterEach(() => page.context().close());

  async function signIn(email: string, password: string) {
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it.each(DEMO_ACCOUNTS.map((a) => [a.role, a.email] as const))(
    'the %s lands on their own home page',
    async (role, email) => {
      await signIn(email, 'hushdesk');
      await page.waitForURL(`**${HOMES[role].path}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(HOMES[role].heading);
      // Sign out returns to the login page, and the area is closed again.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/login**');
      await page.goto(HOMES[role].path);
      await page.waitForURL('**/login**');
    },
  );

  it('a wrong password shows an error and stays on the login page', async () => {
    await signIn('engineer@hushdesk.local', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('Email or password is incorrect');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('a role visiting another role’s area is sent to its own home', async () => {
    await signIn('customer@hushdesk.local', 'hushdesk');
    await page.waitForURL('**/portal');
    await page.goto('/admin');
    await page.waitForURL('**/portal');
  });

  it('an expired session leads back to the login page with a message', async () => {
    await signIn('dpo@hushdesk.local', 'hushdesk');
    await page.waitForURL('**/dpo');
    await t.db.query('UPDATE sessions SET revoked_at = now()');
    await page.reload();
    await page.waitForURL('**/login?expired=1');
    // The page may render its (empty) live regions before the message: wait for the message itself.
    await page
      .getByRole('status')
      .filter({ hasText: /session has expired/i })
      .waitFor({ timeout: 10_000 });
  });
});
