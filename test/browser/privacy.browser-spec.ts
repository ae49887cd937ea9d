import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The field-policy registry drives the forms: the DPO turns a field on with a purpose and the
 * customer's form offers it with that purpose; the DPO turns it off (and purges what was stored)
 * and the form stops asking. An engineer sees the requester's phone masked and reveals it with a
 * reason, which the DPO then finds in the audit trail.
 */
describe('privacy screens, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let dpo: Page;
  let customer: Page;
  let engineer: Page;

  async function signIn(email: string): Promise<Page> {
    const page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  }

  async function openMyDetails(): Promise<void> {
    await customer
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Your requests' })
      .click();
    await customer.getByRole('heading', { level: 1, name: 'Your requests' }).waitFor();
    await customer
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My details' })
      .click();
    await customer.getByRole('heading', { level: 1, name: 'My details' }).waitFor();
    await customer.getByRole('button', { name: 'Save details' }).waitFor();
  }

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    dpo = await signIn('dpo@hushdesk.local');
    customer = await signIn('customer@hushdesk.local');
    engineer = await signIn('engineer@hushdesk.local');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('offers a field on the customer’s form only while the DPO collects it', async () => {
    const hint = 'so engineers know who they are talking to';

    // The DPO switches Job title on, with a purpose and a hint.
    await dpo.getByRole('link', { name: 'Field policies' }).click();
    await dpo.getByRole('heading', { level: 1, name: 'Field policies' }).waitFor();
    const jobTitle = dpo.getByRole('region', { name: 'Job title', exact: true });
    await jobTitle.getByLabel('Collection for Job title').selectOption('optional');
    await jobTitle.getByLabel('Purposes for Job title').fill('address you appropriately when we call');
    await jobTitle.getByLabel('Purpose hint for Job title').fill(hint);
    await jobTitle.getByRole('button', { name: 'Save Job title' }).click();
    await jobTitle.getByText('Saved the policy for Job title.').waitFor();
    const { rows: saved } = await t.db.query(
      "SELECT patch FROM field_policy_overrides WHERE field = 'person.jobTitle'",
    );
    expect(saved[0].patch).toMatchObject({ collection: 'optional', purposeHint: hint });

    // The customer's form now asks for it, saying why.
    await openMyDetails();
    await customer.getByLabel('Job title').waitFor();
    await customer.getByText(`Optional — ${hint}`).waitFor();
    await customer.getByLabel('Job title').fill('Office manager');
    await customer.getByRole('button', { name: 'Save details' }).click();
    await customer.getByText('Your details have been saved.').waitFor();
    const { rows: people } = await t.db.query(
      "SELECT job_title FROM people WHERE email = 'customer@hushdesk.local'",
    );
    expect(people[0].job_title).toBe('Office manager');

    // The DPO switches it off again, then deletes what was stored.
    await jobTitle.getByLabel('Collection for Job title').selectOption('off');
    await jobTitle.getByRole('button', { name: 'Save Job title' }).click();
    await jobTitle.getByText('Saved the policy for Job title.').waitFor();
    await jobTitle.getByText('1 value stored').waitFor();
    await jobTitle.getByRole('button', { name: 'Count stored values' }).click();
    await jobTitle.getByRole('button', { name: 'Delete 1 stored value' }).click();
    await jobTitle.getByRole('button', { name: 'Yes, delete 1 stored value' }).click();
    await jobTitle.getByText('Deleted 1 stored value of Job title.').waitFor();
    const { rows: purged } = await t.db.query(
      "SELECT job_title FROM people WHERE email = 'customer@hushdesk.local'",
    );
    expect(purged[0].job_title).toBeNull();

    // The customer's form no longer asks for it.
    await openMyDetails();
    await customer.getByLabel('Job title').waitFor({ state: 'detached' });
    await customer.getByLabel('Phone number').waitFor();
    expect(await customer.getByLabel('Job title').count()).toBe(0);
  });

  it('shows the requester’s phone masked to an engineer, and reveals it with an audited reason', async () => {
    const subject = `Voicemail light stuck on ${Date.now()}`;
    const reason = 'Customer asked for a call back about the fault';

    // The customer gives a phone number and logs a fault.
    await openMyDetails();
    await customer.getByLabel('Phone number').fill('07700 900123');
    await customer.getByRole('button', { name: 'Save details' }).click();
    await customer.getByText('Your details have been saved.').waitFor();
    await customer.getByRole('link', { name: 'Your requests' }).click();
    await customer.getByRole('link', { name: 'Log a fault or request' }).click();
    await customer.getByLabel('Subject').fill(subject);
    await customer.getByLabel('Description').fill('The message light stays on with no new messages.');
    await customer.getByRole('button', { name: 'Submit request' }).click();
    await customer.getByRole('heading', { level: 1, name: subject }).waitFor();
    const ticketId = customer.url().split('/').pop() ?? '';

    // The engineer sees it masked, then reveals it with a reason.
    await engineer.goto(`/console/tickets/${ticketId}`);
    await engineer.getByRole('heading', { level: 1, name: subject }).waitFor();
    const card = engineer.getByRole('region', { name: 'Requester' });
    await card.getByText('Alex Morgan').waitFor();
    await expect(card.getByTestId('masked-phone').textContent()).resolves.toBe('••••• ••• 123');
    expect(await card.textContent()).not.toContain('900123');
    await card.getByRole('button', { name: 'Reveal Phone number' }).click();
    await card.getByLabel('Reason').fill(reason);
    await card.getByRole('button', { name: 'Show phone number' }).click();
    await card.getByRole('link', { name: '+447700900123' }).waitFor();

    const { rows } = await t.db.query(
      "SELECT actor_role, fields, reason FROM audit_log WHERE action = 'person.reveal' ORDER BY seq DESC LIMIT 1",
    );
    expect(rows[0]).toEqual({ actor_role: 'engineer', fields: ['person.phone'], reason });

    // The DPO finds the reveal in the audit trail, and the chain holds.
    await dpo.getByRole('link', { name: 'Audit trail' }).click();
    await dpo.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await dpo.getByLabel('Action').selectOption('person.reveal');
    await dpo.getByRole('button', { name: 'Apply filters' }).click();
    await dpo.getByRole('row', { name: new RegExp(reason) }).waitFor();
    await dpo.getByRole('button', { name: 'Verify chain' }).click();
    await expect(dpo.getByTestId('chain-result').textContent()).resolves.toMatch(
      /^Chain intact: \d+ entries checked/,
    );
  });
});
