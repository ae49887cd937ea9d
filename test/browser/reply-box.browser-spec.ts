import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app';

/** A 1×1 PNG: real image bytes, as the attachment route checks them. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const SHOTS = process.env.SHOTS_DIR;

/** Script run in the page: a DataTransfer holding one PNG and one text file, as the OS would hand over. */
const transferOf = (names: string[]) => `(() => {
  const bytes = Uint8Array.from(atob('${PNG_BASE64}'), (c) => c.charCodeAt(0));
  const dt = new DataTransfer();
  for (const name of ${JSON.stringify(names)}) {
    dt.items.add(name.endsWith('.png')
      ? new File([bytes], name, { type: 'image/png' })
      : new File(['router log line\\n'], name, { type: 'text/plain' }));
  }
  return dt;
})()`;

/**
 * The engineer's reply box: a macro applied from the keyboard fills the text (placeholders as the
 * engineer may see them) and changes the ticket; Markdown previews and renders sanitised in the
 * thread; files are dropped and pasted, shown, removable, and uploaded on send; and the draft
 * survives leaving the ticket.
 */
describe('reply box, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let customerAuth: string;
  let engineerAuth: string;

  async function newTicket(subject: string): Promise<{ id: string; reference: string }> {
    const res = await t
      .http()
      .post('/api/tickets')
      .set('authorization', customerAuth)
      .send({ type: 'fault', subject, description: 'The printer jams on every page.' })
      .expect(201);
    return { id: res.body.id as string, reference: res.body.reference as string };
  }
  const shot = async (name: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  const box = () => page.locator('#composer-message');

  beforeAll(async () => {
    t = await startTestApp({ listen: true, demo: true });
    browser = await launchChromium();
    customerAuth = await bearerFor(t, 'customer@hushdesk.local', 'hushdesk');
    engineerAuth = await bearerFor(t, 'engineer@hushdesk.local', 'hushdesk');
    await t
      .http()
      .post('/api/macros')
      .set('authorization', engineerAuth)
      .send({
        title: 'Printer: restart first',
        body: 'Hello {{requester.firstName}},\n\nPlease **restart** the printer, then reply to {{ticket.reference}}.\n\n{{engineer.name}}',
        actions: { status: 'pending_customer', tags: ['printer'] },
      })
      .expect(201);
    await t
      .http()
      .post('/api/macros')
      .set('authorization', engineerAuth)
      .send({ title: 'Router: power cycle', body: 'Unplug the router for 30 seconds.' })
      .expect(201);
    page = await (
      await browser.newContext({ baseURL: t.baseUrl, viewport: { width: 1280, height: 1000 } })
    ).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill('engineer@hushdesk.local');
    await page.getByLabel('Password').fill('hushdesk');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('replies with a macro chosen from the keyboard, previewed and rendered as Markdown', async () => {
    const ticket = await newTicket('Printer jams');
    await page.goto(`/console/tickets/${ticket.id}`);
    await page.getByRole('button', { name: 'Insert macro' }).click();
    const search = page.getByRole('combobox', { name: 'Search macros' });
    await search.fill('print');
    await page.getByRole('option', { name: /Printer: restart first/ }).waitFor();
    // The unfiltered list stays on screen until the filtered one arrives.
    await page.getByRole('option', { name: /Router: power cycle/ }).waitFor({ state: 'detached' });
    expect(await page.getByRole('listbox', { name: 'Macros' }).getByRole('option').count()).toBe(1);
    await shot('macro-picker');
    await search.press('Enter');
    await page.getByText(/^Inserted “Printer: restart first”/).waitFor();
    const text = await box().inputValue();
    expect(text).toBe(
      `Hello Alex,\n\nPlease **restart** the printer, then reply to ${ticket.reference}.\n\nSam Patel`,
    );
    // The macro's changes went through the ticket update path: in the history.
    const { rows } = await t.db.query(
      'SELECT field, to_value FROM ticket_history WHERE ticket_id = $1 ORDER BY field',
      [ticket.id],
    );
    expect(rows).toEqual([
      { field: 'status', to_value: 'pending_customer' },
      { field: 'tags', to_value: 'printer' },
    ]);

    await page.getByRole('tab', { name: 'Preview' }).click();
    const preview = page.getByTestId('reply-preview');
    expect(await preview.locator('strong').innerText()).toBe('restart');
    await shot('reply-preview');
    await page.getByRole('tab', { name: 'Write' }).click();
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply added: the customer sees it in the portal.').waitFor();
    const sent = page.getByTestId('message').last();
    expect(await sent.locator('.message__body strong').innerText()).toBe('restart');

    // A text of their own becomes a personal macro from the same box.
    await box().fill('Hi {{requester.firstName}}, the engineer is on the way.');
    await page.getByRole('button', { name: 'Save as macro' }).click();
    await page.getByLabel('Macro title').fill('On the way');
    await page.getByLabel('Macro title').press('Enter');
    await page.getByText('Saved “On the way” as your macro.').waitFor();
    const saved = await t.db.query(
      "SELECT body, owner_id IS NOT NULL AS personal FROM macros WHERE title = 'On the way'",
    );
    expect(saved.rows).toEqual([
      { body: 'Hi {{requester.firstName}}, the engineer is on the way.', personal: true },
    ]);
    await box().fill('');
  });

  it('renders hostile Markdown inert, in the preview and in the thread', async () => {
    const ticket = await newTicket('Hostile Markdown');
    const hostile = [
      '<script>window.__pwned = 1</script>',
      '[click me](javascript:window.__pwned=2) [data](data:text/html;base64,PHNjcmlwdD4=)',
      '<img src=x onerror="window.__pwned=3">',
      '![pixel](https://tracker.example/p.gif)',
      '[fine](https://example.com/guide)',
    ].join('\n\n');
    await t
      .http()
      .post(`/api/tickets/${ticket.id}/messages`)
      .set('authorization', engineerAuth)
      .send({ body: hostile, visibility: 'internal' })
      .expect(201);
    await page.goto(`/console/tickets/${ticket.id}`);
    const thread = page.getByRole('log', { name: 'Conversation' });
    await thread.getByText('<script>window.__pwned = 1</script>').waitFor();
    await box().fill(hostile);
    await page.getByRole('tab', { name: 'Preview' }).click();
    for (const scope of [thread, page.getByTestId('reply-preview')]) {
      expect(await scope.locator('script, img, iframe').count()).toBe(0);
      expect(await scope.locator('a[href^="javascript:"], a[href^="data:"]').count()).toBe(0);
      expect(await scope.locator('[onerror]').count()).toBe(0);
      expect(await scope.locator('a[href="https://example.com/guide"]').getAttribute('rel')).toBe(
        'noopener noreferrer nofollow',
      );
    }
    await page.waitForTimeout(300);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    await page.getByRole('tab', { name: 'Write' }).click();
    await box().fill('');
  });

  it('takes files dropped and pasted, lists them, lets one go, and uploads the rest on send', async () => {
    const ticket = await newTicket('Files in the reply box');
    await page.goto(`/console/tickets/${ticket.id}`);
    await box().waitFor();
    await page.evaluate(`(() => {
      const form = document.querySelector('form.composer');
      const dt = ${transferOf(['router.log', 'screen.png'])};
      form.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      form.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    })()`);
    await page.evaluate(`(() => {
      const box = document.getElementById('composer-message');
      box.focus();
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: ${transferOf(['image.png'])}, bubbles: true, cancelable: true }));
    })()`);
    const files = page.getByRole('list', { name: 'Files to attach' }).getByRole('listitem');
    // Each is kept in the draft on the server as it comes; listed once stored.
    for (const name of [/^pasted-image-.+\.png$/, /^screen\.png$/, /^router\.log$/])
      await files.getByText(name).waitFor();
    expect(await files.count()).toBe(3);
    await shot('reply-files');
    await page.getByRole('button', { name: 'Remove screen.png' }).click();
    await files.getByText(/^screen\.png$/).waitFor({ state: 'detached' });
    expect(await files.count()).toBe(2);
    await box().fill('The log and a screenshot are attached.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply added: the customer sees it in the portal.').waitFor();
    const { rows } = await t.db.query(
      'SELECT file_name FROM attachments WHERE ticket_id = $1 ORDER BY file_name',
      [ticket.id],
    );
    expect(rows.map((r) => r.file_name)).toEqual([
      expect.stringMatching(/^pasted-image-.+\.png$/),
      'router.log',
    ]);
    expect(await files.count()).toBe(0);
    await page
      .getByRole('region', { name: 'Attachments' })
      .getByRole('link', { name: /^router\.log/ })
      .waitFor();
  });

  it('keeps a chosen file in the draft across leaving the ticket, and sends it with the reply', async () => {
    const ticket = await newTicket('Draft keeps its file');
    const draftFiles = async () =>
      (
        await t.db.query('SELECT file_name FROM reply_draft_files WHERE ticket_id = $1 ORDER BY file_name', [
          ticket.id,
        ])
      ).rows.map((r) => r.file_name as string);
    await page.goto(`/console/tickets/${ticket.id}`);
    await box().waitFor();
    await page.setInputFiles('[data-testid="reply-file-input"]', [
      { name: 'fault-report.txt', mimeType: 'text/plain', buffer: Buffer.from('fuser error 0x42\n') },
      { name: 'wrong-one.txt', mimeType: 'text/plain', buffer: Buffer.from('not this one\n') },
    ]);
    const files = page.getByRole('list', { name: 'Files to attach' }).getByRole('listitem');
    const listed = (name: string) => files.locator('.reply-file__name', { hasText: name });
    await listed('wrong-one.txt').waitFor();
    expect(await draftFiles()).toEqual(['fault-report.txt', 'wrong-one.txt']);
    // Removing one deletes it on the server.
    await page.getByRole('button', { name: 'Remove wrong-one.txt' }).click();
    await listed('wrong-one.txt').waitFor({ state: 'detached' });
    expect(await draftFiles()).toEqual(['fault-report.txt']);

    // Away (the app's own navigation) and back: the file is still in the reply box.
    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    await page.goto(`/console/tickets/${ticket.id}`);
    await listed('fault-report.txt').waitFor();
    expect(await files.count()).toBe(1);
    // Not on the ticket yet: the attachments panel does not list it.
    const panel = page.getByRole('region', { name: 'Attachments' });
    expect(await panel.getByRole('link', { name: /^fault-report\.txt/ }).count()).toBe(0);
    await shot('reply-kept-file-desktop');
    if (SHOTS)
      await page.locator('form.composer').screenshot({ path: `${SHOTS}/reply-kept-file-desktop-box.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await listed('fault-report.txt').scrollIntoViewIfNeeded();
    await shot('reply-kept-file-390');
    if (SHOTS)
      await page.locator('form.composer').screenshot({ path: `${SHOTS}/reply-kept-file-390-box.png` });
    await page.setViewportSize({ width: 1280, height: 1000 });

    await box().fill('The fault report is attached.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply added: the customer sees it in the portal.').waitFor();
    await panel.getByRole('link', { name: /^fault-report\.txt/ }).waitFor();
    await page
      .getByRole('log', { name: 'Conversation' })
      .getByText('The fault report is attached.')
      .waitFor();
    expect(await files.count()).toBe(0);
    const sent = await t.db.query('SELECT file_name FROM attachments WHERE ticket_id = $1', [ticket.id]);
    expect(sent.rows).toEqual([{ file_name: 'fault-report.txt' }]);
    expect(await draftFiles()).toEqual([]);
  });

  it('sends nothing when a kept file is gone by the time the reply goes: the text and the other file stay', async () => {
    const ticket = await newTicket('File gone before sending');
    await page.goto(`/console/tickets/${ticket.id}`);
    await box().waitFor();
    await page.setInputFiles('[data-testid="reply-file-input"]', [
      { name: 'keep.txt', mimeType: 'text/plain', buffer: Buffer.from('keep me\n') },
      { name: 'vanish.txt', mimeType: 'text/plain', buffer: Buffer.from('gone soon\n') },
    ]);
    const files = page.getByRole('list', { name: 'Files to attach' }).getByRole('listitem');
    await files.locator('.reply-file__name', { hasText: 'vanish.txt' }).waitFor();
    await box().fill('Both files attached.');
    // Removed elsewhere (another tab) after this page listed it.
    await t.db.query(`DELETE FROM reply_draft_files WHERE ticket_id = $1 AND file_name = 'vanish.txt'`, [
      ticket.id,
    ]);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Draft attachment not found. Nothing was sent.', { exact: false }).waitFor();
    // The list is read again: only the file still kept.
    await files.locator('.reply-file__name', { hasText: 'vanish.txt' }).waitFor({ state: 'detached' });
    expect(await files.count()).toBe(1);
    await shot('reply-file-gone');
    expect(await box().inputValue()).toBe('Both files attached.');
    const { rows: messages } = await t.db.query('SELECT 1 FROM ticket_messages WHERE ticket_id = $1', [
      ticket.id,
    ]);
    expect(messages).toEqual([]);
    const { rows: attached } = await t.db.query('SELECT 1 FROM attachments WHERE ticket_id = $1', [
      ticket.id,
    ]);
    expect(attached).toEqual([]);
    const { rows: kept } = await t.db.query('SELECT file_name FROM reply_draft_files WHERE ticket_id = $1', [
      ticket.id,
    ]);
    expect(kept).toEqual([{ file_name: 'keep.txt' }]);
  });

  it('keeps the draft when the engineer leaves the ticket, and drops it once sent', async () => {
    const ticket = await newTicket('Draft survives navigation');
    await page.goto(`/console/tickets/${ticket.id}`);
    await page.getByRole('radio', { name: 'Internal note' }).check();
    await box().fill('Half-written: checked the toner, next the **fuser**');
    await page
      .getByTestId('draft-status')
      .getByText(/Draft saved/)
      .waitFor();
    // Away (the app's own navigation) and back.
    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    await page.goto(`/console/tickets/${ticket.id}`);
    await page
      .getByTestId('draft-status')
      .getByText(/^Draft from .+ restored\.$/)
      .waitFor();
    expect(await box().inputValue()).toBe('Half-written: checked the toner, next the **fuser**');
    expect(await page.getByRole('radio', { name: 'Internal note' }).isChecked()).toBe(true);
    await shot('draft-restored');

    // Typed, then left at once: the draft is saved on the way out.
    await box().fill('Changed my mind: replacing the fuser');
    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    await page.waitForTimeout(500);
    const { rows } = await t.db.query('SELECT body FROM reply_drafts WHERE ticket_id = $1', [ticket.id]);
    expect(rows).toEqual([{ body: 'Changed my mind: replacing the fuser' }]);

    await page.goto(`/console/tickets/${ticket.id}`);
    expect(await box().inputValue()).toBe('Changed my mind: replacing the fuser');
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await page.getByText('Internal note added.').waitFor();
    await page.waitForTimeout(300);
    const after = await t.db.query('SELECT 1 FROM reply_drafts WHERE ticket_id = $1', [ticket.id]);
    expect(after.rows).toEqual([]);
  });

  it('saves the draft when the tab is closed or reloaded before the autosave', async () => {
    const ticket = await newTicket('Draft survives a closed tab');
    await page.goto(`/console/tickets/${ticket.id}`);
    await box().fill('Typed just before closing the tab');
    // At once, inside the 0.8 s autosave pause: the whole document goes, React unmounts nothing.
    await page.goto('about:blank');
    let body: string | undefined;
    for (let i = 0; i < 50 && body === undefined; i++) {
      const { rows } = await t.db.query<{ body: string }>(
        'SELECT body FROM reply_drafts WHERE ticket_id = $1',
        [ticket.id],
      );
      body = rows[0]?.body;
      if (body === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    expect(body).toBe('Typed just before closing the tab');

    await page.goto(`/console/tickets/${ticket.id}`);
    await page
      .getByTestId('draft-status')
      .getByText(/^Draft from .+ restored\.$/)
      .waitFor();
    expect(await box().inputValue()).toBe('Typed just before closing the tab');
  });
});
