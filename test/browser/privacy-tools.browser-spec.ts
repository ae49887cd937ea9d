import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

const SHOTS = process.env.SHOTS_DIR;

/**
 * The ticket page's privacy tools, in Chromium: an engineer's share-safe copy (people's data
 * replaced, the copy audited), and the DPO's redaction of one message and of one text file (the
 * identifiers gone from the database, the reason in the audit trail).
 */
describe('share-safe copy and redaction on the ticket page, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let customerAuth: string;
  let engineerAuth: string;

  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  async function signIn(email: string): Promise<Page> {
    const page = await (
      await browser.newContext({ baseURL: t.baseUrl, viewport: { width: 1280, height: 900 } })
    ).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return page;
  }
  const newTicket = async (subject: string, description: string): Promise<string> =>
    (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', customerAuth)
        .send({ type: 'fault', subject, description })
        .expect(201)
    ).body.id as string;
  const audited = async (action: string) =>
    (await t.db.query('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]
      .n as number;

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    customerAuth = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    engineerAuth = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('gives an engineer the share-safe copy, with people’s data replaced, only when asked', async () => {
    const id = await newTicket(
      'Vendor handset reboots',
      'The handset reboots every hour. Call me on 07700 900321 or write to reboots@example.test.',
    );
    const engineer = await signIn('engineer@hushdesk.local');
    await engineer.goto(`/console/tickets/${id}`);
    const card = engineer.getByRole('region', { name: 'Share-safe copy' });
    await card.getByRole('button', { name: 'Show the share-safe copy' }).waitFor();
    expect(await audited('ticket.share_safe_copy')).toBe(0);

    await card.getByRole('button', { name: 'Show the share-safe copy' }).click();
    const text = card.getByLabel(/^Copy of HD-\d+, safe to share$/);
    await text.waitFor();
    const copy = await text.inputValue();
    expect(copy).toContain('The handset reboots every hour.');
    expect(copy).not.toContain('07700 900321');
    expect(copy).not.toContain('reboots@example.test');
    expect(copy).toContain('[email]');
    expect(await audited('ticket.share_safe_copy')).toBe(1);
    await card.getByRole('button', { name: 'Copy text' }).click();
    await card
      .getByRole('status')
      .getByText(/Copied|would not copy/)
      .waitFor();
    await shot(engineer, 'share-safe-copy');
    await engineer.context().close();
  });

  it('lets the DPO redact one message and one text file, each with a reason', async () => {
    const id = await newTicket('Voicemail forwarding', 'Forwarding stopped working on Monday.');
    const message = (
      await t
        .http()
        .post(`/api/tickets/${id}/messages`)
        .set('authorization', customerAuth)
        .send({ body: 'Forward it to my mobile, 07700 900654, please.', visibility: 'public' })
        .expect(201)
    ).body.id as string;
    await t
      .http()
      .post(`/api/tickets/${id}/messages`)
      .set('authorization', engineerAuth)
      .send({ body: 'Looking at the forwarding rules.', visibility: 'public' })
      .expect(201);
    const file = (
      await t
        .http()
        .post(`/api/tickets/${id}/attachments`)
        .set('authorization', customerAuth)
        .attach('file', Buffer.from('forward to forwarding.owner@example.test\n'), 'rules.txt')
        .expect(201)
    ).body.id as string;

    const dpo = await signIn('dpo@hushdesk.local');
    await dpo.goto(`/dpo/tickets/${id}`);
    await dpo.getByText('Forward it to my mobile, 07700 900654, please.').waitFor();
    // One "Redact…" per message, each named for its message.
    const buttons = dpo.getByRole('log', { name: 'Conversation' }).getByRole('button', { name: /^Redact…/ });
    expect(await buttons.count()).toBe(2);
    await buttons.first().click();
    const form = dpo.getByRole('form', { name: /^Redact the message by / });
    const reason = form.getByLabel('Why redact this message?');
    expect(await reason.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await reason.fill('Customer asked us to remove their mobile number');
    await shot(dpo, 'redact-message-form');
    await form.getByRole('button', { name: 'Redact message' }).click();
    await dpo.getByText(/^Redacted: 1 identifier replaced for good\.$/).waitFor();
    await dpo.getByText(/Forward it to my mobile, \[phone\], please\./).waitFor();
    const stored = await t.db.query('SELECT body FROM ticket_messages WHERE id = $1', [message]);
    expect(stored.rows[0].body).not.toContain('900654');
    await shot(dpo, 'redact-message-done');

    const files = dpo.getByRole('region', { name: 'Attachments' });
    await files.getByRole('button', { name: /^Redact… the file / }).click();
    await files.getByLabel('Why redact this file?').fill('Third party’s address in a rules export');
    await files.getByRole('button', { name: 'Redact file' }).click();
    await files.getByText(/^Redacted: 1 identifier replaced for good\.$/).waitFor();
    const audit = await t.db.query(
      "SELECT target_type, reason FROM audit_log WHERE action = 'message.redact' ORDER BY seq",
    );
    expect(audit.rows.map((r: { reason: string }) => r.reason)).toEqual([
      'Customer asked us to remove their mobile number',
      'Third party’s address in a rules export',
    ]);
    const text = await t
      .http()
      .get(`/api/tickets/${id}/attachments/${file}`)
      .set('authorization', engineerAuth)
      .expect(200);
    expect(String(text.text ?? text.body)).not.toContain('forwarding.owner@example.test');
    await dpo.context().close();
  });
});
