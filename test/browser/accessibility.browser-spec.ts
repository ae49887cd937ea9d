import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/** axe-core's browser bundle, evaluated in the page (the app's CSP allows no inline script tag). */
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Every axe violation on the page, as "rule: help (selectors)", so a failure says what to fix. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  // Runs in the page, where axe and the document exist (this file is compiled without DOM types).
  const found = await page.evaluate(async () => {
    const scope = globalThis as unknown as {
      axe: { run: (context: unknown, options: object) => Promise<{ violations: Violation[] }> };
      document: unknown;
    };
    const result = await scope.axe.run(scope.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target) }));
  });
  return found.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.join(' ')).join('; ')})`);
}

/**
 * axe finds nothing on the main screens of each role (the portal at a phone's width), and the app
 * writes no error to the console on the way, starting with a signed-out visit to the sign-in page.
 */
describe('accessibility of the main screens, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let ticketId: string;
  let dsarId: string;

  async function open(email: string | null, width = 1280): Promise<{ page: Page; consoleErrors: string[] }> {
    const context = await browser.newContext({ baseURL: t.baseUrl, viewport: { width, height: 900 } });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    if (email) {
      await page.goto('/login');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('hushdesk');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.getByRole('heading', { level: 1 }).waitFor();
    }
    return { page, consoleErrors };
  }

  /** Opens each path, waits for what shows it has loaded, and runs axe on it. */
  async function audit(email: string, width: number, screens: [string, (page: Page) => Promise<unknown>][]) {
    const { page, consoleErrors } = await open(email, width);
    const problems: Record<string, string[]> = {};
    for (const [path, loaded] of screens) {
      await page.goto(path);
      await loaded(page);
      await page.locator('.spinner').first().waitFor({ state: 'detached' });
      const found = await violations(page);
      // On a phone nothing may widen the page itself: wide tables scroll inside their own box.
      const overflow = Number(
        await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
      );
      if (width < 600 && overflow > 0) found.push(`the page is ${overflow} px wider than the screen`);
      if (found.length) problems[path] = found;
    }
    await page.context().close();
    expect(problems).toEqual({});
    expect(consoleErrors).toEqual([]);
  }

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    const customer = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    const engineer = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
    const dpo = await bearerFor(t, 'dpo@hushdesk.local', 'hushdesk');
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', customer)
      .send({ type: 'fault', subject: 'Handset has no dial tone', description: 'Since 9am, reception.' })
      .expect(201);
    ticketId = ticket.body.id;
    await t
      .http()
      .post(`/api/tickets/${ticketId}/messages`)
      .set('authorization', engineer)
      .send({ body: 'We are looking at the exchange now.', visibility: 'public' })
      .expect(201);
    await t
      .http()
      .post('/api/recordings')
      .set('authorization', engineer)
      .send({
        callerNumber: '07700 900456',
        direction: 'inbound',
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        durationSeconds: 95,
        ticketId,
      })
      .expect(201);

    // A DSAR under review with one item excluded, for the DPO's request screen.
    const dsar = await t
      .http()
      .post('/api/dsar')
      .set('authorization', dpo)
      .send({ kind: 'access', subject: { email: 'customer@hushdesk.local' }, channel: 'email' })
      .expect(201);
    dsarId = dsar.body.id;
    await t
      .http()
      .post(`/api/dsar/${dsarId}/verify`)
      .set('authorization', dpo)
      .send({ method: 'known_contact_details' })
      .expect(200);
    await t.http().post(`/api/dsar/${dsarId}/collect`).set('authorization', dpo).expect(202);
    let items: { id: string }[] = [];
    for (let i = 0; i < 200 && items.length === 0; i++) {
      const res = await t.http().get(`/api/dsar/${dsarId}/items`).set('authorization', dpo);
      items = res.status === 200 ? (res.body.items as { id: string }[]) : [];
      if (!items.length) await new Promise((r) => setTimeout(r, 50));
    }
    await t
      .http()
      .put(`/api/dsar/${dsarId}/items/${items[0].id}/exclusion`)
      .set('authorization', dpo)
      .send({ excluded: true, reason: 'About another customer with the same name' })
      .expect(204);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a signed-out visit to the sign-in page writes no error to the console', async () => {
    const { page, consoleErrors } = await open(null);
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByText('Demo accounts').waitFor();
    await page.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('nor on an install that is not a demo (no demo logins to offer)', async () => {
    const real = await startTestApp({ listen: true, demo: false });
    try {
      const page = await (await browser.newContext({ baseURL: real.baseUrl })).newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await page.goto('/login');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByText('Demo accounts').count()).toBe(0);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    } finally {
      await real.close();
    }
  });

  it('the customer’s portal, at a phone’s width (390 px)', () =>
    audit('customer@hushdesk.local', 390, [
      ['/portal', (page) => page.getByText('Handset has no dial tone').first().waitFor()],
      ['/portal/new', (page) => page.getByLabel('Subject').waitFor()],
      ['/portal/privacy', (page) => page.locator('table').first().waitFor()],
      [
        `/portal/tickets/${ticketId}`,
        (page) => page.getByText('We are looking at the exchange now.').waitFor(),
      ],
    ]));

  it('the engineer’s queue and ticket', () =>
    audit('engineer@hushdesk.local', 1280, [
      ['/console', (page) => page.getByRole('row', { name: /Handset has no dial tone/ }).waitFor()],
      [
        `/console/tickets/${ticketId}`,
        (page) => page.getByRole('region', { name: 'Calls' }).getByRole('listitem').waitFor(),
      ],
      [
        '/console',
        async (page) => {
          await page.getByRole('button', { name: /SLA warnings/ }).click();
          await page.getByRole('region', { name: 'SLA warnings' }).waitFor();
        },
      ],
    ]));

  it('the DPO’s requests, a request with an excluded item, and retention', () =>
    audit('dpo@hushdesk.local', 1280, [
      ['/dpo', (page) => page.getByTestId('dsar-row').first().waitFor()],
      [`/dpo/requests/${dsarId}`, (page) => page.getByText('Excluded from the package:').waitFor()],
      ['/dpo/retention', (page) => page.getByRole('search', { name: 'Find calls to hold' }).waitFor()],
    ]));

  it('the administrator’s organisations and users', () =>
    audit('admin@hushdesk.local', 1280, [
      ['/admin', (page) => page.getByText('Acme Ltd').first().waitFor()],
      ['/admin/users', (page) => page.getByText('engineer@hushdesk.local').first().waitFor()],
    ]));

  // The email channel's screens (issue 16): mailboxes (none yet: the empty state), the outbox (the
  // ticket above was acknowledged) and a member of staff's mail choices, at both widths.
  it.each([1280, 390])('the mail screens at %i px', async (width) => {
    await audit('admin@hushdesk.local', width, [
      ['/admin/mailboxes', (page) => page.getByText('No mailboxes yet').waitFor()],
      ['/admin/outbox', (page) => page.getByTestId('outbox-row').first().waitFor()],
      ['/account/email', (page) => page.getByLabel('Email me new tickets').waitFor()],
    ]);
    await audit('engineer@hushdesk.local', width, [
      ['/account/email', (page) => page.getByLabel('Email me new tickets').waitFor()],
    ]);
  });

  // At a phone's width the wide tables scroll sideways: each must be reachable from the keyboard,
  // and none may widen the page.
  it('staff screens with tables, at a phone’s width (390 px)', async () => {
    await audit('engineer@hushdesk.local', 390, [
      ['/console', (page) => page.getByRole('row', { name: /Handset has no dial tone/ }).waitFor()],
    ]);
    await audit('dpo@hushdesk.local', 390, [
      ['/dpo', (page) => page.getByTestId('dsar-row').first().waitFor()],
      ['/dpo/audit', (page) => page.locator('table tbody tr').first().waitFor()],
      ['/dpo/retention', (page) => page.getByRole('search', { name: 'Find calls to hold' }).waitFor()],
      ['/dpo/fields', (page) => page.locator('table tbody tr').first().waitFor()],
    ]);
    await audit('admin@hushdesk.local', 390, [
      ['/admin', (page) => page.getByText('Acme Ltd').first().waitFor()],
      ['/admin/users', (page) => page.getByText('engineer@hushdesk.local').first().waitFor()],
    ]);
  });
});
