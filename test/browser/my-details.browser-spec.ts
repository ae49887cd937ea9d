import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

/**
 * "My details" says exactly what happens to a new sign-in email: it asks for the current
 * password, sends the change to the DPO and gives the request's reference, and saves the other
 * fields at once.
 */
describe('My details, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let customer: { id: string; personId: string; email: string };

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    browser = await launchChromium();
    customer = await createUser(t, 'customer', { fullName: 'Harper Quinn' });
    page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/portal**');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My details' }).click();
    await page.getByRole('heading', { level: 1, name: 'My details' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const emailOnRecord = async () =>
    (await t.db.query('SELECT email FROM people WHERE id = $1', [customer.personId])).rows[0].email;

  it('asks for the current password to change the sign-in email, then sends the change to the DPO with its reference', async () => {
    const email = page.getByLabel('Email address', { exact: true });
    await expect(email.isEditable()).resolves.toBe(true);
    await expect(page.getByLabel('Current password').count()).resolves.toBe(0);

    await email.fill('harper.quinn@newmail.example');
    const password = page.getByLabel('Current password');
    await password.waitFor();

    // Without the password: refused in the browser, next to the field.
    await page.getByRole('button', { name: 'Save and request email change' }).click();
    await page
      .locator('#details-current-password-error', {
        hasText: 'Enter your current password to change the email you sign in with.',
      })
      .waitFor();

    // A wrong one: the API's sentence, next to the field.
    await password.fill('not my password at all');
    await page.getByRole('button', { name: 'Save and request email change' }).click();
    await page
      .locator('#details-current-password-error', { hasText: 'This is not your current password.' })
      .waitFor();
    expect(await emailOnRecord()).toBe(customer.email);

    // The right one, with another field changed too.
    await page.getByLabel('Full name').fill('Harper Quinn-Ellis');
    await password.fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Save and request email change' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Data Protection Officer' });
    await status.waitFor();
    const { rows } = await t.db.query(
      "SELECT reference FROM dsar_requests WHERE requester_user_id = $1 AND kind = 'rectification'",
      [customer.id],
    );
    const reference = `DSAR-${String(rows[0].reference).padStart(6, '0')}`;
    await expect(status.textContent()).resolves.toBe(
      `Your other changes have been saved. Your request to change your sign-in email was sent to the Data Protection Officer, reference ${reference}. Until they make the change, keep signing in with ${customer.email}.`,
    );
    // The email stays as it is until the DPO applies it; the name is saved now.
    expect(await emailOnRecord()).toBe(customer.email);
    await expect(email.inputValue()).resolves.toBe(customer.email);
    await expect(page.getByLabel('Current password').count()).resolves.toBe(0);
    const { rows: person } = await t.db.query('SELECT full_name FROM people WHERE id = $1', [
      customer.personId,
    ]);
    expect(person[0].full_name).toBe('Harper Quinn-Ellis');
    // The sidebar says who is signed in: the new name, without a reload.
    await page
      .getByTestId('current-user-name')
      .filter({ hasText: /^Harper Quinn-Ellis$/ })
      .waitFor({ timeout: 5_000 });
  });

  it('the sidebar shows a new name as soon as it is saved', async () => {
    const sidebar = page.getByTestId('current-user-name');
    await expect(sidebar.textContent()).resolves.toBe('Harper Quinn-Ellis');
    await page.getByLabel('Full name').fill('Harper Ellis');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Your details have been saved\.$/ })
      .waitFor();
    await sidebar.filter({ hasText: /^Harper Ellis$/ }).waitFor({ timeout: 5_000 });
    await expect(page.locator('.account__avatar').textContent()).resolves.toBe('HE');
  });
});
