import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/**
 * `/admin/groups`: the administrator creates a group, chooses its members from a checkbox per
 * engineer and admin, renames it, and deletes it after confirming; a group still holding an open
 * ticket is refused with the reason.
 */
describe('groups admin screen, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: Page;
  let engineerId: string;
  const shots = process.env.SHOTS_DIR;
  const shot = async (page: Page, name: string) => {
    if (!shots) return;
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };
  const groupNamed = async (name: string) =>
    (await t.db.query('SELECT id FROM ticket_groups WHERE name = $1', [name])).rows[0]?.id as
      string | undefined;

  const idOf = async (name: string): Promise<string> => {
    const id = await groupNamed(name);
    if (!id) throw new Error(`no group named ${name}`);
    return id;
  };

  async function signIn(width: number, scheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const context = await browser.newContext({
      baseURL: t.baseUrl,
      viewport: { width, height: 900 },
      colorScheme: scheme,
    });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill('admin@hushdesk.local');
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    const { rows } = await t.db.query(`SELECT id FROM users WHERE role = 'engineer' AND disabled_at IS NULL`);
    engineerId = rows[0].id;
    admin = await signIn(1280);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates a group from the form, listed with no members', async () => {
    await admin.getByRole('link', { name: 'Groups' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Groups' }).waitFor();
    // A blank name is refused next to the field, without a request.
    await admin.getByRole('button', { name: 'Create group' }).click();
    await admin.getByText('Enter the group’s name.').waitFor();
    await admin.getByLabel('Name', { exact: true }).fill('Voice support');
    await admin.getByRole('button', { name: 'Create group' }).click();
    await admin.getByText('Created “Voice support”.', { exact: false }).waitFor();
    const row = admin.getByRole('row', { name: /Voice support/ });
    await row.getByRole('cell', { name: '0' }).waitFor();
    expect(await groupNamed('Voice support')).toBeDefined();
    // The same name again, in another case: the API's 409 shows next to the field.
    await admin.getByLabel('Name', { exact: true }).fill('VOICE SUPPORT');
    await admin.getByRole('button', { name: 'Create group' }).click();
    await admin.getByText(/a group with this name already exists/).waitFor();
    expect(await admin.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await shot(admin, 'groups');
  });

  it('chooses members with the checkboxes, and the count follows', async () => {
    await admin.getByRole('button', { name: 'Members of Voice support' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Members of Voice support' });
    await dialog.getByRole('group', { name: 'Engineers' }).waitFor();
    await dialog.getByRole('checkbox', { name: 'Sam Patel' }).check();
    await dialog.getByRole('checkbox', { name: 'Jordan Lee' }).check();
    await shot(admin, 'groups-members');
    await dialog.getByRole('button', { name: 'Save members' }).click();
    await admin.getByText('“Voice support” has 2 members.').waitFor();
    await admin
      .getByRole('row', { name: /Voice support/ })
      .getByRole('cell', { name: '2' })
      .waitFor();
    const id = await idOf('Voice support');
    const { rows } = await t.db.query('SELECT user_id FROM ticket_group_members WHERE group_id = $1', [id]);
    expect(rows.map((r) => r.user_id)).toContain(engineerId);

    // Opening it again shows who is ticked; unticking one leaves one member.
    await admin.getByRole('button', { name: 'Members of Voice support' }).click();
    const again = admin.getByRole('dialog', { name: 'Members of Voice support' });
    expect(await again.getByRole('checkbox', { name: 'Sam Patel' }).isChecked()).toBe(true);
    await again.getByRole('checkbox', { name: 'Jordan Lee' }).uncheck();
    await again.getByRole('button', { name: 'Save members' }).click();
    await admin.getByText('“Voice support” has 1 member.').waitFor();
  });

  it('renames a group in a dialog', async () => {
    await admin.getByRole('button', { name: 'Rename Voice support' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Rename Voice support' });
    await dialog.getByLabel('Name', { exact: true }).fill('Voice and video');
    await shot(admin, 'groups-rename');
    await dialog.getByRole('button', { name: 'Save name' }).click();
    await admin.getByText('Renamed “Voice support” to “Voice and video”.').waitFor();
    await admin.getByRole('row', { name: /Voice and video/ }).waitFor();
    expect(await groupNamed('Voice and video')).toBeDefined();
  });

  it('refuses to delete a group with an open ticket, then deletes it once the ticket is closed', async () => {
    const id = await idOf('Voice and video');
    const customer = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', customer)
      .send({ type: 'fault', subject: 'Handset is silent', description: 'No ring tone.' })
      .expect(201);
    await t.db.query('UPDATE tickets SET group_id = $2 WHERE id = $1', [ticket.body.id, id]);

    await admin.getByRole('button', { name: 'Delete Voice and video' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Delete Voice and video?' });
    await dialog.getByRole('button', { name: 'Delete group' }).click();
    await dialog.getByText(/still holds 1 open ticket/).waitFor();
    await shot(admin, 'groups-delete-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await groupNamed('Voice and video')).toBe(id);

    await t.db.query(`UPDATE tickets SET status = 'closed' WHERE id = $1`, [ticket.body.id]);
    await admin.getByRole('button', { name: 'Delete Voice and video' }).click();
    await admin
      .getByRole('dialog', { name: 'Delete Voice and video?' })
      .getByRole('button', { name: 'Delete group' })
      .click();
    await admin.getByText('Deleted “Voice and video”.').waitFor();
    await admin.getByRole('row', { name: /Voice and video/ }).waitFor({ state: 'detached' });
    expect(await groupNamed('Voice and video')).toBeUndefined();
  });

  it('fits a phone’s width, in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const phone = await signIn(390, scheme);
      await phone.goto('/admin/groups');
      await phone.getByRole('button', { name: 'Members of Service desk' }).waitFor();
      const overflow = Number(
        await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(phone, `groups-390-${scheme}`);
      await phone.getByRole('button', { name: 'Members of Service desk' }).click();
      await phone
        .getByRole('dialog', { name: 'Members of Service desk' })
        .getByRole('checkbox')
        .first()
        .waitFor();
      await shot(phone, `groups-members-390-${scheme}`);
      await phone.context().close();
    }
  });
});
