import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/**
 * The DPO's request screen says only what is true: the verification methods fit the channel the
 * request came by, a confirmation goes once what it confirms is over ("Collection started" after
 * the collection finished), and reasons say who sees them, since Hushdesk sends no mail.
 */
describe('the DPO’s request screen, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let dpoAuth: string;
  let customerAuth: string;

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

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    dpoAuth = await bearerFor(t, 'dpo@hushdesk.local', 'hushdesk');
    customerAuth = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('offers only methods that fit an emailed request, and drops “Collection started” once it finished', async () => {
    const created = await t
      .http()
      .post('/api/dsar')
      .set('authorization', dpoAuth)
      .send({ kind: 'access', subject: { email: 'customer@hushdesk.local' }, channel: 'email' })
      .expect(201);
    const dpo = await signIn('dpo@hushdesk.local');
    await dpo.goto(`/dpo/requests/${created.body.id}`);
    const actions = dpo.getByRole('region', { name: 'Actions' });

    await actions.getByRole('button', { name: 'Verify identity' }).click();
    const method = actions.getByLabel('Verification method');
    const offered = await method.locator('option').allTextContents();
    expect(offered).not.toContain('Signed in to the portal');
    expect(offered).toContain('Replied from contact details we hold');
    await method.selectOption('known_contact_details');
    await actions.getByRole('button', { name: 'Mark as verified' }).click();

    await actions.getByRole('button', { name: 'Collect data' }).click();
    await dpo.getByTestId('dsar-progress').getByText('Collection finished').waitFor({ timeout: 15_000 });
    expect(await actions.getByText('Collection started.').count()).toBe(0);

    // A reason's hint says what happens to it: nothing is sent to someone who wrote in.
    await actions.getByRole('button', { name: 'Extend deadline' }).click();
    await actions.getByText('Hushdesk sends nothing: tell the requester yourself, by email.').waitFor();
    await dpo.context().close();
  });

  it('shows a portal requester why the DPO needs longer', async () => {
    const created = await t
      .http()
      .post('/api/dsar')
      .set('authorization', customerAuth)
      .send({ kind: 'access' })
      .expect(201);
    const dpo = await signIn('dpo@hushdesk.local');
    await dpo.goto(`/dpo/requests/${created.body.id}`);
    const actions = dpo.getByRole('region', { name: 'Actions' });
    await actions.getByRole('button', { name: 'Extend deadline' }).click();
    await actions
      .getByText(/Shown to the requester with their request in the portal; nothing is emailed\./)
      .waitFor();
    await actions.getByLabel('Reason').fill('Your request covers forty tickets over six years.');
    await actions.getByRole('button', { name: 'Extend the deadline' }).click();
    await actions.getByText(/^Deadline extended/).waitFor();
    await dpo.context().close();

    const customer = await signIn('customer@hushdesk.local');
    await customer.goto('/portal/requests');
    await customer
      .getByTestId('dsar-row')
      .getByText('Your request covers forty tickets over six years.')
      .waitFor();
    await customer.context().close();
  });
});
