import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

const NEW_EMAIL = 'morgan.reyes@newmail.example';

/**
 * A customer asks on My details to sign in with a new email; the DPO opens the request and finds
 * the rectification form already holding the address they asked for (from the request's
 * structured change, not read out of its text), applies it, and the customer signs in with it.
 */
describe('a sign-in email change, from My details to the DPO’s rectification, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let customer: { id: string; email: string };
  let dpo: { email: string };

  async function signIn(email: string): Promise<Page> {
    const page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return page;
  }

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    browser = await launchChromium();
    customer = await createUser(t, 'customer', { fullName: 'Morgan Reyes' });
    dpo = await createUser(t, 'dpo', { fullName: 'Dana Privacy' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the DPO’s form shows the new email; applied, it is the one the customer signs in with', async () => {
    const page = await signIn(customer.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My details' }).click();
    await page.getByRole('heading', { level: 1, name: 'My details' }).waitFor();
    await page.getByLabel('Email address', { exact: true }).fill(NEW_EMAIL);
    await page.getByLabel('Current password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Save and request email change' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Data Protection Officer' });
    await status.waitFor();
    const reference = /DSAR-\d{6}/.exec((await status.textContent()) ?? '')?.[0] as string;
    expect(reference).toMatch(/^DSAR-\d{6}$/);

    const officer = await signIn(dpo.email);
    await officer.goto('/dpo');
    await officer.getByTestId('dsar-row').filter({ hasText: reference }).click();
    await officer.getByRole('heading', { level: 1, name: reference }).waitFor();
    const form = officer.getByRole('region', { name: 'Rectification' });
    const email = form.getByLabel('Email', { exact: true });
    await email.waitFor();
    await expect(email.inputValue()).resolves.toBe(NEW_EMAIL);
    // What they asked says it too, as a fact rather than only in a sentence.
    await officer.getByText(NEW_EMAIL, { exact: true }).first().waitFor();

    await form.getByRole('button', { name: 'Apply corrections' }).click();
    // Applied, the request completes with an outcome the customer sees.
    await officer.getByText('Your details were corrected (email address).').waitFor();

    const again = await signIn(NEW_EMAIL);
    expect(new URL(again.url()).pathname).toMatch(/^\/portal/);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: customer.email, password: TEST_PASSWORD })
      .expect(401);
  });
});
