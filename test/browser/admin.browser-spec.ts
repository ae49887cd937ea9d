import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describe('admin screens, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill('admin@hushdesk.local');
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists organisations and creates one', async () => {
    await page.getByRole('row', { name: /Acme Ltd/ }).waitFor();
    await page.getByLabel('Name').fill('Northwind Telecom');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('row', { name: /Northwind Telecom/ }).waitFor();
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM organisations WHERE name = 'Northwind Telecom'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('shows the API’s field error for a duplicate organisation', async () => {
    await page.getByLabel('Name').fill('Acme Ltd');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(/already exists/);
  });

  it('creates a customer user in an organisation', async () => {
    await page.goto('/admin/users');
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByLabel('Full name').fill('Morgan Blake');
    await page.getByLabel('Email').fill('morgan.blake@northwind.example');
    await page.getByLabel('Password').fill('a-long-enough-password');
    await page.getByLabel('Role').selectOption('customer');
    await page.getByLabel('Organisation').selectOption({ label: 'Northwind Telecom' });
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('row', { name: /morgan\.blake@northwind\.example/ }).waitFor();
    const { rows } = await t.db.query(
      "SELECT u.role, o.name FROM users u JOIN people p ON p.id = u.person_id JOIN organisations o ON o.id = u.organisation_id WHERE p.email = 'morgan.blake@northwind.example'",
    );
    expect(rows).toEqual([{ role: 'customer', name: 'Northwind Telecom' }]);
  });

  it('refuses a short password before sending, marking the field', async () => {
    await page.getByLabel('Full name').fill('Short Password');
    await page.getByLabel('Email').fill('short.pw@example.test');
    await page.getByLabel('Password').fill('short');
    await page.getByLabel('Role').selectOption('engineer');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByLabel('Password').getAttribute('aria-invalid')).resolves.toBe('true');
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM people WHERE email = 'short.pw@example.test'",
    );
    expect(rows[0].n).toBe(0);
  });

  it('shows the API’s password refusals next to the password as full sentences', async () => {
    await page.goto('/admin/users');
    await page.getByLabel('Full name').fill('Rowan Achterberg');
    await page.getByLabel('Email').fill('rowan.achterberg@example.test');
    await page.getByLabel('Role').selectOption('engineer');
    const password = page.getByLabel('Password');
    const error = page.locator('#user-password-error');
    for (const [given, shown] of [
      ['Qwerty123456', 'This password is one of the most commonly leaked passwords; choose another.'],
      [
        'achterberg-in-spring',
        'This password contains the person’s name or part of their email address; choose one that does not.',
      ],
    ]) {
      await password.fill(given);
      await page.getByRole('button', { name: 'Create user' }).click();
      await page.locator('#user-password-error', { hasText: shown }).waitFor();
      await expect(error.textContent()).resolves.toBe(shown);
      await expect(password.getAttribute('aria-invalid')).resolves.toBe('true');
    }
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM people WHERE email = 'rowan.achterberg@example.test'",
    );
    expect(rows[0].n).toBe(0);
  });

  it('shows the API’s error next to the email when it is already in use', async () => {
    await page.goto('/admin/users');
    await page.getByLabel('Full name').fill('Another Engineer');
    await page.getByLabel('Email').fill('engineer@hushdesk.local');
    await page.getByLabel('Password').fill('a-long-enough-password');
    await page.getByLabel('Role').selectOption('engineer');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('This email is already in use').waitFor();
    await expect(page.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBe('true');
  });
});
