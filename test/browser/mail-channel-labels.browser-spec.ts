import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/**
 * How a ticket came in and where each message was written, in words (never colour alone), for the
 * engineer in the console and the customer in the portal. The channels are set in the database so
 * this runs without the mail intake.
 */
describe('channel labels on the ticket page, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let ticketId: string;

  async function signIn(email: string): Promise<Page> {
    const page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  }

  /** Each message's byline, in order: "<name> ... by email". */
  const bylines = (page: Page) =>
    page
      .locator('[data-testid="message"] .message__byline')
      .evaluateAll((lines) => lines.map((line) => (line.textContent ?? '').replace(/\s+/g, ' ').trim()));

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    const customer = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    const engineer = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', customer)
      .send({ type: 'fault', subject: 'Printer on floor 2 is jammed', description: 'Paper stuck in tray 2.' })
      .expect(201);
    ticketId = ticket.body.id;
    const first = await t
      .http()
      .post(`/api/tickets/${ticketId}/messages`)
      .set('authorization', customer)
      .send({ body: 'It is still jammed this morning.', visibility: 'public' })
      .expect(201);
    await t
      .http()
      .post(`/api/tickets/${ticketId}/messages`)
      .set('authorization', engineer)
      .send({ body: 'An engineer is on the way.', visibility: 'public' })
      .expect(201);
    // As the mail intake records them: the ticket and the customer's first reply came by email.
    await t.db.query(`UPDATE tickets SET channel = 'email' WHERE id = $1`, [ticketId]);
    await t.db.query(`UPDATE ticket_messages SET channel = 'email' WHERE id = $1`, [first.body.id]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the console shows the ticket came in by email, and each message’s channel', async () => {
    const page = await signIn('engineer@hushdesk.local');
    try {
      await page.goto(`/console/tickets/${ticketId}`);
      await page.getByRole('heading', { level: 1, name: 'Printer on floor 2 is jammed' }).waitFor();
      const channel = page.getByTestId('ticket-channel');
      await expect(channel.textContent()).resolves.toBe('Came in by email');
      await page.getByText('An engineer is on the way.').waitFor();
      const lines = await bylines(page);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/Customer by email$/);
      expect(lines[1]).toMatch(/in the portal$/);
      // The channel is in the text, not carried by a colour or an icon alone.
      await expect(
        page
          .locator('[data-testid="message"][data-channel="email"]')
          .getByTestId('message-channel')
          .textContent(),
      ).resolves.toBe('by email');
    } finally {
      await page.context().close();
    }
  });

  it('the portal shows the customer the same, in their words', async () => {
    const page = await signIn('customer@hushdesk.local');
    try {
      await page.goto(`/portal/tickets/${ticketId}`);
      await page.getByRole('heading', { level: 1, name: 'Printer on floor 2 is jammed' }).waitFor();
      await expect(page.getByTestId('ticket-channel').textContent()).resolves.toBe('Sent by email');
      await page.getByText('An engineer is on the way.').waitFor();
      const lines = await bylines(page);
      expect(lines[0]).toMatch(/by email$/);
      expect(lines[1]).toMatch(/Support team in the portal$/);
    } finally {
      await page.context().close();
    }
  });

  it('a ticket raised in the portal says so', async () => {
    const customer = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', customer)
      .send({ type: 'fault', subject: 'New starter needs a handset', description: 'Desk 14, Monday.' })
      .expect(201);
    const page = await signIn('engineer@hushdesk.local');
    try {
      await page.goto(`/console/tickets/${ticket.body.id}`);
      await page.getByRole('heading', { level: 1, name: 'New starter needs a handset' }).waitFor();
      await expect(page.getByTestId('ticket-channel').textContent()).resolves.toBe('Raised in the portal');
    } finally {
      await page.context().close();
    }
  });
});
