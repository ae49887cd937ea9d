import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';

const SHOTS = process.env.SHOTS_DIR;

/**
 * "Merge into…" on the ticket page: the engineer finds the ticket this one duplicates, sees what
 * will move, confirms; the merged ticket then points to the other, for the engineer and for its
 * customer. A ticket of another organisation is refused with the API's reason.
 */
describe('merging a duplicate ticket, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let engineer: Page;
  let customerAuth: string;
  let engineerAuth: string;

  const reference = async (id: string) =>
    (await t.http().get(`/api/tickets/${id}`).set('authorization', engineerAuth).expect(200)).body
      .reference as string;
  const newTicket = async (auth: string, subject: string): Promise<string> =>
    (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', auth)
        .send({ type: 'fault', subject, description: 'The printer on floor 3 shows “Paper jam”.' })
        .expect(201)
    ).body.id as string;
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

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    customerAuth = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    engineerAuth = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
    engineer = await signIn('engineer@hushdesk.local');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('finds the target, shows what will move, merges, and leaves a pointer both sides see', async () => {
    const duplicate = await newTicket(customerAuth, 'Floor 3 printer jammed (again)');
    const target = await newTicket(customerAuth, 'Floor 3 printer jammed');
    await t
      .http()
      .post(`/api/tickets/${duplicate}/messages`)
      .set('authorization', customerAuth)
      .send({ body: 'It jams on every second page.', visibility: 'public' })
      .expect(201);
    const targetRef = await reference(target);

    await engineer.goto(`/console/tickets/${duplicate}`);
    const card = engineer.getByRole('region', { name: 'Merge' });
    await card.getByRole('button', { name: 'Merge into…' }).click();
    // The search field has focus: typing goes straight into it.
    await engineer.keyboard.type(targetRef);
    await card.getByRole('button', { name: new RegExp(`${targetRef}.*Floor 3 printer jammed`) }).click();
    const question = card.getByRole('heading', { name: new RegExp(`into ${targetRef}\\?$`) });
    await question.waitFor();
    expect(await engineer.evaluate('document.activeElement?.textContent')).toBe(await question.textContent());
    await card.getByText('1 message (replies and notes)').waitFor();
    await card.getByText('0 calls').waitFor();
    await shot(engineer, 'merge-confirm');
    // Nothing moved yet.
    const before = await t.db.query('SELECT merged_into_id FROM tickets WHERE id = $1', [duplicate]);
    expect(before.rows[0].merged_into_id).toBeNull();

    await card.getByRole('button', { name: `Merge into ${targetRef}` }).click();
    await card
      .getByRole('status')
      .getByText(/Merged into/)
      .waitFor();
    const note = engineer.getByRole('note', { name: 'Merged ticket' });
    await note.getByText(/This ticket was merged into/).waitFor();
    await engineer.getByText('This ticket is closed, so it cannot take more replies or notes.').waitFor();
    await shot(engineer, 'merge-done');

    await note.getByRole('link', { name: targetRef }).click();
    await engineer.waitForURL(`**/console/tickets/${target}`);
    await engineer.getByText('It jams on every second page.').waitFor();
    await engineer.getByText(/merged HD-\d+ into this one/).waitFor();

    const customer = await signIn('customer@hushdesk.local');
    await customer.goto(`/portal/tickets/${duplicate}`);
    await customer
      .getByRole('note', { name: 'Merged ticket' })
      .getByRole('link', { name: targetRef })
      .waitFor();
    await shot(customer, 'merge-portal-pointer');
    await customer.context().close();
  });

  it('shows the API’s refusal for a ticket of another organisation, and merges nothing', async () => {
    const other = await createUser(t, 'customer', {
      fullName: 'Olga Other',
      organisationId: (await t.db.query("INSERT INTO organisations (name) VALUES ('Other Org') RETURNING id"))
        .rows[0].id,
    });
    const theirs = await newTicket(await bearerFor(t, other.email), 'Scanner offline on floor 3');
    const mine = await newTicket(customerAuth, 'Scanner offline');
    const theirsRef = await reference(theirs);

    await engineer.goto(`/console/tickets/${mine}`);
    const card = engineer.getByRole('region', { name: 'Merge' });
    await card.getByRole('button', { name: 'Merge into…' }).click();
    await card.getByLabel('Ticket to merge into').fill(theirsRef);
    await card.getByRole('button', { name: new RegExp(theirsRef) }).click();
    await card
      .getByRole('alert')
      .getByText(/may not see each other/)
      .waitFor();
    expect(await card.getByRole('button', { name: /^Merge into HD-/ }).count()).toBe(0);
    await shot(engineer, 'merge-refused');
    await card.getByRole('button', { name: 'Cancel' }).click();
    await card.getByRole('button', { name: 'Merge into…' }).waitFor();
    const { rows } = await t.db.query(
      'SELECT count(*)::int AS n FROM tickets WHERE merged_into_id IS NOT NULL',
    );
    expect(rows[0].n).toBe(1);
  });
});
