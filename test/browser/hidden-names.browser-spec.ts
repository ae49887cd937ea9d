import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { connect, type ClientSocket } from '../support/sockets';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';

/**
 * With `person.fullName` hidden, the screens still read as sentences: the engineer's queue and
 * ticket page, and the customer's portal, show neutral labels ("Customer", "Support staff",
 * "a colleague is replying"), never a name, "null" or "undefined". Masked names show as initials.
 */
describe('hidden and masked names, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let dpoAuth: string;
  let customerAuth: string;
  let tobias: { id: string; auth: string };
  let ticketId: string;
  const sockets: ClientSocket[] = [];
  const NAMES = /Alex|Morgan|Tobias|Wren/;

  const setNames = (visibility: Record<string, string>) =>
    t
      .http()
      .patch('/api/privacy/fields/person.fullName')
      .set('authorization', dpoAuth)
      .send({
        visibility: { customer: 'clear', engineer: 'clear', dpo: 'clear', admin: 'clear', ...visibility },
      })
      .expect(200);

  async function signIn(email: string, landing: RegExp): Promise<Page> {
    const page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: landing }).waitFor();
    return page;
  }

  const text = (page: Page) => page.locator('main').innerText();
  const expectNoName = async (page: Page) => {
    const shown = await text(page);
    expect(shown).not.toMatch(NAMES);
    expect(shown).not.toMatch(/\bnull\b|\bundefined\b/);
  };

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    dpoAuth = await bearerFor(t, 'dpo@hushdesk.local', 'hushdesk');
    customerAuth = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk'); // Alex Morgan
    const user = await createUser(t, 'engineer', { fullName: 'Tobias Wren' });
    tobias = { id: user.id, auth: await bearerFor(t, user.email) };

    ticketId = (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', customerAuth)
        .send({ type: 'fault', subject: 'Handset has no dial tone', description: 'Since this morning.' })
        .expect(201)
    ).body.id;
    await t
      .http()
      .patch(`/api/tickets/${ticketId}`)
      .set('authorization', tobias.auth)
      .send({ assigneeId: tobias.id, status: 'open' })
      .expect(200);
    for (const [auth, body] of [
      [tobias.auth, 'Could you power-cycle the handset?'],
      [customerAuth, 'Done; still no dial tone.'],
    ]) {
      await t
        .http()
        .post(`/api/tickets/${ticketId}/messages`)
        .set('authorization', auth)
        .send({ body, visibility: 'public' })
        .expect(201);
    }
    await t
      .http()
      .post(`/api/tickets/${ticketId}/attachments`)
      .set('authorization', customerAuth)
      .attach('file', Buffer.from('syslog\n'), 'handset-log.txt')
      .expect(201);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await setNames({});
    await browser?.close();
    await t?.close();
  });

  it('the engineer’s queue and ticket page, with names hidden from engineers', async () => {
    await setNames({ engineer: 'hidden' });
    const engineer = await signIn('engineer@hushdesk.local', /Queue/);
    const row = engineer.getByRole('row', { name: /Handset has no dial tone/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Customer[\s\S]*Support staff/);
    await expectNoName(engineer);
    await engineer.screenshot({ path: '.data/hidden-names-queue.png', fullPage: true });

    // Tobias is on the ticket and replying: his presence is a colleague, not a name.
    const watching = await connect(t.baseUrl as string, { bearer: tobias.auth });
    sockets.push(watching);
    await watching.emitWithAck('ticket.watch', ticketId);
    watching.emit('ticket.activity', { ticketId, activity: 'replying' });

    await engineer.goto(`/console/tickets/${ticketId}`);
    await engineer.getByText('Raised by a customer').waitFor();
    await engineer.getByTestId('presence').getByText('A colleague is replying').waitFor();
    const messages = engineer.getByTestId('message');
    await messages.nth(1).waitFor();
    expect(await messages.nth(0).locator('.message__author').innerText()).toBe('Support staff');
    expect(await messages.nth(1).locator('.message__author').innerText()).toBe('Customer');
    await engineer
      .getByRole('region', { name: 'History' })
      .getByText(/Support staff assigned it to Support staff/)
      .waitFor();
    await engineer.getByText(/· Customer ·/).waitFor(); // the attachment's uploader
    // The assignment picker tells colleagues apart without their names; the engineer is named.
    const options = await engineer
      .getByRole('region', { name: 'Ticket' })
      .getByLabel('Assignee')
      .locator('option')
      .allInnerTexts();
    expect(options).toEqual(expect.arrayContaining(['Sam Patel', `Support staff ${tobias.id.slice(0, 4)}`]));
    await expectNoName(engineer);
    await engineer.screenshot({ path: '.data/hidden-names-ticket.png', fullPage: true });
  });

  it('masked for engineers: initials in the queue and on the ticket', async () => {
    await setNames({ engineer: 'masked' });
    const engineer = await signIn('engineer@hushdesk.local', /Queue/);
    const row = engineer.getByRole('row', { name: /Handset has no dial tone/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/A\. M\.[\s\S]*T\. W\./);
    await engineer.goto(`/console/tickets/${ticketId}`);
    await engineer.getByText('Raised by A. M.').waitFor();
    await expectNoName(engineer);
  });

  it('the portal, with staff names hidden from customers', async () => {
    await setNames({ customer: 'hidden' });
    const customer = await signIn('customer@hushdesk.local', /Your requests/);
    await customer.goto(`/portal/tickets/${ticketId}`);
    const messages = customer.getByTestId('message');
    await messages.nth(1).waitFor();
    expect(await messages.nth(0).locator('.message__author').innerText()).toBe('Support staff');
    // Their own reply, by their own name.
    expect(await messages.nth(1).locator('.message__author').innerText()).toBe('Alex Morgan (you)');
    const shown = await text(customer);
    expect(shown).not.toMatch(/Tobias|Wren/);
    expect(shown).not.toMatch(/\bnull\b|\bundefined\b/);
    await customer.screenshot({ path: '.data/hidden-names-portal.png', fullPage: true });
  });
});
