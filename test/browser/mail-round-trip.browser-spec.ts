import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import PostalMime from 'postal-mime';
import type { Browser } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { SmtpIntake } from '../../apps/api/src/mail/intake/smtp-intake.service';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const MAIL_FROM_ADDRESS = 'support@hushdesk.test';
const CUSTOMER = 'customer@hushdesk.local';

interface Arrived {
  to: string[];
  parsed: PostalMime.Email;
}

/** The company's relay, for real: an `smtp-server` on a port of its own, parsing what arrives. */
async function startRelay(): Promise<{
  url: string;
  port: number;
  mails: Arrived[];
  close: () => Promise<void>;
}> {
  const mails: Arrived[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        void PostalMime.parse(Buffer.concat(chunks)).then((parsed) => mails.push({ to, parsed }));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitFor<T>(
  what: string,
  find: () => T | undefined | Promise<T | undefined>,
  ms = 20_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Issue 16's round trip, end to end through real protocols: a customer mails in through the SMTP
 * intake, an engineer replies in the console, the reply arrives at the company's relay as mail, and
 * the customer's answer to it joins the thread on the engineer's screen, live.
 */
describe('the email round trip, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let intake: number;

  beforeAll(async () => {
    relay = await startRelay();
    t = await startTestApp({
      listen: true,
      demo: true,
      env: {
        MAIL_INTAKE_PORT: '0',
        SMTP_URL: relay.url,
        MAIL_FROM: `Hushdesk Support <${MAIL_FROM_ADDRESS}>`,
        JOBS_ENABLED: '1',
      },
    });
    browser = await launchChromium();
    const bound = t.app.get(SmtpIntake).address();
    if (!bound) throw new Error('the SMTP intake did not start');
    intake = bound.port;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await relay?.close();
  });

  /** The customer's own mail program: plain SMTP to the intake, as the company's server relays it. */
  function send(mail: { subject: string; text: string; messageId: string; inReplyTo?: string }) {
    const transport = createTransport({ host: '127.0.0.1', port: intake, secure: false, ignoreTLS: true });
    return transport.sendMail({
      from: `Alex Morgan <${CUSTOMER}>`,
      to: MAIL_FROM_ADDRESS,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo,
      references: mail.inReplyTo ? [mail.inReplyTo] : undefined,
    });
  }

  it('a mail in, a reply out by mail, and the answer back in the thread live', async () => {
    const subject = `Phones in the Leeds office keep dropping calls ${Date.now()}`;
    await send({
      subject,
      text: 'Every call drops after about two minutes, since this morning.\n\nAlex',
      messageId: `<first.${Date.now()}@customer.example>`,
    });

    // 1. The engineer finds it in the queue and opens it: it came in by email.
    const page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill('engineer@hushdesk.local');
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(subject) });
    await row.waitFor({ timeout: 20_000 });
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await expect(page.getByTestId('ticket-channel').textContent()).resolves.toBe('Came in by email');
    const reference = (await page.locator('.ticket-ref').first().textContent()) ?? '';
    expect(reference).toMatch(/^HD-\d+$/);

    // 2. The reply box says where the reply goes; the engineer replies in public.
    await page.getByTestId('mail-recipient').filter({ hasText: 'Will be emailed to' }).waitFor();
    const reply = 'We have reset the SIP trunk; please try a call now and tell us if it drops.';
    await page.getByLabel('Message').fill(reply);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('[data-testid="message"][data-channel="portal"]', { hasText: reply }).waitFor();

    // 3. It arrives at the relay as mail to the customer, threaded under our own Message-ID.
    const out = await waitFor('the reply by mail', () =>
      relay.mails.find((mail) => mail.to.includes(CUSTOMER) && (mail.parsed.text ?? '').includes(reply)),
    );
    expect(out.parsed.subject).toContain(reference);
    const ourId = out.parsed.messageId;
    expect(ourId).toMatch(/^<hd\..+@hushdesk\.test>$/);

    // 4. The customer answers it; the answer joins the thread on the engineer's screen, live,
    //    without the quoted history.
    const answer = 'That fixed it, thank you. Calls have stayed up for ten minutes.';
    await send({
      subject: `Re: ${out.parsed.subject ?? subject}`,
      text: `${answer}\n\nOn Monday, Hushdesk Support wrote:\n> ${reply}\n`,
      messageId: `<answer.${Date.now()}@customer.example>`,
      inReplyTo: ourId,
    });
    const arrived = page.locator('[data-testid="message"][data-channel="email"]', { hasText: answer });
    await arrived.waitFor({ timeout: 20_000 });
    await expect(arrived.getByTestId('message-channel').textContent()).resolves.toBe('by email');
    await expect(arrived.locator('.message__body').textContent()).resolves.not.toContain('SIP trunk');

    // One ticket: the answer did not open another.
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM tickets WHERE subject LIKE $1', [
      `%${subject}%`,
    ]);
    expect(rows[0].n).toBe(1);
    await page.context().close();
  });
});
