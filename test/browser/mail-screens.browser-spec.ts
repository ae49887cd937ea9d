import { createServer, type AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/** A port on 127.0.0.1 with nothing listening on it (probed, then closed). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * The email channel's screens, against the real API (no SMTP_URL, so mail is kept in the outbox):
 * mailboxes, the outbox, staff mail choices, and "will be emailed to" on the composer.
 */
describe('the email channel’s screens, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let ticketId: string;
  let reference: string;

  async function signIn(email: string, width = 1280): Promise<Page> {
    const context = await browser.newContext({ baseURL: t.baseUrl, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  }

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    const customer = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', customer)
      .send({ type: 'fault', subject: 'Voicemail light stuck on', description: 'Handset 3, since Friday.' })
      .expect(201);
    ticketId = ticket.body.id;
    reference = ticket.body.reference;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an admin adds a mailbox, tests it, pauses and resumes it, edits it and deletes it', async () => {
    const page = await signIn('admin@hushdesk.local');
    const port = await closedPort();
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailboxes' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mailboxes' }).waitFor();
      await page.getByText('No mailboxes yet').waitFor();

      // Checked in the browser first: nothing given.
      await page.getByRole('button', { name: 'Add a mailbox' }).click();
      await page.getByRole('button', { name: 'Add mailbox' }).click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
      expect(await page.locator('[aria-invalid="true"]').count()).toBe(4);

      await page.getByLabel('Name', { exact: true }).fill('Support inbox');
      await page.getByLabel('IMAP server').fill('127.0.0.1');
      await page.getByLabel('Use TLS (encrypted connection)').uncheck();
      await page.getByLabel('Port').fill(String(port));
      await page.getByLabel('User name').fill('support');
      await page.getByLabel('Password', { exact: true }).fill('imap secret 1');
      await page.getByRole('button', { name: 'Add mailbox' }).click();
      await page.getByRole('status').filter({ hasText: 'Added Support inbox' }).waitFor();

      const card = page.getByTestId('mailbox').filter({ hasText: 'Support inbox' });
      await expect(card.getByText('Active').textContent()).resolves.toBe('Active');
      await expect(card.textContent()).resolves.toContain(`support on 127.0.0.1:${port}`);
      // The password is never sent back.
      const list = await t
        .http()
        .get('/api/mailboxes')
        .set('authorization', await bearerFor(t, 'admin@hushdesk.local', 'hushdesk'));
      expect(JSON.stringify(list.body)).not.toContain('imap secret 1');

      // Nothing listens there: the test says why it failed, in words.
      await card.getByRole('button', { name: 'Test connection' }).click();
      const result = card.getByTestId('mailbox-test-result');
      await result.waitFor();
      await expect(result.textContent()).resolves.toMatch(/^Support inbox could not connect: .+/);

      await card.getByRole('button', { name: 'Pause' }).click();
      await card.getByText('Paused', { exact: true }).waitFor();
      await card.getByRole('button', { name: 'Resume' }).click();
      await card.getByText('Active', { exact: true }).waitFor();

      // Editing with a blank password keeps the stored one.
      const { rows: before } = await t.db.query('SELECT * FROM mailboxes');
      await card.getByRole('button', { name: 'Edit' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Support (IMAP)');
      await expect(page.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved the changes to Support (IMAP)' }).waitFor();
      const { rows: after } = await t.db.query('SELECT * FROM mailboxes');
      const secretColumns = Object.keys(before[0]).filter((key) => /secret|password|credential/.test(key));
      expect(secretColumns.length).toBeGreaterThan(0);
      for (const column of secretColumns) expect(after[0][column]).toEqual(before[0][column]);

      // Deleting asks first; Cancel keeps it.
      const renamed = page.getByTestId('mailbox').filter({ hasText: 'Support (IMAP)' });
      await renamed.getByRole('button', { name: 'Delete' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete Support (IMAP)?' });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await renamed.getByRole('button', { name: 'Delete' }).click();
      await dialog.getByRole('button', { name: 'Delete mailbox' }).click();
      await page.getByRole('status').filter({ hasText: 'Deleted Support (IMAP)' }).waitFor();
      await page.getByText('No mailboxes yet').waitFor();
      expect((await t.db.query('SELECT count(*)::int AS n FROM mailboxes')).rows[0].n).toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it('the outbox says mail is not sent and shows what would have gone, with its text', async () => {
    const page = await signIn('admin@hushdesk.local');
    try {
      await page.goto('/admin/outbox');
      await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
      await expect(page.getByTestId('mail-status').textContent()).resolves.toContain(
        'Not sending: SMTP_URL is not set, mail is kept here so you can see what would have gone.',
      );
      // The ticket the customer logged was acknowledged: kept here, not sent.
      const row = page.getByTestId('outbox-row').filter({ hasText: reference });
      await row.first().waitFor({ timeout: 20_000 });
      await expect(row.first().textContent()).resolves.toContain('Ticket received (to the customer)');

      await page.getByRole('group', { name: 'Show mail' }).getByRole('button', { name: 'Sent' }).click();
      await page.getByText('No mail has the status “Sent”.').waitFor();
      await page.getByRole('group', { name: 'Show mail' }).getByRole('button', { name: 'All' }).click();

      await row.first().getByRole('button').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { level: 3, name: 'Text of the mail' }).waitFor();
      await expect(dialog.textContent()).resolves.toContain(reference);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });
    } finally {
      await page.context().close();
    }
  });

  it('an engineer chooses which mail they get, and it is kept', async () => {
    const page = await signIn('engineer@hushdesk.local');
    try {
      await page
        .getByRole('navigation', { name: 'Account' })
        .getByRole('link', { name: 'Email notifications' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Email notifications' }).waitFor();
      const newTickets = page.getByLabel('Email me new tickets');
      const assigned = page.getByLabel('Email me tickets assigned to me');
      const wasNew = await newTickets.isChecked();
      await newTickets.setChecked(!wasNew);
      await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Email notifications' }).waitFor();
      await expect(page.getByLabel('Email me new tickets').isChecked()).resolves.toBe(!wasNew);
      await expect(assigned.isChecked()).resolves.toBeDefined();
    } finally {
      await page.context().close();
    }
  });

  it('customers have no mail choices to make', async () => {
    const page = await signIn('customer@hushdesk.local');
    try {
      expect(
        await page
          .getByRole('navigation', { name: 'Account' })
          .getByRole('link', { name: 'Email notifications' })
          .count(),
      ).toBe(0);
      await page.goto('/account/email');
      await page.waitForURL('**/portal');
    } finally {
      await page.context().close();
    }
  });

  it('the composer says who a public reply is emailed to, that notes never are, and why not when on Do Not Contact', async () => {
    const page = await signIn('engineer@hushdesk.local');
    try {
      await page.goto(`/console/tickets/${ticketId}`);
      await page.getByRole('heading', { level: 1, name: 'Voicemail light stuck on' }).waitFor();
      const note = page.getByTestId('mail-recipient');
      // No SMTP_URL here: the reply box must not promise a mail that is only kept.
      await expect(note.textContent()).resolves.toBe(
        'Not emailed: no mail relay is set up (SMTP_URL), so mail is kept in the outbox, not sent. ' +
          'The customer sees it in the portal.',
      );
      await page.getByRole('radio', { name: 'Internal note' }).check();
      await expect(note.textContent()).resolves.toBe('Internal notes are never emailed.');

      const dpo = await bearerFor(t, 'dpo@hushdesk.local', 'hushdesk');
      await t
        .http()
        .post('/api/privacy/suppressions')
        .set('authorization', dpo)
        .send({ email: 'customer@hushdesk.local', reason: 'request' })
        .expect((res) => expect(res.status).toBeLessThan(300));
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Voicemail light stuck on' }).waitFor();
      await page.getByTestId('mail-recipient').filter({ hasText: 'Do Not Contact' }).waitFor();
      await expect(page.getByTestId('mail-recipient').textContent()).resolves.toBe(
        'Not emailed: the customer is on the Do Not Contact list. The customer sees it in the portal.',
      );
    } finally {
      await page.context().close();
    }
  });
});
