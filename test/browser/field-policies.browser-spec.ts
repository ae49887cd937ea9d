import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/**
 * The DPO's field-policy screen offers only the collection choices a field can honour (the API
 * says which), explains the ones it cannot change, and its "At a glance" table counts the caller
 * numbers and attachment names that are stored.
 */
describe('field policies screen, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let dpo: Page;
  let ticketId: string;

  const optionsOf = async (page: Page, label: string) => {
    const select = page.getByLabel(label, { exact: true });
    await select.waitFor(); // the cards render once the policies have loaded
    return select.locator('option').allTextContents();
  };

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    // Two calls and a file, so there are caller numbers and attachment names to count.
    const engineer = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
    const customer = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    for (const callerNumber of ['07700 900411', '07700 900412']) {
      await t
        .http()
        .post('/api/recordings')
        .set('authorization', engineer)
        .send({
          callerNumber,
          direction: 'inbound',
          startedAt: new Date(Date.now() - 60_000).toISOString(),
          durationSeconds: 30,
        })
        .expect(201);
    }
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', customer)
      .send({ type: 'fault', subject: 'Router', description: 'No lights.' })
      .expect(201);
    ticketId = ticket.body.id;
    await t
      .http()
      .post(`/api/tickets/${ticketId}/attachments`)
      .set('authorization', customer)
      .attach('file', Buffer.from('link down\n'), 'router.log')
      .expect(201);

    dpo = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await dpo.goto('/login');
    await dpo.getByLabel('Email').fill('dpo@hushdesk.local');
    await dpo.getByLabel('Password').fill('hushdesk');
    await dpo.getByRole('button', { name: 'Sign in' }).click();
    await dpo.getByRole('heading', { level: 1 }).waitFor();
    await dpo.getByRole('link', { name: 'Field policies' }).click();
    await dpo.getByRole('heading', { level: 1, name: 'Field policies' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('offers "Required" only where a field can be required', async () => {
    expect(await optionsOf(dpo, 'Collection for Phone number')).toEqual(['Optional', 'Not collected']);
    expect(await optionsOf(dpo, 'Collection for Work address')).toEqual(['Optional', 'Not collected']);
    expect(await optionsOf(dpo, 'Collection for Full name')).toEqual(['Required', 'Optional']);
  });

  it('shows a field that is always collected as such, and says why', async () => {
    const caller = dpo.getByLabel('Collection for Caller number', { exact: true });
    expect(await optionsOf(dpo, 'Collection for Caller number')).toEqual(['Required']);
    expect(await caller.isDisabled()).toBe(true);
    await dpo
      .getByRole('region', { name: 'Caller number', exact: true })
      .getByText('Caller number is always collected: a call arrives with its number.', { exact: false })
      .waitFor();
  });

  it('counts the stored caller numbers and attachment names at a glance', async () => {
    const glance = dpo.getByRole('region', { name: 'At a glance' });
    const stored = async (label: string) =>
      glance
        .getByRole('row')
        .filter({ has: dpo.getByRole('rowheader', { name: label, exact: true }) })
        .getByRole('cell')
        .nth(2)
        .textContent();
    expect(await stored('Caller number')).toBe('2');
    expect(await stored('Attachment file name')).toBe('1');
  });

  it('gives an engineer a share-safe copy of a text file whose name carries no identifiers', async () => {
    const customer = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    await t
      .http()
      .post(`/api/tickets/${ticketId}/attachments`)
      .set('authorization', customer)
      .attach('file', Buffer.from('Call me on 07700 900777\n'), 'notes 07700 900777 me@example.com.txt')
      .expect(201);
    const engineer = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await engineer.goto('/login');
    await engineer.getByLabel('Email').fill('engineer@hushdesk.local');
    await engineer.getByLabel('Password').fill('hushdesk');
    await engineer.getByRole('button', { name: 'Sign in' }).click();
    await engineer.waitForURL(/\/console/);
    await engineer.goto(`/console/tickets/${ticketId}`);
    const link = engineer.getByRole('link', { name: /^Share-safe copy of notes/ });
    const [download] = await Promise.all([engineer.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('share-safe-notes [phone] [email].txt');
    // Only text files have one.
    expect(await engineer.getByRole('link', { name: /^Share-safe copy/ }).count()).toBe(2);
  });
});
