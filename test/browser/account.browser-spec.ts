import { ROLE_LABELS, ROLES, type Role } from '@hushdesk/contracts';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

const HOME_HEADINGS: Record<Role, string> = {
  customer: 'Your requests',
  engineer: 'Queue',
  dpo: 'Data-subject requests',
  admin: 'Organisations',
};

describe('changing one’s password, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A new browser context (its own cookie jar: another device), signed in and on its home page. */
  async function signedIn(email: string, password: string, role: Role): Promise<Page> {
    const page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: HOME_HEADINGS[role] }).waitFor();
    return page;
  }

  async function openFromSidebar(page: Page): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Account' })
      .getByRole('link', { name: 'Change password' })
      .click();
    await page.waitForURL('**/account/password');
    await page.getByRole('heading', { level: 1, name: 'Change password' }).waitFor();
  }

  async function submit(page: Page, current: string, next: string, confirm = next): Promise<void> {
    await page.getByLabel('Current password').fill(current);
    await page.getByLabel('New password', { exact: true }).fill(next);
    await page.getByLabel('Confirm new password').fill(confirm);
    await page.getByRole('button', { name: 'Change password' }).click();
  }

  /** The error shown against one input: the text its aria-describedby points to, once it is invalid. */
  async function fieldError(page: Page, id: string): Promise<string> {
    await page.locator(`#${id}[aria-invalid="true"]`).waitFor();
    return (await page.locator(`#${id}-error`).textContent()) ?? '';
  }

  const invalidInputs = (page: Page) =>
    page
      .locator('form[aria-label="Change password"] input[aria-invalid="true"]')
      .evaluateAll((inputs) => inputs.map((input) => input.id));

  const liveSessions = async (userId: string): Promise<number> => {
    const { rows } = await t.db.query(
      'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
    );
    return rows[0].n;
  };

  const passwordHash = async (userId: string): Promise<string> => {
    const { rows } = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [userId]);
    return rows[0].password_hash;
  };

  it.each(ROLES)('the %s reaches the screen from the sidebar, with autocomplete hints', async (role) => {
    const user = await createUser(t, role);
    const page = await signedIn(user.email, user.password, role);
    try {
      await openFromSidebar(page);
      await expect(page.getByLabel('Current password').getAttribute('autocomplete')).resolves.toBe(
        'current-password',
      );
      await expect(
        page.getByLabel('New password', { exact: true }).getAttribute('autocomplete'),
      ).resolves.toBe('new-password');
      await expect(page.getByLabel('Confirm new password').getAttribute('autocomplete')).resolves.toBe(
        'new-password',
      );
      for (const label of ['Current password', 'Confirm new password']) {
        await expect(page.getByLabel(label).getAttribute('type')).resolves.toBe('password');
      }
      await expect(page.getByTestId('sign-out-note').textContent()).resolves.toMatch(
        /signs you out on every other browser and device/,
      );
      // Still inside the role's own frame (its sidebar), not sent back to its home.
      await expect(page.getByTestId('current-user-role').textContent()).resolves.toBe(ROLE_LABELS[role]);
      expect(new URL(page.url()).pathname).toBe('/account/password');
    } finally {
      await page.context().close();
    }
  });

  it('checks the form, shows the API’s errors against the right field, then changes the password: other devices are signed out, this one is not', async () => {
    const user = await createUser(t, 'engineer');
    const newPassword = 'violet kettle under the stairs';
    const hashBefore = await passwordHash(user.id);

    // Another device, signed in before the change.
    const other = await signedIn(user.email, TEST_PASSWORD, 'engineer');
    const page = await signedIn(user.email, TEST_PASSWORD, 'engineer');
    await openFromSidebar(page);
    const changeRequests: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/auth/password')
        changeRequests.push(request.url());
    });

    // 1. Checked in the browser, without asking the API: too short, then a confirmation that differs.
    await submit(page, TEST_PASSWORD, 'too-short');
    await expect(fieldError(page, 'password-new')).resolves.toContain('Use at least 12 characters.');
    await expect(invalidInputs(page)).resolves.toEqual(['password-new']);
    await submit(page, TEST_PASSWORD, newPassword, `${newPassword}!`);
    await expect(fieldError(page, 'password-confirm')).resolves.toContain(
      'This does not match the new password.',
    );
    await expect(invalidInputs(page)).resolves.toEqual(['password-confirm']);
    expect(changeRequests).toHaveLength(0);

    // 2. A wrong current password: the API's 400 is shown against that field only.
    await submit(page, 'not my password at all', newPassword);
    await expect(fieldError(page, 'password-current')).resolves.toContain(
      'This is not your current password.',
    );
    await expect(invalidInputs(page)).resolves.toEqual(['password-current']);
    // Focus moves to the field in error, so a screen reader announces it.
    await page.locator('#password-current:focus').waitFor();

    // 3. A long but common password: refused against the new-password field.
    await submit(page, TEST_PASSWORD, 'passwordpassword');
    await expect(fieldError(page, 'password-new')).resolves.toMatch(
      /^This password is one of the most commonly leaked passwords; choose another\.$/,
    );
    await expect(invalidInputs(page)).resolves.toEqual(['password-new']);
    expect(changeRequests).toHaveLength(2);
    expect(await passwordHash(user.id)).toBe(hashBefore);
    expect(await liveSessions(user.id)).toBe(2);
    const cookieBefore = (await page.context().cookies()).find((c) => c.name === 'hd_session')?.value;

    // 4. A good change.
    await submit(page, TEST_PASSWORD, newPassword);
    await expect(page.getByRole('status').filter({ hasText: 'changed' }).textContent()).resolves.toMatch(
      /Your password has been changed\. Every other browser and device has been signed out; this one stays signed in\./,
    );
    expect(changeRequests).toHaveLength(3);
    await expect(invalidInputs(page)).resolves.toEqual([]);
    for (const label of ['Current password', 'Confirm new password']) {
      await expect(page.getByLabel(label).inputValue()).resolves.toBe('');
    }
    expect(await passwordHash(user.id)).not.toBe(hashBefore);
    // Both earlier sessions ended; this browser holds the one new session, under a new cookie.
    expect(await liveSessions(user.id)).toBe(1);
    const cookieAfter = (await page.context().cookies()).find((c) => c.name === 'hd_session')?.value;
    expect(cookieAfter).toBeTruthy();
    expect(cookieAfter).not.toBe(cookieBefore);

    // This browser stays signed in: a reload keeps the page, reads go through, and so do writes
    // (signing out is a POST, answered 204 only for a live session).
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Change password' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/password');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/dashboard');

    // The other device's next action takes it to the sign-in page, which says why.
    await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await other.waitForURL('**/login?expired=1');
    await other
      .getByRole('status')
      .filter({ hasText: /session has expired/i })
      .waitFor();

    const logout = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/api/auth/logout',
    );
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect((await logout).status()).toBe(204);
    await page.waitForURL('**/login');
    expect(await liveSessions(user.id)).toBe(0);

    // A fresh sign-in: the old password no longer works, the new one does.
    await other.goto('/login');
    await other.getByLabel('Email').fill(user.email);
    await other.getByLabel('Password').fill(TEST_PASSWORD);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await expect(other.getByRole('alert').textContent()).resolves.toContain('Email or password is incorrect');
    expect(new URL(other.url()).pathname).toBe('/login');
    await other.context().close();

    const fresh = await signedIn(user.email, newPassword, 'engineer');
    expect(new URL(fresh.url()).pathname).toBe('/console');
    expect(await liveSessions(user.id)).toBe(1);
    await fresh.context().close();
    await page.context().close();
  });

  it('after signing in again, a visitor sent away from the screen comes back to it', async () => {
    const user = await createUser(t, 'customer');
    const page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    try {
      await page.goto('/account/password');
      await page.waitForURL('**/login');
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL('**/account/password');
      await page.getByRole('heading', { level: 1, name: 'Change password' }).waitFor();
    } finally {
      await page.context().close();
    }
  });
});
