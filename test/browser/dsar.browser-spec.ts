import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The DPO records an access request that came by email, verifies it, watches the collection
 * finish, reviews what was found and downloads the ZIP; the customer asks for their own data from
 * the portal, and the request reaches the DPO's list already verified.
 */
describe('data-subject requests, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let dpo: Page;
  let customer: Page;

  async function signIn(email: string): Promise<Page> {
    const page = await (await browser.newContext({ baseURL: t.baseUrl, acceptDownloads: true })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  }

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    dpo = await signIn('dpo@hushdesk.local');
    customer = await signIn('customer@hushdesk.local');
    // Something of the customer's to find: a ticket of theirs.
    await customer.getByRole('link', { name: 'Log a fault or request' }).click();
    await customer.getByRole('radio', { name: /Report a fault/ }).check();
    await customer.getByLabel('Subject').fill('Broadband drops every evening');
    await customer.getByLabel('Description').fill('The line drops at about 7pm each day.');
    await customer.getByRole('button', { name: 'Submit request' }).click();
    await customer.getByRole('heading', { level: 1, name: /Broadband drops/ }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a customer asks for a copy of their data from the portal', async () => {
    await customer
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Privacy requests' })
      .click();
    await customer.getByRole('heading', { level: 1, name: 'Privacy requests' }).waitFor();
    await customer.getByRole('button', { name: /Get a copy of my data/ }).click();
    await customer.getByRole('button', { name: 'Send request' }).click();
    const sent = customer.getByText(/We have your request DSAR-\d{6}/);
    await sent.waitFor();
    const reference = /DSAR-\d{6}/.exec((await sent.textContent()) ?? '')?.[0] as string;
    await customer.getByTestId('dsar-row').filter({ hasText: reference }).waitFor();

    // The DPO finds it in the list, already verified by the customer's session.
    await dpo.goto('/dpo');
    const row = dpo.getByTestId('dsar-row').filter({ hasText: reference });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Verified/);
  });

  it('the DPO takes an emailed access request from intake to a downloaded ZIP', async () => {
    await dpo.goto('/dpo');
    await dpo.getByRole('button', { name: 'New request' }).click();
    await dpo.getByLabel('Kind of request').selectOption('access');
    await dpo.getByLabel('Email', { exact: true }).fill('customer@hushdesk.local');
    await dpo.getByLabel('Channel').selectOption('email');
    await dpo.getByRole('button', { name: 'Create request' }).click();
    const created = dpo.getByText(/DSAR-\d{6}/).first();
    await created.waitFor();

    // Open it from the list (received, to verify).
    const row = dpo.getByTestId('dsar-row').filter({ hasText: 'Received' }).first();
    await row.click();
    await dpo.getByRole('heading', { level: 1, name: /DSAR-\d{6}/ }).waitFor();

    await dpo.getByRole('button', { name: 'Verify identity' }).click();
    await dpo.getByLabel('Verification method').selectOption('known_contact_details');
    await dpo.getByRole('button', { name: 'Mark as verified' }).click();
    await dpo.getByRole('button', { name: 'Collect data' }).click();
    await dpo.getByTestId('dsar-progress').getByText('Collection finished').waitFor({ timeout: 15_000 });

    // Review: the customer's ticket is among the items.
    const items = dpo.getByTestId('dsar-items');
    await items
      .getByText(/Ticket HD-\d{6}/)
      .first()
      .waitFor();

    const [download] = await Promise.all([
      dpo.waitForEvent('download'),
      dpo.getByRole('link', { name: 'Download ZIP' }).click(),
    ]);
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['data.json', 'schema.json', 'report.html']));
    const data = JSON.parse(Buffer.from(files['data.json']).toString('utf8'));
    expect(data.subject.contact.email).toBe('customer@hushdesk.local');
    expect(JSON.stringify(data.items)).toContain('Broadband drops every evening');
    expect(data.supplementaryInformation.complaint).toMatch(/Information Commissioner/);

    // Released to the requester: the request completes, and the link and its one-time code are shown.
    await dpo.getByRole('button', { name: 'Release to requester' }).click();
    const link = dpo.locator('.dsar-release__link');
    await link.waitFor();
    const url = (await link.textContent()) as string;
    expect(url).toMatch(/\/download\/[A-Za-z0-9_-]{40,}$/);
    const code = (await dpo.getByTestId('dsar-release-code').locator('strong').textContent()) as string;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await dpo.getByText('Completed').first().waitFor();

    // The requester, in a browser signed in to nothing, opens the link: the code is asked for.
    const requester = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await requester.goto(url);
    await requester.getByRole('heading', { level: 1, name: 'Your data from Hushdesk' }).waitFor();
    await requester.getByLabel('One-time code').fill('ABCD-EFGH');
    await requester.getByRole('button', { name: 'Download your data' }).click();
    await requester.getByText('This code is not right; check it and try again.').waitFor();
    await requester.getByLabel('One-time code').fill(code.toLowerCase());
    const [saved] = await Promise.all([
      requester.waitForEvent('download'),
      requester.getByRole('button', { name: 'Download your data' }).click(),
    ]);
    expect(saved.suggestedFilename()).toMatch(/^DSAR-\d{6}\.zip$/);
    const released = unzipSync(new Uint8Array(readFileSync(await saved.path())));
    expect(Object.keys(released)).toContain('data.json');
    await requester.getByText(/Your download has started/).waitFor();
    // Once used, the link says so, and the download is in the audit trail.
    await requester.reload();
    await requester.getByText(/The one-time code for this download has been used/).waitFor();
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'dsar.download' AND details->>'proof' = 'one_time_code'",
    );
    expect(rows[0].n).toBe(1);
    await requester.context().close();
  });

  it('a postal request in the DPO’s own name waits for her choice, and "none of these" binds no one', async () => {
    // The demo DPO is Priya Shah; nobody has this address.
    await dpo.goto('/dpo');
    await dpo.getByRole('button', { name: 'New request' }).click();
    await dpo.getByLabel('Kind of request').selectOption('access');
    await dpo.getByLabel('Email', { exact: true }).fill('priya.shah@acme.example');
    await dpo.getByLabel('Full name').fill('Priya Shah');
    await dpo.getByLabel('Channel').selectOption('post');
    await dpo.getByRole('button', { name: 'Create request' }).click();
    const created = dpo.getByText(/^Created DSAR-\d{6}/);
    await created.waitFor();
    const reference = /DSAR-\d{6}/.exec((await created.textContent()) ?? '')?.[0] as string;
    await created.getByRole('link', { name: reference }).click();
    await dpo.getByRole('heading', { level: 1, name: reference }).waitFor();
    await dpo.getByRole('button', { name: 'Verify identity' }).click();
    await dpo.getByLabel('Verification method').selectOption('id_document');
    await dpo.getByRole('button', { name: 'Mark as verified' }).click();
    await dpo.getByRole('button', { name: 'Collect data' }).click();

    // Hushdesk asks instead of binding the request to her account.
    const card = dpo.getByTestId('dsar-candidates');
    await card.getByRole('heading', { name: 'Who is this request about?' }).waitFor({ timeout: 15_000 });
    await card.getByText(/No one on record has the email priya\.shah@acme\.example/).waitFor();
    const candidate = card.getByTestId('dsar-candidate');
    expect(await candidate.count()).toBe(1);
    expect(await candidate.textContent()).toMatch(/Priya Shah.*Staff: Data Protection Officer/);
    expect(await candidate.textContent()).toMatch(/Matched by full name only/);

    await card.getByRole('button', { name: 'None of these: no one on record' }).click();
    await dpo.getByTestId('dsar-progress').getByText('Collection finished').waitFor({ timeout: 15_000 });
    await dpo.getByText(/None: no one on record/).waitFor();
    const counts = dpo.getByTestId('dsar-counts');
    expect(await counts.getByText('Accounts').locator('..').textContent()).toBe('Accounts0');
    expect(await counts.getByText('Contact records').locator('..').textContent()).toBe('Contact records0');
    expect(await dpo.getByTestId('dsar-candidates').count()).toBe(0);
  });
});
