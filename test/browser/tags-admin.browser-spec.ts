import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/**
 * `/admin/tags`: the administrator renames a tag in place and removes another after confirming;
 * every ticket carrying it changes, each with its history.
 */
describe('tags admin screen, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: Page;
  const ids: string[] = [];
  const shots = process.env.SHOTS_DIR;

  const tagsOf = async (of: string[]) =>
    (await t.db.query('SELECT tags FROM tickets WHERE id = ANY($1) ORDER BY id', [of])).rows.map(
      (r) => r.tags as string[],
    );

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    const customer = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    for (const tags of [['handset', 'site-a'], ['handset'], ['obsolete']]) {
      const res = await t
        .http()
        .post('/api/tickets')
        .set('authorization', customer)
        .send({ type: 'fault', subject: 'Handset is silent', description: 'No ring tone.', tags })
        .expect(201);
      ids.push(res.body.id as string);
    }
    admin = await (await browser.newContext({ baseURL: t.baseUrl })).newPage();
    await admin.goto('/login');
    await admin.getByLabel('Email').fill('admin@hushdesk.local');
    await admin.getByLabel('Password').fill('hushdesk');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renames a tag on every ticket from the inline form', async () => {
    await admin.getByRole('link', { name: 'Tags' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Tags' }).waitFor();
    const row = admin.getByRole('row', { name: /handset/ });
    await row.getByRole('cell', { name: '2' }).waitFor();
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await admin.screenshot({ path: `${shots}/tags.png`, fullPage: true });
    }
    await admin.getByRole('button', { name: 'Rename handset' }).click();
    const name = admin.getByLabel('New name');
    // The form takes the focus, with the old name to edit.
    expect(await name.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await name.fill('Desk phone');
    if (shots) await admin.screenshot({ path: `${shots}/tags-rename.png`, fullPage: true });
    await admin.getByRole('button', { name: 'Save name' }).click();
    await admin.getByText('“handset” is now “desk phone” on 2 tickets.').waitFor();
    await admin.getByRole('button', { name: 'Rename desk phone' }).waitFor();
    expect(await tagsOf(ids)).toEqual(
      expect.arrayContaining([['desk phone', 'site-a'], ['desk phone'], ['obsolete']]),
    );
    const history = await t.db.query(
      `SELECT count(*)::int AS n FROM ticket_history WHERE field = 'tags' AND to_value LIKE 'desk phone%'`,
    );
    expect(history.rows[0].n).toBe(2);
  });

  it('says why a name is refused, next to the field', async () => {
    await admin.getByRole('button', { name: 'Rename site-a' }).click();
    await admin.getByLabel('New name').fill('<b>');
    await admin.getByRole('button', { name: 'Save name' }).click();
    await admin.getByText(/1–40 letters, digits/).waitFor();
    expect(await admin.getByLabel('New name').getAttribute('aria-invalid')).toBe('true');
    if (shots) await admin.screenshot({ path: `${shots}/tags-refused.png`, fullPage: true });
    await admin.getByRole('button', { name: 'Cancel' }).click();
    expect(await tagsOf(ids)).toEqual(expect.arrayContaining([['desk phone', 'site-a']]));
  });

  it('removes a tag only after the confirm step', async () => {
    await admin.getByRole('button', { name: 'Remove obsolete' }).click();
    const confirm = admin.getByRole('group', { name: 'Remove obsolete' });
    await confirm.getByText('Take “obsolete” off 1 ticket?').waitFor();
    if (shots) await admin.screenshot({ path: `${shots}/tags-remove.png`, fullPage: true });
    await confirm.getByRole('button', { name: 'Remove from 1 ticket' }).click();
    await admin.getByText('“obsolete” was taken off 1 ticket.').waitFor();
    await admin.getByRole('button', { name: 'Remove obsolete' }).waitFor({ state: 'detached' });
    expect(await tagsOf(ids)).toEqual(expect.arrayContaining([[]]));
  });
});
