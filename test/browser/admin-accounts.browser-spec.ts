import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { createUser, startTestApp, type TestApp } from '../support/test-app';

const SHOTS = '/tmp/shots-admin';
const TEMPORARY = 'amber kettle over the moorland';
const CHOSEN = 'quiet lanterns beside the harbour';

/**
 * The admin's journeys: edit an account and watch its session end in the person's own browser;
 * reset a password, which the person must replace at sign-in; rename, share and delete
 * organisations.
 */
describe('admin manages accounts and organisations, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: Page;

  async function signIn(email: string, password: string): Promise<Page> {
    const page = await (
      await browser.newContext({ baseURL: t.baseUrl, viewport: { width: 1280, height: 900 } })
    ).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return page;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    admin = await signIn('admin@hushdesk.local', 'hushdesk');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('disabling an engineer ends their session in their own browser at once', async () => {
    const engineer = await createUser(t, 'engineer', {
      fullName: 'Casey Rowe',
      email: 'casey.rowe@example.test',
    });
    const theirs = await signIn(engineer.email, engineer.password);
    await theirs.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();

    await admin.goto('/admin/users');
    await admin.getByRole('button', { name: 'Edit Casey Rowe' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Edit Casey Rowe' });
    await dialog.getByLabel('Full name').fill('Casey Rowe-Hart');
    await dialog.getByLabel('Account disabled: they cannot sign in').check();
    await dialog.getByTestId('sign-out-warning').waitFor();
    await admin.screenshot({ path: `${SHOTS}/user-edit-dialog.png` });
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await admin
      .getByText(/Saved Casey Rowe-Hart\. They were signed out everywhere and can no longer sign in/)
      .waitFor();
    const row = admin.getByRole('row', { name: /Casey Rowe-Hart/ });
    await row.getByText('Disabled').waitFor();
    await admin.screenshot({ path: `${SHOTS}/users-after-edit.png` });

    const { rows } = await t.db.query(
      'SELECT count(*)::int AS live FROM sessions WHERE user_id = $1 AND revoked_at IS NULL',
      [engineer.id],
    );
    expect(rows[0].live).toBe(0);
    // Their next step in the app finds the session gone and asks them to sign in again.
    await theirs.reload();
    await theirs.waitForURL((url) => url.pathname.startsWith('/login'));
    await theirs.getByRole('heading', { level: 1 }).waitFor();
    await theirs.context().close();
  });

  it('a reset password must be replaced before the person can do anything else', async () => {
    const customer = await createUser(t, 'customer', {
      fullName: 'Dana Frost',
      email: 'dana.frost@example.test',
    });
    await admin.goto('/admin/users');
    await admin.getByRole('button', { name: 'Edit Dana Frost' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Edit Dana Frost' });
    await dialog.getByLabel('Temporary password').fill(TEMPORARY);
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    await admin.getByText(/Reset the password of Dana Frost/).waitFor();
    await admin
      .getByRole('row', { name: /Dana Frost/ })
      .getByText('Password reset')
      .waitFor();

    const theirs = await signIn(customer.email, TEMPORARY);
    await theirs.waitForURL((url) => url.pathname === '/account/password');
    await theirs.getByTestId('password-reset-note').waitFor();
    await theirs.screenshot({ path: `${SHOTS}/password-reset-required.png` });
    // Anywhere else leads back here.
    await theirs.goto('/portal');
    await theirs.waitForURL((url) => url.pathname === '/account/password');
    await theirs.getByLabel('Current password').fill(TEMPORARY);
    await theirs.getByLabel('New password', { exact: true }).fill(CHOSEN);
    await theirs.getByLabel('Confirm new password').fill(CHOSEN);
    await theirs.getByRole('button', { name: 'Change password' }).click();
    await theirs.waitForURL((url) => url.pathname.startsWith('/portal'));
    await theirs.context().close();
  });

  it('renames an organisation, shares its tickets, and deletes only an empty one', async () => {
    await t.http().get('/api/health');
    const { rows } = await t.db.query(
      "INSERT INTO organisations (name) VALUES ('Stark Industries') RETURNING id",
    );
    await createUser(t, 'customer', { organisationId: rows[0].id });
    await t.db.query("INSERT INTO organisations (name) VALUES ('Empty Holdings')");

    await admin.goto('/admin');
    await admin.getByRole('button', { name: 'Edit Stark Industries' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Edit Stark Industries' });
    await dialog.getByLabel('Name').fill('Stark Enterprises');
    await dialog.getByLabel(/Shared: every customer/).check();
    await admin.screenshot({ path: `${SHOTS}/organisation-edit-dialog.png` });
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('Saved Stark Enterprises.').waitFor();
    await admin
      .getByRole('row', { name: /Stark Enterprises/ })
      .getByText('Shared')
      .waitFor();
    const saved = await t.db.query('SELECT name, shared_ticket_visibility FROM organisations WHERE id = $1', [
      rows[0].id,
    ]);
    expect(saved.rows[0]).toEqual({ name: 'Stark Enterprises', shared_ticket_visibility: true });

    // One with people in it is refused, saying why.
    await admin.getByRole('button', { name: 'Delete Stark Enterprises' }).click();
    const refuse = admin.getByRole('dialog', { name: 'Delete Stark Enterprises?' });
    await refuse.getByRole('button', { name: 'Delete organisation' }).click();
    await refuse.getByText(/still has user accounts/).waitFor();
    await admin.screenshot({ path: `${SHOTS}/organisation-delete-refused.png` });
    await refuse.getByRole('button', { name: 'Cancel' }).click();

    await admin.getByRole('button', { name: 'Delete Empty Holdings' }).click();
    await admin
      .getByRole('dialog', { name: 'Delete Empty Holdings?' })
      .getByRole('button', { name: 'Delete organisation' })
      .click();
    await admin.getByText('Deleted Empty Holdings.').waitFor();
    await admin.getByRole('row', { name: /Empty Holdings/ }).waitFor({ state: 'detached' });
    await admin.screenshot({ path: `${SHOTS}/organisations.png`, fullPage: true });
  });

  it('edits SLA targets and bank holidays on screen, refusing a resolution shorter than the first response', async () => {
    await admin.goto('/admin/sla');
    await admin
      .getByTestId('sla-source')
      .getByText(/defaults from the server’s configuration/)
      .waitFor();
    const firstResponse = admin.getByLabel('P1 · Critical: first response, minutes');
    const resolution = admin.getByLabel('P1 · Critical: resolution, minutes');
    await firstResponse.fill('300');
    await resolution.fill('120');
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await admin.getByText('must be at least the first-response minutes').waitFor();
    expect((await t.db.query('SELECT count(*)::int AS n FROM sla_settings')).rows[0].n).toBe(0);

    await firstResponse.fill('30');
    await admin.getByLabel('Days the desk is closed').fill('2026-12-24\n2026-12-25');
    await admin.getByLabel('Saturday').check();
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await admin.getByText('Saved. New SLA clocks use these settings from now on.').waitFor();
    await admin
      .getByTestId('sla-source')
      .getByText(/Last saved/)
      .waitFor();
    await admin.screenshot({ path: `${SHOTS}/sla-settings.png`, fullPage: true });
    const { rows } = await t.db.query('SELECT working_days, bank_holidays, targets FROM sla_settings');
    expect(rows[0]).toMatchObject({
      working_days: [1, 2, 3, 4, 5, 6],
      bank_holidays: ['2026-12-24', '2026-12-25'],
      targets: { P1: { firstResponseMinutes: 30, resolutionMinutes: 120, clock: '24x7' } },
    });
    const audit = await t.db.query("SELECT fields FROM audit_log WHERE action = 'settings.sla'");
    expect(audit.rows).toEqual([{ fields: ['workingDays', 'bankHolidays', 'targets.P1'] }]);
  });
});
