import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/**
 * An engineer's day without a mouse: sign in, open the queue, pick a ticket with j and Enter, reply
 * with a macro found from the reply box, send, and resolve with e. Every step is a key press; the
 * server's state is checked at the end.
 */
describe('an engineer’s day from the keyboard alone, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let ticketId: string;

  /** What has focus: its id, label and text, for a pattern to match. */
  const focused = () =>
    page.evaluate(`(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return '';
      const label = e.labels && e.labels[0] ? e.labels[0].textContent : '';
      return [e.id, e.getAttribute('aria-label'), label, e.tagName === 'TEXTAREA' ? '' : e.textContent]
        .filter(Boolean).join(' | ').trim();
    })()`) as Promise<string>;

  /** Tab (or Shift+Tab) until the focused element's name matches, as a keyboard user would. */
  async function tabTo(name: RegExp, backwards = false): Promise<void> {
    for (let i = 0; i < 60; i++) {
      if (name.test(await focused())) return;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`nothing matching ${name} was reached with the Tab key (last: ${await focused()})`);
  }

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    const customer = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    const engineer = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
    await t
      .http()
      .post('/api/macros')
      .set('authorization', engineer)
      .send({
        title: 'Line test booked',
        body: 'Hello {{requester.firstName}}, we have booked a **line test**.',
      })
      .expect(201);
    ticketId = (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', customer)
        .send({
          type: 'fault',
          subject: 'Keyboard day: line drops',
          description: 'Every hour or so.',
          priority: 'P1',
        })
        .expect(201)
    ).body.id;
    page = await (
      await browser.newContext({ baseURL: t.baseUrl, viewport: { width: 1280, height: 1000 } })
    ).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in, opens the queue, picks a ticket, replies with a macro and resolves it', async () => {
    await page.goto('/login');
    await page.getByLabel('Email').waitFor();
    await tabTo(/^login-email/);
    await page.keyboard.type('engineer@hushdesk.local');
    await page.keyboard.press('Tab');
    await page.keyboard.type('hushdesk');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();

    // j down the queue to the ticket, Enter opens it.
    await page.locator('.queue-table tbody tr').first().waitFor();
    for (let i = 0; i < 40 && !/Keyboard day: line drops/.test(await focused()); i++)
      await page.keyboard.press('j');
    expect(await focused()).toMatch(/Keyboard day: line drops/);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/console/tickets/${ticketId}`);
    await page.getByRole('heading', { name: 'Keyboard day: line drops' }).waitFor();

    // r: the reply box, public. Then to the macro picker, search, Enter to insert.
    await page.keyboard.press('r');
    await page.locator('.composer textarea:focus').waitFor();
    expect(await page.locator('.composer input[value="public"]').isChecked()).toBe(true);
    await tabTo(/^[^|]*\| Insert macro|^Insert macro/);
    await page.keyboard.press('Enter');
    const search = page.getByRole('combobox', { name: 'Search macros' });
    await search.waitFor();
    await tabTo(/Search macros/);
    await page.keyboard.type('line test');
    await page.getByRole('option', { name: /Line test booked/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByText(/^Inserted “Line test booked”/).waitFor();
    expect(await page.locator('#composer-message').inputValue()).toBe(
      'Hello Alex, we have booked a **line test**.',
    );

    // Back in the text (Shift+Tab), Ctrl+Enter sends.
    await tabTo(/composer-message/, true);
    await page.keyboard.press('Control+Enter');
    await page.getByText('Reply added: the customer sees it in the portal.').waitFor();

    // Out of the field (Tab to the next button), e resolves.
    await tabTo(/Send reply|Insert macro|Preview|Write/);
    await page.keyboard.press('e');
    await page.getByRole('status').getByText('Resolved.').waitFor();

    const { rows } = await t.db.query('SELECT status FROM tickets WHERE id = $1', [ticketId]);
    expect(rows[0].status).toBe('resolved');
    const messages = await t.db.query(
      "SELECT body FROM ticket_messages WHERE ticket_id = $1 AND visibility = 'public' ORDER BY created_at",
      [ticketId],
    );
    expect(messages.rows.map((r) => r.body)).toContain('Hello Alex, we have booked a **line test**.');
  });
});
