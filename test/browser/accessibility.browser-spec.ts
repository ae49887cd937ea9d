import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { SlaWarningJob } from '../../apps/api/src/notifications/sla-warning.job';
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

const TRAY_SHOTS = '/tmp/shots-slawarn';

/** Every screen is checked in the light theme and in the dark one the system setting picks. */
type Scheme = 'light' | 'dark';
const SCHEMES: Scheme[] = ['light', 'dark'];

/**
 * axe finds nothing on the main screens of each role (the portal at a phone's width), and the app
 * writes no error to the console on the way, starting with a signed-out visit to the sign-in page.
 */
describe('accessibility of the main screens, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let ticketId: string;
  let dsarId: string;

  async function open(
    email: string | null,
    width = 1280,
    scheme: Scheme = 'light',
  ): Promise<{ page: Page; consoleErrors: string[] }> {
    const context = await browser.newContext({
      baseURL: t.baseUrl,
      viewport: { width, height: 900 },
      colorScheme: scheme,
    });
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
  async function audit(
    email: string,
    width: number,
    screens: [string, (page: Page) => Promise<unknown>][],
    scheme: Scheme = 'light',
  ) {
    const { page, consoleErrors } = await open(email, width, scheme);
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
    // The same customer's other ticket: a target for "Merge into…".
    await t
      .http()
      .post('/api/tickets')
      .set('authorization', customer)
      .send({
        type: 'fault',
        subject: 'Handset crackles on line 2',
        description: 'Reception again.',
        tags: ['voip', 'site-b'],
      })
      .expect(201);
    // A saved view for the queue's views column, and a shared one (an admin's).
    await t
      .http()
      .post('/api/views')
      .set('authorization', engineer)
      .send({ name: 'Urgent ones', filters: { priority: 'P1' } })
      .expect(201);
    await t
      .http()
      .post('/api/views')
      .set('authorization', await bearerFor(t, 'admin@hushdesk.local', 'hushdesk'))
      .send({ name: 'New tickets', shared: true, filters: { status: 'new' } })
      .expect(201);
    // A shared macro, for the macros pages (read-only to engineers).
    await t
      .http()
      .post('/api/macros')
      .set('authorization', await bearerFor(t, 'admin@hushdesk.local', 'hushdesk'))
      .send({ title: 'Printer: restart first', body: 'Please restart the printer.', shared: true })
      .expect(201);
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

  it.each(SCHEMES)('the sign-in page (%s)', async (scheme) => {
    const { page } = await open(null, 1280, scheme);
    await page.goto('/login');
    await page.getByText('Demo accounts').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it.each(SCHEMES)('the customer’s portal, at a phone’s width (390 px, %s)', (scheme) =>
    audit(
      'customer@hushdesk.local',
      390,
      [
        ['/portal', (page) => page.getByText('Handset has no dial tone').first().waitFor()],
        ['/portal?q=dial', (page) => page.getByText('Handset has no dial tone').first().waitFor()],
        ['/portal/new', (page) => page.getByLabel('Subject').waitFor()],
        ['/portal/privacy', (page) => page.locator('table').first().waitFor()],
        ['/portal/details', (page) => page.getByRole('heading', { level: 1 }).waitFor()],
        ['/portal/requests', (page) => page.getByRole('heading', { level: 1 }).waitFor()],
        ['/account/password', (page) => page.getByLabel('Current password').waitFor()],
        [
          `/portal/tickets/${ticketId}`,
          (page) => page.getByText('We are looking at the exchange now.').waitFor(),
        ],
      ],
      scheme,
    ),
  );

  it.each(SCHEMES)('the engineer’s queue, ticket, dashboard and shortcuts (%s)', async (scheme) => {
    await audit(
      'engineer@hushdesk.local',
      1280,
      [
        ['/console', (page) => page.getByRole('row', { name: /Handset has no dial tone/ }).waitFor()],
        [
          '/console?status=open&q=dial',
          (page) => page.getByRole('row', { name: /Handset has no dial tone/ }).waitFor(),
        ],
        [
          `/console/tickets/${ticketId}`,
          (page) => page.getByRole('region', { name: 'Calls' }).getByRole('listitem').waitFor(),
        ],
        ['/console/dashboard', (page) => page.getByRole('heading', { level: 1 }).waitFor()],
        [
          '/console/macros',
          async (page) => {
            await page.getByRole('row', { name: /Printer: restart first/ }).waitFor();
            await page.getByRole('button', { name: 'New macro' }).click();
            await page.getByRole('form', { name: 'Create macro' }).waitFor();
          },
        ],
        [
          '/console',
          async (page) => {
            await page.getByRole('row', { name: /Handset has no dial tone/ }).waitFor();
            await page.keyboard.press('?');
            await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
          },
        ],
        [
          '/console',
          async (page) => {
            await page.getByRole('button', { name: /SLA warnings/ }).click();
            await page.getByRole('region', { name: 'SLA warnings' }).waitFor();
          },
        ],
        [
          // The merge card's confirmation step, with what would move.
          `/console/tickets/${ticketId}?merge`,
          async (page) => {
            const card = page.getByRole('region', { name: 'Merge' });
            await card.getByRole('button', { name: 'Merge into…' }).click();
            await card.getByLabel('Ticket to merge into').fill('crackles');
            await card.getByRole('button', { name: /Handset crackles on line 2/ }).click();
            await card.getByRole('heading', { name: /^Merge HD-\d+ into HD-\d+\?$/ }).waitFor();
          },
        ],
        [
          // The share-safe copy, shown.
          `/console/tickets/${ticketId}?share-safe`,
          async (page) => {
            const card = page.getByRole('region', { name: 'Share-safe copy' });
            await card.getByRole('button', { name: 'Show the share-safe copy' }).click();
            await card.getByLabel(/^Copy of HD-\d+, safe to share$/).waitFor();
          },
        ],
      ],
      scheme,
    );
  });

  it('the DPO’s ticket page, with a redaction form open', () =>
    audit('dpo@hushdesk.local', 1280, [
      [
        `/dpo/tickets/${ticketId}`,
        async (page) => {
          await page.getByText('We are looking at the exchange now.').waitFor();
          await page
            .getByRole('button', { name: /^Redact…/ })
            .first()
            .click();
          await page.getByLabel('Why redact this message?').waitFor();
        },
      ],
    ]));

  // The queue with tickets picked: the bulk bar, the selected rows and the views column.
  it.each([1280, 390])('the queue with a selection and views at %i px', (width) =>
    audit('engineer@hushdesk.local', width, [
      [
        '/console',
        async (page) => {
          await page
            .getByRole('row', { name: /Handset has no dial tone/ })
            .getByRole('checkbox')
            .check();
          await page
            .getByRole('navigation', { name: 'Views' })
            .getByRole('link', { name: /Urgent ones/ })
            .waitFor();
          await page.getByTestId('bulk-bar').getByLabel('Assign to').waitFor();
        },
      ],
    ]),
  );
  it('the reply box: the macro picker open, the Markdown preview, and files chosen', async () => {
    const engineer = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
    await t
      .http()
      .post('/api/macros')
      .set('authorization', engineer)
      .send({ title: 'Exchange fault', body: 'Hello {{requester.firstName}}, the **exchange** is down.' })
      .expect(201);
    const { page, consoleErrors } = await open('engineer@hushdesk.local', 1280);
    await page.goto(`/console/tickets/${ticketId}`);
    const box = page.locator('#composer-message');
    await box.fill('We **restarted** the exchange:\n\n- line 1\n- line 2');
    await page.setInputFiles('[data-testid="reply-file-input"]', {
      name: 'exchange.log',
      mimeType: 'text/plain',
      buffer: Buffer.from('line down 09:14\n'),
    });
    await page.getByRole('tab', { name: 'Preview' }).click();
    await page.getByTestId('reply-preview').locator('strong').waitFor();
    const problems = { preview: await violations(page) };
    await page.getByRole('button', { name: 'Insert macro' }).click();
    await page.getByRole('listbox', { name: 'Macros' }).getByRole('option').first().waitFor();
    const withPicker = await violations(page);
    await page.context().close();
    expect({ ...problems, picker: withPicker }).toEqual({ preview: [], picker: [] });
    expect(consoleErrors).toEqual([]);
  });

  it.each(SCHEMES.flatMap((scheme) => [390, 1280].map((width) => [scheme, width] as const)))(
    'the reply box with a file kept in the draft (%s, %i px)',
    async (scheme, width) => {
      const engineer = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
      const ticket = await t
        .http()
        .post('/api/tickets')
        .set('authorization', await bearerFor(t, 'customer@hushdesk.local', 'hushdesk'))
        .send({ type: 'fault', subject: `Kept file ${scheme} ${String(width)}`, description: 'Line down.' })
        .expect(201);
      await t
        .http()
        .post(`/api/tickets/${ticket.body.id}/draft/attachments`)
        .set('authorization', engineer)
        .attach('file', Buffer.from('line down 09:14\n'), 'exchange-trace.log')
        .expect(201);
      const { page, consoleErrors } = await open('engineer@hushdesk.local', width, scheme);
      await page.goto(`/console/tickets/${ticket.body.id}`);
      await page.getByRole('button', { name: 'Remove exchange-trace.log' }).waitFor();
      const found = await violations(page);
      const overflow = Number(
        await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
      );
      await page.context().close();
      expect(found).toEqual([]);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(consoleErrors).toEqual([]);
    },
  );

  it('the new-request form with a file chosen, at a phone’s width', async () => {
    const { page, consoleErrors } = await open('customer@hushdesk.local', 390);
    await page.goto('/portal/new');
    await page.getByLabel('Subject').waitFor();
    await page.setInputFiles('[data-testid="reply-file-input"]', {
      name: 'handset.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('no dial tone\n'),
    });
    await page.getByRole('button', { name: 'Remove handset.txt' }).waitFor();
    if (process.env.SHOTS_DIR)
      await page.screenshot({ path: `${process.env.SHOTS_DIR}/new-request-files.png`, fullPage: true });
    const found = await violations(page);
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    await page.context().close();
    expect(found).toEqual([]);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(consoleErrors).toEqual([]);
  });

  it.each(SCHEMES)('the DPO’s requests, a request with an excluded item, and retention (%s)', (scheme) =>
    audit(
      'dpo@hushdesk.local',
      1280,
      [
        ['/dpo', (page) => page.getByTestId('dsar-row').first().waitFor()],
        [`/dpo/requests/${dsarId}`, (page) => page.getByText('Excluded from the package:').waitFor()],
        ['/dpo/retention', (page) => page.getByRole('search', { name: 'Find calls to hold' }).waitFor()],
        ['/dpo/fields', (page) => page.locator('table tbody tr').first().waitFor()],
        ['/dpo/audit', (page) => page.locator('table tbody tr').first().waitFor()],
        ['/dpo/ropa', (page) => page.getByRole('heading', { level: 1 }).waitFor()],
      ],
      scheme,
    ),
  );

  it.each(SCHEMES)('the administrator’s organisations, users, settings and groups (%s)', (scheme) =>
    audit(
      'admin@hushdesk.local',
      1280,
      [
        ['/admin', (page) => page.getByText('Acme Ltd').first().waitFor()],
        ['/admin/users', (page) => page.getByText('engineer@hushdesk.local').first().waitFor()],
        ['/admin/controller', (page) => page.getByRole('heading', { level: 1 }).waitFor()],
        ['/admin/groups', (page) => page.getByRole('button', { name: 'Members of Service desk' }).waitFor()],
        [
          '/admin/groups',
          async (page) => {
            await page.getByRole('button', { name: 'Members of Service desk' }).click();
            await page
              .getByRole('dialog', { name: 'Members of Service desk' })
              .getByRole('checkbox', { name: 'Sam Patel' })
              .waitFor();
          },
        ],
        [
          '/admin/groups',
          async (page) => {
            await page.getByRole('button', { name: 'Delete Service desk' }).click();
            await page.getByRole('dialog', { name: 'Delete Service desk?' }).waitFor();
          },
        ],
      ],
      scheme,
    ),
  );

  it('the administrator’s edit dialogs and the business hours and SLA screen', () =>
    audit('admin@hushdesk.local', 1280, [
      [
        '/admin',
        async (page) => {
          await page.getByRole('button', { name: 'Edit Acme Ltd' }).click();
          await page.getByRole('dialog', { name: 'Edit Acme Ltd' }).waitFor();
        },
      ],
      [
        '/admin',
        async (page) => {
          await page.getByRole('button', { name: 'Delete Acme Ltd' }).click();
          await page.getByRole('dialog', { name: 'Delete Acme Ltd?' }).waitFor();
        },
      ],
      [
        '/admin/users',
        async (page) => {
          await page.getByRole('button', { name: 'Edit Sam Patel' }).click();
          await page.getByRole('dialog', { name: 'Edit Sam Patel' }).waitFor();
        },
      ],
      ['/admin/sla', (page) => page.getByLabel('P1 · Critical: first response, minutes').waitFor()],
      ['/admin/tags', (page) => page.getByRole('button', { name: 'Rename voip' }).waitFor()],
      [
        '/admin/tags',
        async (page) => {
          await page.getByRole('button', { name: 'Rename voip' }).click();
          await page.getByLabel('New name').waitFor();
        },
      ],
      [
        '/admin/tags',
        async (page) => {
          await page.getByRole('button', { name: 'Remove site-b' }).click();
          await page.getByRole('group', { name: 'Remove site-b' }).waitFor();
        },
      ],
    ]));

  // Shared views (an admin's screen for the queue's views column) and the macro editor with every
  // ticket change it can set, at both widths and in both themes.
  it.each([
    [1280, 'light'],
    [1280, 'dark'],
    [390, 'light'],
    [390, 'dark'],
  ] as [number, Scheme][])('shared views and the macro editor at %i px (%s)', (width, scheme) =>
    audit(
      'admin@hushdesk.local',
      width,
      [
        ['/admin/views', (page) => page.getByRole('row', { name: /New tickets/ }).waitFor()],
        [
          '/admin/views',
          async (page) => {
            await page.getByRole('button', { name: 'Edit New tickets' }).click();
            await page.getByRole('dialog', { name: 'Edit New tickets' }).getByLabel('Group').waitFor();
          },
        ],
        [
          '/admin/views',
          async (page) => {
            await page.getByRole('button', { name: 'Delete New tickets' }).click();
            await page.getByRole('dialog', { name: 'Delete New tickets?' }).waitFor();
          },
        ],
        [
          '/admin/macros',
          async (page) => {
            await page.getByRole('button', { name: 'New macro' }).click();
            const form = page.getByRole('form', { name: 'Create macro' });
            await form.getByLabel('Sets the ticket’s tags').check();
            await form.getByLabel('Tags it sets').fill('printer');
            await form.getByRole('button', { name: 'Add tag' }).click();
            await form.getByRole('button', { name: 'Remove the tag printer' }).waitFor();
          },
        ],
      ],
      scheme,
    ),
  );

  // The email channel's screens (issue 16): mailboxes (none yet: the empty state), the outbox (the
  // ticket above was acknowledged) and a member of staff's mail choices, at both widths.
  it.each([
    [1280, 'light'],
    [390, 'light'],
    [390, 'dark'],
  ] as [number, Scheme][])('the mail screens at %i px (%s)', async (width, scheme) => {
    await audit(
      'admin@hushdesk.local',
      width,
      [
        ['/admin/mailboxes', (page) => page.getByText('No mailboxes yet').waitFor()],
        ['/admin/outbox', (page) => page.getByTestId('outbox-row').first().waitFor()],
        ['/admin/macros', (page) => page.getByRole('row', { name: /Printer: restart first/ }).waitFor()],
        ['/account/email', (page) => page.getByLabel('Email me new tickets').waitFor()],
      ],
      scheme,
    );
    await audit(
      'engineer@hushdesk.local',
      width,
      [['/account/email', (page) => page.getByLabel('Email me new tickets').waitFor()]],
      scheme,
    );
  });

  // At a phone's width the wide tables scroll sideways: each must be reachable from the keyboard,
  // and none may widen the page.
  it.each(SCHEMES)('staff screens with tables, at a phone’s width (390 px, %s)', async (scheme) => {
    await audit(
      'engineer@hushdesk.local',
      390,
      [['/console', (page) => page.getByRole('row', { name: /Handset has no dial tone/ }).waitFor()]],
      scheme,
    );
    await audit(
      'dpo@hushdesk.local',
      390,
      [
        ['/dpo', (page) => page.getByTestId('dsar-row').first().waitFor()],
        ['/dpo/audit', (page) => page.locator('table tbody tr').first().waitFor()],
        ['/dpo/retention', (page) => page.getByRole('search', { name: 'Find calls to hold' }).waitFor()],
        ['/dpo/fields', (page) => page.locator('table tbody tr').first().waitFor()],
      ],
      scheme,
    );
    await audit(
      'admin@hushdesk.local',
      390,
      [
        ['/admin', (page) => page.getByText('Acme Ltd').first().waitFor()],
        ['/admin/users', (page) => page.getByText('engineer@hushdesk.local').first().waitFor()],
        ['/admin/sla', (page) => page.getByLabel('P1 · Critical: first response, minutes').waitFor()],
        ['/admin/groups', (page) => page.getByRole('button', { name: 'Members of Service desk' }).waitFor()],
      ],
      scheme,
    );
  });
  // The SLA warnings tray open, with a new warning and a read one, for an engineer and for an admin
  // who is a member of the ticket's group (no ticket page: no links), at both widths and themes.
  describe('the SLA warnings tray', () => {
    let warningIds: string[];
    const userOf = async (email: string) =>
      (
        await t.db.query('SELECT u.id FROM users u JOIN people p ON p.id = u.person_id WHERE p.email = $1', [
          email,
        ])
      ).rows[0].id as string;
    beforeAll(async () => {
      const admin = await bearerFor(t, 'admin@hushdesk.local', 'hushdesk');
      const customer = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
      const group = await t
        .http()
        .post('/api/groups')
        .set('authorization', admin)
        .send({ name: 'Tray desk' });
      await t
        .http()
        .put(`/api/groups/${group.body.id}/members`)
        .set('authorization', admin)
        .send({ userIds: [await userOf('admin@hushdesk.local'), await userOf('engineer@hushdesk.local')] })
        .expect(200);
      for (const [subject, due] of [
        ['Switch fan failing', `now() + interval '20 minutes'`],
        ['Leased line down', `now() - interval '5 minutes'`],
      ]) {
        const res = await t
          .http()
          .post('/api/tickets')
          .set('authorization', customer)
          .send({ type: 'fault', subject, description: 'Tray check.' })
          .expect(201);
        await t.db.query(
          `UPDATE tickets SET group_id = $2, next_due_at = ${due}, next_at_risk_at = now() - interval '30 minutes'
            WHERE id = $1`,
          [res.body.id, group.body.id],
        );
      }
      await t.app.get(SlaWarningJob).run();
      const { rows } = await t.db.query('SELECT id FROM sla_warnings ORDER BY created_at, id');
      warningIds = rows.map((r) => r.id);
      mkdirSync(TRAY_SHOTS, { recursive: true });
    });

    it.each([
      [1280, 'light'],
      [1280, 'dark'],
      [390, 'light'],
      [390, 'dark'],
    ] as [number, Scheme][])('open at %i px (%s)', async (width, scheme) => {
      for (const [email, home, name] of [
        ['engineer@hushdesk.local', '/console', 'engineer'],
        ['admin@hushdesk.local', '/admin', 'admin'],
      ]) {
        // One read before, the others new.
        const user = await userOf(email);
        await t.db.query('DELETE FROM sla_warning_reads WHERE user_id = $1', [user]);
        await t.db.query('INSERT INTO sla_warning_reads (warning_id, user_id) VALUES ($1, $2)', [
          warningIds[0],
          user,
        ]);
        await audit(
          email,
          width,
          [
            [
              home,
              async (page) => {
                await page.getByTestId('sla-warnings-count').waitFor();
                await page.getByRole('button', { name: /SLA warnings/ }).click();
                const panel = page.getByRole('region', { name: 'SLA warnings' });
                await panel.getByText(/now marked read/).waitFor();
                await page.screenshot({ path: `${TRAY_SHOTS}/tray-${name}-${width}-${scheme}.png` });
              },
            ],
          ],
          scheme,
        );
      }
    });
  });
});
