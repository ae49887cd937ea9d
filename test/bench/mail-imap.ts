/**
 * A 10,000-message IMAP mailbox imported through the real poller, from a real Dovecot:
 * `npm run bench:mail -- --part imap` (scripts/bench-mail.mjs calls `imapBench`), or alone with
 * `node scripts/bench-mail-imap.mjs --messages 10000`.
 *
 * Seeds the folder over IMAP APPEND (four connections), adds the mailbox to a scratch API in this
 * process and times one poll of the whole folder: every message fetched in batches, imported
 * through the MailImporter, committed, then marked \Seen. Then checks that nothing was lost or
 * imported twice, and that a second poll imports nothing.
 */
import { cpus, totalmem } from 'node:os';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { MailboxPoller } from '../../apps/api/src/mail/mailboxes/mailbox-poller.service';
import { sealSecret } from '../../apps/api/src/mail/mailboxes/mailbox-secret';
import { Dovecot, mail } from '../support/dovecot';
import { scratchApp } from './scratch-app';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
let MESSAGES = arg('messages', 10_000);
let SENDERS = arg('senders', 500);
const TARGET = 50; // mails per second, from issue 16
const say = (s: string) => process.stdout.write(`${s}\n`);

function message(i: number): string {
  const sender = i % SENDERS;
  return mail({
    from: `Customer ${sender} <customer.${sender}@bench-customers.example>`,
    subject: `Bench ${i}: line ${sender} drops every evening`,
    messageId: `<bench.${i}.${process.pid}@bench-customers.example>`,
    body:
      `Hello support,\r\n\r\nSince Monday the line at site ${sender} drops around 7pm and comes back ` +
      `after a few minutes. The router's log shows a DSL resync each time.\r\n\r\n`.repeat(4) +
      `Thanks,\r\nCustomer ${sender}`,
  });
}

async function seed(dovecot: Dovecot): Promise<number> {
  const t0 = performance.now();
  const lanes = 4;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const client = await dovecot.client();
      try {
        for (let i = lane; i < MESSAGES; i += lanes) await client.append('INBOX', message(i));
      } finally {
        await client.logout();
      }
    }),
  );
  return (performance.now() - t0) / 1000;
}

export interface ImapBenchResult {
  messages: number;
  seconds: number;
  mailsPerSecond: number;
  lost: number;
  duplicated: number;
  unseen: number;
  secondPollReceipts: number;
  peakRssMb: number;
  pass: boolean;
}

/** Seeds, polls and checks; prints its table and returns the figures. */
export async function imapBench(
  options: { messages?: number; senders?: number } = {},
): Promise<ImapBenchResult> {
  MESSAGES = options.messages ?? MESSAGES;
  SENDERS = options.senders ?? SENDERS;
  say(`IMAP import: ${MESSAGES.toLocaleString()} messages from Dovecot, ${SENDERS} senders`);
  say(`machine: ${cpus().length} cores (${cpus()[0]?.model}), ${Math.round(totalmem() / 2 ** 30)} GB`);
  const dovecot = await Dovecot.start({ password: 'bench-imap-password' });
  const { app, close } = await scratchApp('imap');
  try {
    const seeded = await seed(dovecot);
    say(`seeded ${MESSAGES.toLocaleString()} messages over APPEND in ${seeded.toFixed(1)} s`);

    const db = app.get(DataSource);
    const config = app.get(AppConfig);
    const [{ id }] = (await db.query(`SELECT gen_random_uuid() AS id`)) as { id: string }[];
    await db.query(
      `INSERT INTO mailboxes (id, name, host, port, tls, username, auth, secret, folder)
       VALUES ($1, 'Bench', $2, $3, false, $4, 'password', $5, 'INBOX')`,
      [
        id,
        dovecot.host,
        dovecot.port,
        dovecot.user,
        sealSecret(config.mail.credentialsKey, id, dovecot.password),
      ],
    );
    const poller = app.get(MailboxPoller);
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
    const t0 = performance.now();
    const result = await poller.poll(id, { listen: false });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const [mailbox] = (await db.query(`SELECT last_uid::int, last_error FROM mailboxes WHERE id = $1`, [
      id,
    ])) as { last_uid: number; last_error: string | null }[];
    if (result !== 'polled') throw new Error(`the poll ended ${result}: ${mailbox.last_error}`);

    const [counts] = (await db.query(
      `SELECT (SELECT count(*)::int FROM mail_receipts) AS receipts,
              (SELECT count(*)::int FROM tickets WHERE channel = 'email') AS tickets,
              (SELECT count(*)::int FROM (SELECT subject FROM tickets WHERE channel = 'email'
                 GROUP BY subject HAVING count(*) > 1) d) AS duplicated`,
    )) as { receipts: number; tickets: number; duplicated: number }[];
    const unseen = (await dovecot.messages()).filter((m) => !m.seen).length;
    const again = performance.now();
    await poller.poll(id, { listen: false });
    const [after] = (await db.query(`SELECT count(*)::int AS n FROM mail_receipts`)) as { n: number }[];
    const rate = MESSAGES / seconds;

    say('');
    say('| measure | value |');
    say('| --- | --- |');
    say(`| messages in the folder | ${MESSAGES.toLocaleString()} |`);
    say(`| imported in one poll | ${seconds.toFixed(1)} s |`);
    say(`| rate | **${rate.toFixed(0)} mails/s** (target ≥ ${TARGET}) |`);
    say(`| receipts / email tickets | ${counts.receipts} / ${counts.tickets} |`);
    say(`| lost (position short of the last UID) | ${MESSAGES - mailbox.last_uid} |`);
    say(`| subjects imported twice | ${counts.duplicated} |`);
    say(`| left unseen on the server | ${unseen} |`);
    say(
      `| second poll: new receipts | ${after.n - counts.receipts} (${((performance.now() - again) / 1000).toFixed(2)} s) |`,
    );
    say(`| peak RSS of the API process | ${Math.round(peakRss / 2 ** 20)} MB |`);
    const ok =
      rate >= TARGET &&
      mailbox.last_uid === MESSAGES &&
      counts.receipts === MESSAGES &&
      counts.duplicated === 0 &&
      unseen === 0 &&
      after.n === counts.receipts;
    say(ok ? '\nIMAP import: PASS' : '\nIMAP import: FAIL');
    return {
      messages: MESSAGES,
      seconds,
      mailsPerSecond: rate,
      lost: MESSAGES - mailbox.last_uid,
      duplicated: counts.duplicated,
      unseen,
      secondPollReceipts: after.n - counts.receipts,
      peakRssMb: Math.round(peakRss / 2 ** 20),
      pass: ok,
    };
  } finally {
    await close();
    await dovecot.close();
  }
}

if (require.main === module) {
  imapBench().then(
    (r) => {
      if (!r.pass) process.exitCode = 1;
    },
    (e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
