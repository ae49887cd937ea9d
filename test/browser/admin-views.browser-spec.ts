import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/** Set SHOTS_DIR=/some/dir to keep screenshots of the shared views screen. */
const SHOTS = process.env.SHOTS_DIR;

/**
 * `/admin/views`: an administrator creates a shared view, which an engineer then finds in the
 * queue's views column with its count; the administrator renames and refilters it, then deletes
 * it (after a confirm dialog), and it leaves the engineer's column.
 */
describe('shared views screen, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;

  async function signIn(email: string, home: string, width = 1280): Promise<Page> {
    const context = await browser.newContext({ baseURL: t.baseUrl, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: home }).waitFor();
    return page;
  }
  const shot = async (page: Page, name: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  const sharedViews = async () =>
    (await t.db.query('SELECT name, filters FROM ticket_views WHERE owner_id IS NULL ORDER BY name')).rows;

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an admin shares a view; an engineer sees it with its count; the admin edits and deletes it', async () => {
    const admin = await bearerFor(t, 'admin@hushdesk.local', 'hushdesk');
    const customer = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    const engineerAuth = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
    const group = await t
      .http()
      .post('/api/groups')
      .set('authorization', admin)
      .send({ name: 'Escalations' })
      .expect(201);
    const ids: string[] = [];
    for (const [subject, priority] of [
      ['Exchange down', 'P1'],
      ['Voicemail slow', 'P3'],
    ]) {
      const res = await t
        .http()
        .post('/api/tickets')
        .set('authorization', customer)
        .send({ type: 'fault', subject, description: 'Since this morning.', priority })
        .expect(201);
      ids.push(res.body.id as string);
    }
    await t
      .http()
      .post('/api/tickets/bulk-changes')
      .set('authorization', engineerAuth)
      .send({ ticketIds: ids, changes: { groupId: group.body.id } })
      .expect(200);

    const page = await signIn('admin@hushdesk.local', 'Organisations');
    await page.getByRole('link', { name: 'Shared views', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Shared views' }).waitFor();
    await page.getByText('No shared views yet').waitFor();
    await shot(page, 'admin-views-empty-desktop');

    // A name is required; then the view is created, shared, with its filters and count.
    const form = page.getByRole('form', { name: 'Create shared view' });
    await form.getByRole('button', { name: 'Create shared view' }).click();
    await form.getByText('Enter the view’s name.').waitFor();
    await form.getByLabel('Name').fill('Escalated');
    await form.getByLabel('Group').selectOption({ label: 'Escalations' });
    await form.getByRole('button', { name: 'Create shared view' }).click();
    await page.getByText('Created “Escalated”. Every engineer now sees it.').waitFor();
    const row = page.getByRole('row', { name: /Escalated/ });
    await row.getByText('group Escalations').waitFor();
    expect(await row.getByTestId('shared-view-count').innerText()).toBe('2');
    expect(await form.getByLabel('Name').inputValue()).toBe('');
    expect(await sharedViews()).toEqual([{ name: 'Escalated', filters: { groupId: group.body.id } }]);
    await shot(page, 'admin-views-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'admin-views-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The engineer finds it among the shared views, with its count, and it opens the queue.
    const engineer = await signIn('engineer@hushdesk.local', 'Queue');
    const views = engineer.getByRole('navigation', { name: 'Views' });
    const link = views.getByRole('region', { name: 'Shared views' }).getByRole('link', { name: /Escalated/ });
    await link.getByText('2 tickets').waitFor();
    await link.click();
    await engineer.getByRole('row', { name: /Exchange down/ }).waitFor();
    await engineer.getByRole('row', { name: /Voicemail slow/ }).waitFor();

    // Edit: renamed and narrowed to P1; the count follows.
    await page.getByRole('button', { name: 'Edit Escalated' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Escalated' });
    expect(await dialog.getByLabel('Group').inputValue()).toBe(group.body.id);
    await dialog.getByLabel('Name').fill('Escalated P1s');
    await dialog.getByLabel('Priority').selectOption('P1');
    await shot(page, 'admin-views-edit-desktop');
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await page.getByText('Saved “Escalated P1s”.').waitFor();
    const edited = page.getByRole('row', { name: /Escalated P1s/ });
    expect(await edited.getByTestId('shared-view-count').innerText()).toBe('1');
    expect(await sharedViews()).toEqual([
      { name: 'Escalated P1s', filters: { priority: 'P1', groupId: group.body.id } },
    ]);
    await engineer.reload();
    await views
      .getByRole('link', { name: /Escalated P1s/ })
      .getByText('1 ticket', { exact: true })
      .waitFor();

    // Delete asks first: Cancel keeps it, Delete view removes it for everyone.
    await page.getByRole('button', { name: 'Delete Escalated P1s' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Escalated P1s?' });
    await shot(page, 'admin-views-delete-desktop');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await sharedViews()).toHaveLength(1);
    await page.getByRole('button', { name: 'Delete Escalated P1s' }).click();
    await confirm.getByRole('button', { name: 'Delete view' }).click();
    await page.getByText('Deleted “Escalated P1s”.').waitFor();
    await page.getByText('No shared views yet').waitFor();
    expect(await sharedViews()).toEqual([]);
    await engineer.reload();
    await views.getByRole('heading', { name: 'My views' }).waitFor();
    expect(await views.getByRole('link', { name: /Escalated/ }).count()).toBe(0);
    await engineer.context().close();
    await page.context().close();
  });
});
