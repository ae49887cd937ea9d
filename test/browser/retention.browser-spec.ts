import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';
import { wav } from '../support/files';

const DEMO_PASSWORD = 'hushdesk';
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * Call recordings and their retention: the DPO sees what is due to expire, runs a dry run that
 * deletes nothing, then the real run, which deletes exactly the expired recordings (not the one
 * on legal hold); an engineer logs a call on a ticket and attaches its audio.
 */
describe('retention screens, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let dpo: Page;
  let engineerAuth: string;
  let dpoAuth: string;

  async function signIn(email: string): Promise<Page> {
    const page = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  }

  async function logCall(startedAt: string): Promise<string> {
    const res = await t
      .http()
      .post('/api/recordings')
      .set('authorization', engineerAuth)
      .send({ callerNumber: '07700 900456', direction: 'inbound', startedAt, durationSeconds: 240 })
      .expect(201);
    return res.body.id as string;
  }

  const existing = async (ids: string[]): Promise<string[]> =>
    (await t.db.query('SELECT id FROM recordings WHERE id = ANY($1::uuid[])', [ids])).rows.map(
      (row: { id: string }) => row.id,
    );

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    engineerAuth = await bearerFor(t, 'engineer@hushdesk.local', DEMO_PASSWORD);
    dpoAuth = await bearerFor(t, 'dpo@hushdesk.local', DEMO_PASSWORD);
    dpo = await signIn('dpo@hushdesk.local');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('dry-runs, then deletes only the recordings past their retention', async () => {
    const expired = [await logCall(daysAgo(61)), await logCall(daysAgo(75))];
    const held = await logCall(daysAgo(90));
    const recent = [await logCall(daysAgo(3)), await logCall(daysAgo(20))];
    await t
      .http()
      .post(`/api/recordings/${held}/hold`)
      .set('authorization', dpoAuth)
      .send({ reason: 'Billing dispute, case 1042' })
      .expect(200);

    // An SLA warning sent 100 days ago (past the 90-day period), and one sent today.
    const customer = await bearerFor(t, 'customer@hushdesk.local', DEMO_PASSWORD);
    const warned: string[] = [];
    for (const subject of ['Line down at the depot', 'Handset dead']) {
      const created = await t
        .http()
        .post('/api/tickets')
        .set('authorization', customer)
        .send({ type: 'fault', subject, description: 'Since this morning.' })
        .expect(201);
      warned.push(created.body.id as string);
    }
    await t.db.query(
      `INSERT INTO sla_warnings (ticket_id, clock, kind, due_at, created_at)
       VALUES ($1, 'resolution', 'breached', now() - interval '100 days', now() - interval '100 days'),
              ($2, 'resolution', 'breached', now(), now())`,
      warned,
    );
    const warnings = async () => (await t.db.query('SELECT count(*)::int AS n FROM sla_warnings')).rows[0].n;
    const warningsBefore = await warnings();

    await dpo.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Retention' }).click();
    await dpo.getByRole('heading', { level: 1, name: 'Retention' }).waitFor();

    // The forecast counts the two overdue ones in this week; the held one is not counted.
    const chart = dpo.getByRole('img', { name: /^Recordings due to expire, next 10 weeks:/ });
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toContain('This week, including any already overdue, 2;');

    // The held recording is listed with its reason.
    const holds = dpo.getByRole('region', { name: 'Legal holds' });
    await holds.getByRole('row', { name: /Billing dispute, case 1042/ }).waitFor();

    // A dry run reports the two, and deletes nothing.
    await dpo.getByRole('button', { name: 'Dry run', exact: true }).click();
    const report = dpo.getByRole('region', { name: 'Retention report' });
    await report.getByText('nothing has been deleted').waitFor();
    await expect(report.getByTestId('recordings-count').textContent()).resolves.toBe('2');
    await expect(report.getByTestId('skipped-legal-hold').textContent()).resolves.toBe('1');
    await expect(report.getByTestId('report-headline').textContent()).resolves.toBe(
      '2 recordings would be deleted. 1 other is past retention but kept.',
    );
    await expect(report.getByTestId('sla-warnings-count').textContent()).resolves.toBe('1');
    expect(await warnings()).toBe(warningsBefore);
    // Every other category the run sweeps has its figure too (none due in this data).
    for (const testId of ['raw-emails-count', 'sent-mail-count', 'dsar-packages-count', 'reply-drafts-count'])
      await expect(report.getByTestId(testId).textContent()).resolves.toBe('0');
    expect((await existing([...expired, held, ...recent])).sort()).toEqual(
      [...expired, held, ...recent].sort(),
    );

    // The real run, after a confirmation, deletes exactly those two.
    await dpo.getByRole('button', { name: 'Run for real' }).click();
    await dpo
      .getByRole('group', { name: 'Confirm the retention run' })
      .getByText('This permanently deletes 2 recordings and their audio')
      .waitFor();
    await dpo.getByRole('button', { name: 'Yes, run retention now' }).click();
    await report.getByRole('heading', { name: 'Retention run completed' }).waitFor();
    await expect(report.getByTestId('recordings-count').textContent()).resolves.toBe('2');
    await expect(report.getByTestId('report-headline').textContent()).resolves.toBe(
      '2 recordings deleted. 1 other is past retention but kept.',
    );
    await expect(report.getByTestId('sla-warnings-count').textContent()).resolves.toBe('1');
    expect(await warnings()).toBe(warningsBefore - 1);
    expect(await existing(expired)).toEqual([]);
    expect((await existing([held, ...recent])).sort()).toEqual([held, ...recent].sort());

    // Both runs are in the recent runs, and the real one's report opens there.
    const runs = dpo.getByRole('region', { name: 'Recent runs' });
    await runs.getByRole('row', { name: /Real run\s*Completed\s*2 deleted\s*1 on legal hold/ }).waitFor();
    await runs.getByRole('row', { name: /Dry run\s*Completed\s*2 to delete\s*1 on legal hold/ }).waitFor();
    await runs
      .getByRole('row', { name: /Real run/ })
      .getByRole('button', { name: /View report/ })
      .click();
    const viewed = runs.getByRole('region', { name: /^Report of the run started/ });
    await expect(viewed.getByTestId('recordings-count').textContent()).resolves.toBe('2');

    // The forecast no longer counts them.
    await dpo.getByRole('img', { name: /This week, including any already overdue, 0;/ }).waitFor();
  });

  it('releases a legal hold and saves a retention period', async () => {
    const holds = dpo.getByRole('region', { name: 'Legal holds' });
    const row = holds.getByRole('row', { name: /Billing dispute, case 1042/ });
    // Past its retention, so the release asks first.
    await row.getByRole('button', { name: /Release hold/ }).click();
    await row.getByRole('button', { name: 'Yes, release' }).click();
    await holds.getByText('No recordings are on legal hold.').waitFor();
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM recordings WHERE hold_at IS NOT NULL');
    expect(rows[0].n).toBe(0);

    const periods = dpo.getByRole('region', { name: 'Retention periods' });
    await periods.getByLabel('Retention days for Call recordings').fill('0');
    await periods.getByRole('button', { name: 'Save Call recordings' }).click();
    await periods.getByText('Enter a whole number of days from 1 to 36500.').waitFor();
    await periods.getByLabel('Retention days for Call recordings').fill('90');
    await periods.getByRole('button', { name: 'Save Call recordings' }).click();
    await periods.getByText('Saved. Call recordings: now 90 days.').waitFor();
    const saved = await t.db.query("SELECT days FROM retention_policies WHERE category = 'recordings'");
    expect(saved.rows[0].days).toBe(90);
  });

  it('words a run that finds nothing as such, not “0 would be”', async () => {
    // The released recording is past its retention: a real run deletes it, then nothing is left.
    const real = await t
      .http()
      .post('/api/retention/runs')
      .set('authorization', dpoAuth)
      .send({})
      .expect(201);
    for (let i = 0; i < 100; i++) {
      const run = await t.http().get(`/api/retention/runs/${real.body.id}`).set('authorization', dpoAuth);
      if (run.body.status === 'completed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await dpo.reload();
    await dpo.getByRole('button', { name: 'Dry run', exact: true }).click();
    const report = dpo.getByRole('region', { name: 'Retention report' });
    await report.getByText('nothing has been deleted').waitFor();
    const runs = dpo.getByRole('region', { name: 'Recent runs' });
    const newest = runs.locator('tbody tr').first();
    await newest.getByText('None to delete').waitFor();
    expect(await newest.textContent()).not.toMatch(/\b0 would be\b/);
    await expect(newest.locator('td').nth(4).textContent()).resolves.toBe('None');
  });

  it('lets an engineer log a call on a ticket, with field errors, and attach its audio', async () => {
    const customerAuth = await bearerFor(t, 'customer@hushdesk.local', DEMO_PASSWORD);
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', customerAuth)
      .send({
        type: 'fault',
        subject: 'Hunt group drops calls',
        description: 'Calls to the sales hunt group drop after two rings.',
      })
      .expect(201);

    const engineer = await signIn('engineer@hushdesk.local');
    await engineer.goto(`/console/tickets/${ticket.body.id}`);
    await engineer.getByRole('heading', { level: 1, name: 'Hunt group drops calls' }).waitFor();
    const calls = engineer.getByRole('region', { name: 'Calls' });
    await calls.getByText('No calls logged on this ticket yet.').waitFor();

    await calls.getByRole('button', { name: 'Log a call' }).click();
    const form = calls.getByRole('form', { name: 'Log a call' });
    expect(await form.getByLabel('Started at').inputValue()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    await form.getByLabel('Caller number').fill('not a number');
    await form.getByLabel('Minutes').fill('3');
    await form.getByLabel('Seconds').fill('5');
    await form.getByRole('button', { name: 'Log call' }).click();
    await form.getByText('Caller number is not a recognisable phone number.').waitFor();

    await form.getByLabel('Caller number').fill('07700 900789');
    await form.getByLabel('Direction').selectOption('outbound');
    await form.getByLabel('Notes').fill('Walked through the hunt group settings.');
    await form.getByRole('button', { name: 'Log call' }).click();
    const call = calls.getByRole('listitem');
    await call.getByText('Outbound call · 3 min 5 s', { exact: true }).waitFor();
    await call.getByText(/^Expires in \d+ days$/).waitFor();
    await expect(call.getByTestId('call-number').textContent()).resolves.toBe('Number ••••• ••• 789');

    await call.getByLabel(/^Attach audio/).setInputFiles({
      name: 'call.wav',
      mimeType: 'audio/wav',
      buffer: wav(),
    });
    await call.locator('audio[controls]').waitFor();
    const { rows } = await t.db.query(
      'SELECT direction, duration_seconds, audio_content_type FROM recordings WHERE ticket_id = $1',
      [ticket.body.id],
    );
    expect(rows).toEqual([{ direction: 'outbound', duration_seconds: 185, audio_content_type: 'audio/wav' }]);
    const src = await call.locator('audio').getAttribute('src');
    const audio = await engineer.request.get(src ?? '', { headers: { range: 'bytes=0-11' } });
    expect(audio.status()).toBe(206);
    expect((await audio.body()).subarray(0, 4).toString('latin1')).toBe('RIFF');
    await engineer.context().close();
  });
});
