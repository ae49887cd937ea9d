import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/**
 * Single-key shortcuts: j/k/Enter and / on the queue; r, n, a, e and / on a ticket; ? lists them
 * in a dialog. Nothing fires while typing in a field or with a modifier held.
 */
describe('keyboard shortcuts, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let customerAuth: string;
  let engineerId: string;

  const state = async (id: string) => {
    const { rows } = await t.db.query('SELECT status, assignee_id FROM tickets WHERE id = $1', [id]);
    return rows[0] as { status: string; assignee_id: string | null };
  };
  const focused = () =>
    page.evaluate(
      '(() => { const e = document.activeElement; return e ? (e.id || e.getAttribute("href") || e.tagName) : null; })()',
    ) as Promise<string | null>;
  const rowHrefs = () =>
    page
      .locator('.queue-table .ticket-table__link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    customerAuth = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    engineerId = (
      await t
        .http()
        .get('/api/auth/me')
        .set('authorization', await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk'))
        .expect(200)
    ).body.id;
    for (const subject of ['Handset silent', 'Router reboots', 'Printer jams'])
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', customerAuth)
        .send({ type: 'fault', subject, description: 'Since this morning.' })
        .expect(201);
    page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill('engineer@hushdesk.local');
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('moves through the queue with j and k, opens with Enter, searches with /', async () => {
    await page.goto('/console');
    await page.locator('.queue-table tbody tr').nth(2).waitFor();
    const hrefs = await rowHrefs();
    await page.keyboard.press('j');
    expect(await focused()).toBe(hrefs[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await focused()).toBe(hrefs[2]);
    await page.keyboard.press('k');
    expect(await focused()).toBe(hrefs[1]);

    // A modifier held: the browser's key, not ours.
    await page.keyboard.press('Alt+j');
    expect(await focused()).toBe(hrefs[1]);

    // / puts the cursor in the search box; typing there moves nothing.
    await page.keyboard.press('/');
    expect(await focused()).toBe('queue-search');
    await page.keyboard.type('jk');
    expect(await page.locator('#queue-search').inputValue()).toBe('jk');
    expect(await focused()).toBe('queue-search');
    await page.locator('#queue-search').fill('');
    await page.waitForURL((url) => !url.searchParams.has('q'));

    // Back in the list, j goes on from the chosen row, and Enter opens it.
    await page.locator('h1').click();
    await page.keyboard.press('j');
    expect(await focused()).toBe(hrefs[2]);
    await page.locator('h1').click(); // focus off the link: Enter is then ours, not the link's
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === hrefs[2]);
  });

  it('? lists the shortcuts in a dialog that Escape closes', async () => {
    await page.goto('/console');
    await page.locator('.queue-table tbody tr').first().waitFor();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await dialog.getByText('Next ticket').waitFor();
    await page.screenshot({ path: '/tmp/shots-portal/shortcuts-dialog.png' });
    // Keys do nothing behind an open dialog.
    await page.keyboard.press('j');
    expect(await page.locator('.queue-table a:focus').count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('replies, notes, assigns and resolves from a ticket, and nothing fires while typing', async () => {
    const id = (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', customerAuth)
        .send({ type: 'fault', subject: 'Shortcut test ticket', description: 'The line crackles.' })
        .expect(201)
    ).body.id as string;
    await page.goto(`/console/tickets/${id}`);
    await page.getByRole('heading', { name: 'Shortcut test ticket' }).waitFor();
    const composer = page.locator('.composer textarea');

    // Pressed as soon as the heading shows, while the reply box may still be fetching its draft.
    await page.keyboard.press('n');
    await page.locator('.composer textarea:focus').waitFor();
    expect(await page.locator('.composer input[value="internal"]').isChecked()).toBe(true);
    // Typing the shortcut letters into the note only types them.
    await page.keyboard.type('jkaen/?');
    expect(await composer.inputValue()).toBe('jkaen/?');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await state(id)).toEqual({ status: 'new', assignee_id: null });
    await composer.fill('');

    await page.locator('h1').click();
    await page.keyboard.press('r');
    await page.locator('.composer textarea:focus').waitFor();
    expect(await page.locator('.composer input[value="public"]').isChecked()).toBe(true);

    // In a select, letters choose options; they are not shortcuts.
    await page.getByRole('region', { name: 'Ticket' }).getByLabel('Status').focus();
    await page.keyboard.press('e');
    await page.keyboard.press('a');
    await page.waitForTimeout(300);
    expect(await state(id)).toEqual({ status: 'new', assignee_id: null });

    await page.locator('h1').click();
    await page.keyboard.press('a');
    await page.getByRole('status').getByText('Assigned to you.').waitFor();
    expect(await state(id)).toEqual({ status: 'new', assignee_id: engineerId });

    await page.keyboard.press('Control+e'); // a modifier: not ours
    await page.waitForTimeout(300);
    expect((await state(id)).status).toBe('new');
    await page.keyboard.press('e');
    await page.getByRole('status').getByText('Resolved.').waitFor();
    expect(await state(id)).toEqual({ status: 'resolved', assignee_id: engineerId });
    const history = await t.db.query(
      'SELECT field, to_value FROM ticket_history WHERE ticket_id = $1 ORDER BY at, id',
      [id],
    );
    expect(history.rows).toEqual([
      { field: 'assignee', to_value: engineerId },
      { field: 'status', to_value: 'resolved' },
    ]);

    // Undo takes the resolve back, like the side panel's.
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('status').getByText('Undone.').waitFor();
    expect((await state(id)).status).toBe('new');

    // / goes to the queue's search.
    await page.locator('h1').click();
    await page.keyboard.press('/');
    await page.waitForURL((url) => url.pathname === '/console');
    await page.locator('#queue-search:focus').waitFor();
  });
});
