import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/** Set SHOTS=/some/dir to keep screenshots of the queue's new states. */
const SHOTS = process.env.SHOTS;

/**
 * The queue's bulk changes and views: an engineer picks a range of tickets with a shift-click,
 * assigns them all to themselves in one change, and takes it back with one Undo; then saves the
 * current filters as a view and sees its count in the left column, which follows later changes.
 */
describe('queue bulk changes and views, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let engineer: Page;
  let customerAuth: string;
  let engineerId: string;

  const newTicket = async (subject: string, priority = 'P3'): Promise<string> =>
    (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', customerAuth)
        .send({ type: 'fault', subject, description: 'The handset shows “No service”.', priority })
        .expect(201)
    ).body.id as string;
  const assignees = async (ids: string[]) =>
    (await t.db.query('SELECT assignee_id FROM tickets WHERE id = ANY($1)', [ids])).rows.map(
      (r) => r.assignee_id as string | null,
    );
  const shot = async (name: string) => {
    if (SHOTS) await engineer.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    customerAuth = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    const engineerAuth = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
    engineerId = (await t.http().get('/api/auth/me').set('authorization', engineerAuth).expect(200)).body
      .id as string;
    engineer = await (
      await browser.newContext({ baseURL: t.baseUrl, viewport: { width: 1440, height: 1000 } })
    ).newPage();
    await engineer.goto('/login');
    await engineer.getByLabel('Email').fill('engineer@hushdesk.local');
    await engineer.getByLabel('Password').fill('hushdesk');
    await engineer.getByRole('button', { name: 'Sign in' }).click();
    await engineer.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a shift-click picks a range; one change assigns them all; one Undo takes it back', async () => {
    const ids = [
      await newTicket('Ribbonfish line one'),
      await newTicket('Ribbonfish line two'),
      await newTicket('Ribbonfish line three'),
    ];
    await engineer.goto('/console?q=ribbonfish');
    const rows = engineer.locator('tbody tr.queue-row');
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3);

    await rows.nth(0).getByRole('checkbox').click();
    await rows
      .nth(2)
      .getByRole('checkbox')
      .click({ modifiers: ['Shift'] });
    const bar = engineer.getByTestId('bulk-bar');
    await bar.getByText('3 tickets', { exact: true }).waitFor();
    for (let i = 0; i < 3; i++) expect(await rows.nth(i).getByRole('checkbox').isChecked()).toBe(true);

    await bar.getByLabel('Assign to').selectOption('me');
    await shot('bulk-bar');
    await bar.getByRole('button', { name: 'Apply to 3 tickets' }).click();
    const done = engineer.getByTestId('bulk-done');
    await done.getByText('Changed 3 tickets.').waitFor();
    expect(await assignees(ids)).toEqual([engineerId, engineerId, engineerId]);
    // The queue shows the new assignee without a reload, and the selection is gone.
    await rows.nth(0).getByText('Sam Patel').waitFor();
    expect(await rows.nth(0).getByRole('checkbox').isChecked()).toBe(false);
    await shot('bulk-done');

    await done.getByRole('button', { name: /^Undo/ }).click();
    await done.getByText('Undone: 3 tickets put back.').waitFor();
    expect(await assignees(ids)).toEqual([null, null, null]);
    const history = await t.db.query(
      `SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = ANY($1) AND field = 'assignee'`,
      [ids],
    );
    expect(history.rows[0].n).toBe(6);
  });

  it('saves the filters as a view, whose count shows and follows changes', async () => {
    const p1 = [
      await newTicket('Urgent kingfisher one', 'P1'),
      await newTicket('Urgent kingfisher two', 'P1'),
    ];
    const expected = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM tickets WHERE priority = 'P1'`)).rows[0].n as number;
    await engineer.goto('/console?priority=P1');
    await engineer.getByRole('row', { name: /Urgent kingfisher one/ }).waitFor();
    const views = engineer.getByRole('navigation', { name: 'Views' });
    await views.getByLabel('Save these filters as a view').fill('Urgent ones');
    await views.getByRole('button', { name: 'Save view' }).click();
    const link = views.getByRole('link', { name: /Urgent ones/ });
    // The count as a screen reader hears it: "1 ticket", "2 tickets".
    const count = (n: number) => link.getByText(`${n} ${n === 1 ? 'ticket' : 'tickets'}`, { exact: true });
    await link.waitFor();
    expect(await link.getAttribute('aria-current')).toBe('page');
    await count(await expected()).waitFor();
    await shot('views');

    // Another engineer's change reaches this count live.
    const other = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
    const before = await expected();
    await t
      .http()
      .patch(`/api/tickets/${p1[0]}`)
      .set('authorization', other)
      .send({ priority: 'P2' })
      .expect(200);
    await count(before - 1).waitFor();

    // The view is the engineer's own: it opens the queue with its filters.
    await engineer.goto('/console');
    await views.getByRole('link', { name: /Urgent ones/ }).click();
    await engineer.waitForURL(/priority=P1/);
    if (SHOTS) {
      await engineer.setViewportSize({ width: 390, height: 844 });
      await engineer
        .getByRole('row', { name: /Urgent kingfisher two/ })
        .getByRole('checkbox')
        .check();
      await shot('queue-390');
    }
  });
});
