import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';

const SHOTS = process.env.SHOTS_DIR;

/**
 * The macros page: an engineer creates, edits and deletes a personal macro (after a confirm step)
 * and sees an administrator's shared macro read-only; an administrator creates a shared one, which
 * the engineer's reply box then offers. A macro that assigns, moves to a group and sets tags,
 * applied from the reply box, leaves the ticket showing all three.
 */
describe('macros page, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;

  async function signIn(email: string, home: string): Promise<Page> {
    const page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: home }).waitFor();
    return page;
  }

  const macroRows = async (title: string) =>
    (await t.db.query('SELECT title, body, owner_id, actions FROM macros WHERE title = $1', [title])).rows;

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    await t
      .http()
      .post('/api/macros')
      .set('authorization', await bearerFor(t, 'admin@hushdesk.local', 'hushdesk'))
      .send({ title: 'Printer: restart first', body: 'Please restart the printer.', shared: true })
      .expect(201);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an engineer creates, edits and deletes a personal macro; the shared one is read-only', async () => {
    const page = await signIn('engineer@hushdesk.local', 'Queue');
    await page.getByRole('link', { name: 'Macros', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Macros' }).waitFor();

    const shared = page.getByRole('row', { name: /Printer: restart first/ });
    await shared.getByText('Shared').waitFor();
    await shared.getByText('Read-only').waitFor();
    expect(await shared.getByRole('button').count()).toBe(0);

    // New macro: a title is required, then it is saved as personal with the status it sets.
    await page.getByRole('button', { name: 'New macro' }).click();
    const form = page.getByRole('form', { name: 'Create macro' });
    await form.getByRole('button', { name: 'Create macro' }).click();
    await form.getByText('Give the macro a title.').waitFor();
    await form.getByLabel('Title').fill('Line check');
    await form.getByLabel('Text').fill('Hello {{requester.firstName}}, we are checking the line.');
    await form.getByLabel('Sets status').selectOption({ label: 'Pending customer' });
    await form.getByRole('button', { name: 'Create macro' }).click();
    await page.getByText('Created “Line check”.').waitFor();
    const row = page.getByRole('row', { name: /Line check/ });
    await row.getByText('Personal').waitFor();
    await row.getByText(/status Pending customer/).waitFor();
    const [created] = await macroRows('Line check');
    expect(created).toMatchObject({ actions: { status: 'pending_customer' } });
    expect(created.owner_id).not.toBeNull();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/engineer-macros.png`, fullPage: true });

    // Edit: title, text and priority; the status it set is kept.
    await page.getByRole('button', { name: 'Edit Line check' }).click();
    const edit = page.getByRole('form', { name: 'Save “Line check”' });
    await edit.getByLabel('Title').fill('Line check, exchange');
    await edit.getByLabel('Text').fill('We are checking the exchange.');
    await edit.getByLabel('Sets priority').selectOption('P2');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/engineer-macro-edit.png`, fullPage: true });
    await edit.getByRole('button', { name: 'Save “Line check”' }).click();
    await page.getByText('Saved “Line check, exchange”.').waitFor();
    expect(await macroRows('Line check, exchange')).toEqual([
      expect.objectContaining({
        body: 'We are checking the exchange.',
        actions: { status: 'pending_customer', priority: 'P2' },
      }),
    ]);

    // Delete asks first; Keep changes nothing, then Delete macro removes it.
    await page.getByRole('button', { name: 'Delete Line check, exchange' }).click();
    const confirm = page.getByRole('group', { name: 'Delete Line check, exchange?' });
    await confirm.getByRole('button', { name: 'Keep' }).click();
    expect(await macroRows('Line check, exchange')).toHaveLength(1);
    await page.getByRole('button', { name: 'Delete Line check, exchange' }).click();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/engineer-macro-delete.png`, fullPage: true });
    await confirm.getByRole('button', { name: 'Delete macro' }).click();
    await page.getByText('Deleted “Line check, exchange”.').waitFor();
    await page.getByRole('row', { name: /Line check, exchange/ }).waitFor({ state: 'detached' });
    expect(await macroRows('Line check, exchange')).toEqual([]);
    await page.context().close();
  });

  it('an administrator creates a shared macro on /admin/macros', async () => {
    const page = await signIn('admin@hushdesk.local', 'Organisations');
    await page.getByRole('link', { name: 'Macros', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Macros' }).waitFor();
    await page
      .getByRole('row', { name: /Printer: restart first/ })
      .getByRole('button', { name: /^Edit/ })
      .waitFor();
    await page.getByRole('button', { name: 'New macro' }).click();
    const form = page.getByRole('form', { name: 'Create macro' });
    expect(await form.getByLabel('Shared with every engineer').isChecked()).toBe(true);
    await form.getByLabel('Title').fill('Outage notice');
    await form.getByLabel('Text').fill('There is a known outage at the exchange.');
    await form.getByRole('button', { name: 'Create macro' }).click();
    await page
      .getByRole('row', { name: /Outage notice/ })
      .getByText('Shared')
      .waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/admin-macros.png`, fullPage: true });
    expect(await macroRows('Outage notice')).toEqual([expect.objectContaining({ owner_id: null })]);
    await page.context().close();
  });

  it('a macro sets assignee, group and tags; applied from the reply box, the ticket shows them', async () => {
    const admin = await bearerFor(t, 'admin@hushdesk.local', 'hushdesk');
    const robin = await createUser(t, 'engineer', { fullName: 'Robin Diaz' });
    const group = await t
      .http()
      .post('/api/groups')
      .set('authorization', admin)
      .send({ name: 'Field service' })
      .expect(201);
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', await bearerFor(t, 'customer@hushdesk.local', 'hushdesk'))
      .send({ type: 'fault', subject: 'Wall socket sparks', description: 'It sparks when plugged in.' })
      .expect(201);

    const page = await signIn('engineer@hushdesk.local', 'Queue');
    await page.goto('/console/macros');
    await page.getByRole('heading', { level: 1, name: 'Macros' }).waitFor();
    await page.getByRole('button', { name: 'New macro' }).click();
    const form = page.getByRole('form', { name: 'Create macro' });
    await form.getByLabel('Title').fill('Dispatch to site');
    await form.getByLabel('Text').fill('We are sending {{assignee.name}} to you.');
    await form.getByLabel('Assigns to').selectOption({ label: 'Robin Diaz' });
    await form.getByLabel('Moves to group').selectOption({ label: 'Field service' });
    await form.getByLabel('Sets the ticket’s tags').check();
    const tagBox = form.getByLabel('Tags it sets');
    await tagBox.fill('On-site ');
    await tagBox.press('Enter');
    await tagBox.fill('spare');
    await form.getByRole('button', { name: 'Add tag' }).click();
    await tagBox.fill('electrical');
    await tagBox.press('Enter');
    await form.getByRole('button', { name: 'Remove the tag spare' }).click();
    expect(
      await form.getByRole('list', { name: 'Chosen tags' }).getByRole('listitem').allInnerTexts(),
    ).toEqual([expect.stringContaining('on-site'), expect.stringContaining('electrical')]);
    if (SHOTS) {
      await page.screenshot({ path: `${SHOTS}/macro-editor-desktop.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${SHOTS}/macro-editor-390.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await form.getByRole('button', { name: 'Create macro' }).click();
    await page.getByText('Created “Dispatch to site”.').waitFor();
    await page
      .getByRole('row', { name: /Dispatch to site/ })
      .getByText('assigns to Robin Diaz; group Field service; tags on-site, electrical')
      .waitFor();
    expect((await macroRows('Dispatch to site'))[0].actions).toEqual({
      assigneeId: robin.id,
      groupId: group.body.id,
      tags: ['on-site', 'electrical'],
    });
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/macro-list-desktop.png`, fullPage: true });

    // Applied from the reply box: the ticket's controls show the assignee, group and tags.
    await page.goto(`/console/tickets/${ticket.body.id}`);
    await page.getByRole('button', { name: 'Insert macro' }).click();
    await page.getByRole('combobox', { name: 'Search macros' }).fill('Dispatch');
    await page.getByRole('option', { name: /Dispatch to site/ }).click();
    await page.getByText(/^Inserted “Dispatch to site”/).waitFor();
    expect(await page.locator('#composer-message').inputValue()).toBe('We are sending Robin Diaz to you.');
    const selected = (id: string) => page.locator(`#${id} option:checked`).textContent();
    await page.getByTestId('ticket-tags').getByText('on-site, electrical').waitFor();
    expect(await selected('ticket-assignee')).toBe('Robin Diaz');
    expect(await selected('ticket-group')).toBe('Field service');
    await page.context().close();
  });
});
