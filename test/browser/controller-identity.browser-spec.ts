import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

/** An admin names the controller and its DPO; a customer's privacy notice then shows them. */
describe('controller identity, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;

  const signIn = async (email: string, landing: string): Promise<Page> => {
    const page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**${landing}`);
    return page;
  };

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets an admin set the controller and DPO contact, refusing a bad phone next to its field', async () => {
    const page = await signIn('admin@hushdesk.local', '/admin');
    await page.getByRole('link', { name: 'Controller' }).click();
    await page.getByRole('heading', { level: 1, name: 'Controller' }).waitFor();
    await page.getByLabel('Controller’s legal name').fill('Northern Lines Telecom Ltd');
    await page.getByLabel('Postal address').fill('Unit 4, Example Business Park\nExampleton EX1 2MP');
    await page.getByLabel('Data Protection Officer’s name').fill('Data Protection Officer');
    await page.getByLabel('Data Protection Officer’s email').fill('privacy@northern-lines.example.com');
    await page.getByLabel('Data Protection Officer’s phone').fill('ask at reception');
    await page.getByRole('button', { name: 'Save controller details' }).click();
    await page.getByText(/phone is not a recognisable phone number/).waitFor();
    await expect(
      page.getByLabel('Data Protection Officer’s phone').getAttribute('aria-invalid'),
    ).resolves.toBe('true');

    await page.getByLabel('Data Protection Officer’s phone').fill('020 7946 0321');
    await page.getByRole('button', { name: 'Save controller details' }).click();
    await page.getByText(/^Saved\./).waitFor();
    const { rows } = await t.db.query('SELECT name, dpo_email, dpo_phone FROM controller_identity');
    expect(rows).toEqual([
      {
        name: 'Northern Lines Telecom Ltd',
        dpo_email: 'privacy@northern-lines.example.com',
        dpo_phone: '020 7946 0321',
      },
    ]);
    await page.context().close();
  });

  it('shows them on the customer’s privacy notice', async () => {
    const page = await signIn('customer@hushdesk.local', '/portal');
    await page.goto('/portal/privacy');
    const card = page.getByRole('region', { name: 'Who is responsible for your data' });
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Northern Lines Telecom Ltd');
    expect(text).toContain('Exampleton EX1 2MP');
    expect(text).toContain('privacy@northern-lines.example.com');
    expect(text).toContain('020 7946 0321');
    await expect(
      card.getByRole('link', { name: 'privacy@northern-lines.example.com' }).getAttribute('href'),
    ).resolves.toBe('mailto:privacy@northern-lines.example.com');
    await page.context().close();
  });
});
