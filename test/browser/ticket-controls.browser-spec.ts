import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/**
 * The ticket's side panel saves only what the engineer explicitly chooses: arrow keys through the
 * status select change nothing on the server (the customer would otherwise see each status pass
 * by); Enter or Save commits once; Undo restores the previous value through the API, and the undo
 * is itself in the history.
 */
describe('ticket side panel, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let engineer: Page;
  let customerAuth: string;

  const serverState = async (id: string) => {
    const { rows } = await t.db.query('SELECT status, priority FROM tickets WHERE id = $1', [id]);
    const history = await t.db.query(
      'SELECT field, from_value, to_value FROM ticket_history WHERE ticket_id = $1 ORDER BY at, id',
      [id],
    );
    return { ...(rows[0] as { status: string; priority: string }), history: history.rows };
  };

  async function newTicket(subject: string): Promise<string> {
    const res = await t
      .http()
      .post('/api/tickets')
      .set('authorization', customerAuth)
      .send({ type: 'fault', subject, description: 'The handset shows “No service”.' })
      .expect(201);
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    customerAuth = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    engineer = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
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

  it('arrow keys only move; Enter saves once; Undo restores it through the API', async () => {
    const id = await newTicket('Arrow keys must not save');
    await engineer.goto(`/console/tickets/${id}`);
    const panel = engineer.getByRole('region', { name: 'Ticket' });
    const status = panel.getByLabel('Status');
    await status.waitFor();

    // Three arrow presses, as a keyboard user moving through the options.
    await status.focus();
    for (let i = 0; i < 3; i++) await status.press('ArrowDown');
    const shown = await status.inputValue();
    expect(shown).not.toBe('new');
    // Nothing reached the server, and the panel says the choice is not saved yet.
    await engineer.waitForTimeout(500);
    expect(await serverState(id)).toEqual({ status: 'new', priority: 'P3', history: [] });
    await panel.getByText(/not saved yet/i).waitFor();

    // Enter commits the choice, once.
    await status.press('Enter');
    const toast = panel.getByTestId('ticket-saved');
    await toast.getByText(/^Status changed to /).waitFor();
    expect(await serverState(id)).toEqual({
      status: shown,
      priority: 'P3',
      history: [{ field: 'status', from_value: 'new', to_value: shown }],
    });

    // Undo puts it back (even to New, which the workflow does not otherwise allow), and says so.
    await toast.getByRole('button', { name: /^Undo/ }).click();
    await toast.getByText('Undone: the status is New again.').waitFor();
    expect(await status.inputValue()).toBe('new');
    expect(await serverState(id)).toEqual({
      status: 'new',
      priority: 'P3',
      history: [
        { field: 'status', from_value: 'new', to_value: shown },
        { field: 'status', from_value: shown, to_value: 'new' },
      ],
    });
    // The history panel lists the undo like any other change.
    const history = engineer.getByRole('region', { name: 'History' });
    await history.getByText(/changed the status from .+ to New/).waitFor();
  });

  it('a pointer choice waits for Save; Discard drops it', async () => {
    const id = await newTicket('Choices wait for Save');
    await engineer.goto(`/console/tickets/${id}`);
    const panel = engineer.getByRole('region', { name: 'Ticket' });
    await panel.getByLabel('Priority').selectOption('P1');
    await panel.getByLabel('Status').selectOption('open');
    await panel.getByText(/not saved yet/i).waitFor();
    await panel.getByRole('button', { name: 'Discard' }).click();
    expect(await panel.getByLabel('Priority').inputValue()).toBe('P3');
    expect(await panel.getByLabel('Status').inputValue()).toBe('new');

    await panel.getByLabel('Priority').selectOption('P2');
    await panel.getByLabel('Status').selectOption('open');
    await engineer.waitForTimeout(300);
    expect((await serverState(id)).history).toEqual([]);
    await panel.getByRole('button', { name: 'Save changes' }).click();
    await panel
      .getByTestId('ticket-saved')
      .getByText('Status changed to Open; priority changed to P2 · High.')
      .waitFor();
    const saved = await serverState(id);
    expect(saved).toMatchObject({ status: 'open', priority: 'P2' });
    expect(saved.history).toHaveLength(2);
  });
});
