import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

const SHOTS = '/tmp/shots-portal';

/**
 * The customer's portal: marking a request solved and reopening it by replying, statuses in plain
 * words, the reply promise from the SLA, tables that keep every column on a phone's screen, and
 * dark mode when the system asks for it.
 */
describe('the customer portal, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let customerAuth: string;
  let engineerAuth: string;

  async function signedIn(
    email: string,
    options: { width?: number; height?: number; dark?: boolean } = {},
  ): Promise<Page> {
    const context = await browser.newContext({
      baseURL: t.baseUrl,
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      colorScheme: options.dark ? 'dark' : 'light',
    });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  }

  const status = async (id: string) =>
    (await t.db.query('SELECT status FROM tickets WHERE id = $1', [id])).rows[0].status as string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    customerAuth = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    engineerAuth = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('tells the customer when to expect a reply, then marks the request solved and reopens it by replying', async () => {
    const page = await signedIn('customer@hushdesk.local');
    await page.goto('/portal/new');
    await page.getByLabel('Priority').selectOption('P2');
    await page.getByText('We aim to reply within 4 working hours.').waitFor();
    await page.getByLabel('Priority').selectOption('P1');
    await page.getByText('We aim to reply within 1 hour, day or night.').waitFor();
    await page.getByLabel('Priority').selectOption('P3');
    await page.getByLabel('Subject').fill('Printer offline on the second floor');
    await page.getByLabel('Description').fill('It shows a red light since this morning.');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.waitForURL(/\/portal\/tickets\//);
    await page
      .getByText(/Thank you\. We have your request.+We aim to reply within 8\.5 working hours\./)
      .waitFor();
    const id = page.url().split('/').pop() as string;

    // An engineer asks a question: the customer reads it in plain words.
    await t
      .http()
      .patch(`/api/tickets/${id}`)
      .set('authorization', engineerAuth)
      .send({ status: 'pending_customer' })
      .expect(200);
    await page.reload();
    await page.locator('.ticket-header').getByText('Waiting for your reply').waitFor();

    await page.getByRole('button', { name: 'Mark as solved' }).click();
    await page.getByText('Marked as solved. Reply below if you need us again.').waitFor();
    await page.locator('.ticket-header').getByText('Solved').waitFor();
    expect(await status(id)).toBe('resolved');
    await page.screenshot({ path: `${SHOTS}/solved.png`, fullPage: true });

    await page.getByLabel('Your reply').fill('Sorry, it is showing the red light again.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Your reply has been sent.').waitFor();
    await page.locator('.ticket-header').getByText('In progress').waitFor();
    expect(await status(id)).toBe('open');
    await page.getByRole('button', { name: 'Mark as solved' }).waitFor();

    await page.goto('/portal');
    const row = page.getByRole('row', { name: /Printer offline/ });
    await row.getByText('In progress').waitFor();
    await page.context().close();
  });

  it('finds a request by its words from the portal search', async () => {
    await t
      .http()
      .post('/api/tickets')
      .set('authorization', customerAuth)
      .send({
        type: 'fault',
        subject: 'Desk phone reboots',
        description: 'Every hour or so.',
        equipment: { assetTag: 'ACM-4411', model: 'Yealink T54W' },
      })
      .expect(201);
    const page = await signedIn('customer@hushdesk.local');
    await page.getByLabel('Search your requests').fill('ACM-4411');
    await page.waitForURL(/q=ACM-4411/);
    await page.getByRole('row', { name: /Desk phone reboots/ }).waitFor();
    await page.getByRole('row', { name: /Printer offline/ }).waitFor({ state: 'detached' });
    await page.getByLabel('Search your requests').fill('zzzz nothing like it');
    await page.getByText('No requests match').waitFor();
    await page.context().close();
  });

  /** Every table on the page: none scrolls sideways, and each header cell lies within the screen. */
  async function tablesFit(page: Page): Promise<string[]> {
    return page.evaluate(`(() => {
      const problems = [];
      const width = window.innerWidth;
      document.querySelectorAll('table').forEach((table, i) => {
        const wrap = table.closest('.table-wrap');
        if (wrap && wrap.scrollWidth > wrap.clientWidth + 1)
          problems.push('table ' + i + ' scrolls: ' + wrap.scrollWidth + ' > ' + wrap.clientWidth);
        table.querySelectorAll('thead th').forEach((th) => {
          const box = th.getBoundingClientRect();
          const style = getComputedStyle(th);
          if (style.display === 'none' || style.visibility === 'hidden' || box.width < 1)
            problems.push('table ' + i + ' hides ' + th.textContent);
          else if (box.right > width + 0.5 || box.left < -0.5)
            problems.push('table ' + i + ' cuts ' + th.textContent + ' at ' + Math.round(box.right));
        });
      });
      if (document.documentElement.scrollWidth > width) problems.push('the page scrolls sideways');
      return problems;
    })()`);
  }

  it.each([
    ['light', false],
    ['dark', true],
  ])('keeps every column of every portal table on a 390 px screen (%s)', async (scheme, dark) => {
    const page = await signedIn('customer@hushdesk.local', { width: 390, height: 844, dark });
    const screens: [string, string, () => Promise<unknown>][] = [
      ['/portal', 'requests', () => page.locator('table tbody tr').first().waitFor()],
      ['/portal/privacy', 'privacy-notice', () => page.locator('table tbody tr').first().waitFor()],
      ['/portal/requests', 'privacy-requests', () => page.getByRole('heading', { level: 1 }).waitFor()],
    ];
    const problems: Record<string, string[]> = {};
    for (const [path, name, loaded] of screens) {
      await page.goto(path);
      await loaded();
      await page.locator('.spinner').first().waitFor({ state: 'detached' });
      const found = await tablesFit(page);
      if (found.length) problems[path] = found;
      await page.screenshot({ path: `${SHOTS}/${name}-390-${scheme}.png`, fullPage: true });
      if (await page.locator('table').count()) {
        await page.locator('table').first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SHOTS}/${name}-390-${scheme}-table.png` });
      }
    }
    // A request's own page, with its "Is this sorted?" card, on the same screen.
    await page.goto('/portal');
    await page.locator('.portal-table .ticket-table__link').first().click();
    await page.getByRole('heading', { name: 'Conversation' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/request-390-${scheme}.png`, fullPage: true });
    await page.context().close();
    expect(problems).toEqual({});
  });

  it('follows the system’s dark setting', async () => {
    const page = await signedIn('customer@hushdesk.local', { dark: true });
    await page.locator('table tbody tr').first().waitFor();
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(11, 16, 32)');
    await page.screenshot({ path: `${SHOTS}/portal-dark.png`, fullPage: true });
    await page.context().close();

    const engineer = await signedIn('engineer@hushdesk.local', { dark: true });
    await engineer.locator('.queue-table tbody tr').first().waitFor();
    await engineer.screenshot({ path: `${SHOTS}/queue-dark.png` });
    await engineer.locator('.queue-table .ticket-table__link').first().click();
    await engineer.getByRole('heading', { name: 'Conversation' }).waitFor();
    await engineer.screenshot({ path: `${SHOTS}/ticket-dark.png`, fullPage: true });
    await engineer.context().close();
  });
});
