// Scenario 4: mail arrives at the API's SMTP intake while the API is SIGKILLed at random moments
// and started again; the client resends every mail that did not get a 250, as a relay does. An
// import is one transaction (receipt, ticket or reply, email_messages row, raw copy's claim), so
// afterwards every mail that got a 250 is there exactly once, none twice, nothing half-written.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { sleep } from '../bench-common.mjs';

const DOMAIN = 'faults.example';

/** The checks, as SQL counting violations: each must be 0. */
const INVARIANTS = {
  'Message-IDs imported twice': `SELECT count(*) FROM (SELECT message_id FROM email_messages
     WHERE message_id IS NOT NULL GROUP BY message_id HAVING count(*) > 1) d`,
  'mail tickets without the mail that opened them': `SELECT count(*) FROM tickets t WHERE t.channel = 'email'
     AND NOT EXISTS (SELECT 1 FROM email_messages e WHERE e.ticket_id = t.id AND e.ticket_message_id IS NULL)`,
  'mail replies without their mail': `SELECT count(*) FROM ticket_messages x WHERE x.channel = 'email'
     AND NOT EXISTS (SELECT 1 FROM email_messages e WHERE e.ticket_message_id = x.id)`,
  'imported receipts without their mail': `SELECT count(*) FROM mail_receipts r WHERE r.outcome IN ('ticket', 'reply')
     AND NOT EXISTS (SELECT 1 FROM email_messages e WHERE e.message_key = r.message_key)`,
  'mail without a receipt': `SELECT count(*) FROM email_messages e
     WHERE NOT EXISTS (SELECT 1 FROM mail_receipts r WHERE r.message_key = e.message_key)`,
  'contacts without their person or index entries': `SELECT count(*) FROM users u JOIN organisations o ON o.id = u.organisation_id
     WHERE o.holds_email_contacts AND NOT EXISTS (SELECT 1 FROM identifier_mentions m WHERE m.source_type = 'person' AND m.source_id = u.person_id)`,
};

function rawMail(m) {
  const headers = [
    `From: ${m.name} <${m.from}>`,
    `To: support@${DOMAIN}`,
    `Subject: ${m.subject}`,
    `Message-ID: <${m.id}>`,
    `Date: ${new Date().toUTCString()}`,
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`, `References: <${m.inReplyTo}>`] : []),
    ...(m.auto ? ['Auto-Submitted: auto-replied'] : []),
  ];
  return `${headers.join('\r\n')}\r\n\r\n${m.body}\r\n`;
}

/** `count` mails from `senders` unknown senders: some replies, some auto-replies, some sent twice. */
function plan(count, senders) {
  const mails = [];
  for (let i = 0; i < count; i++) {
    const s = i % senders;
    const m = {
      id: `fault.${i}.${Date.now().toString(36)}@client.${DOMAIN}`,
      from: `sender${s}@client.${DOMAIN}`,
      name: `Sender ${s}`,
      subject: `Fault mail ${i}`,
      body: `Mail ${i} from sender${s}.\n`,
      auto: i % 20 === 7,
    };
    const earlier = mails.filter((x) => x.from === m.from && !x.auto && !x.inReplyTo);
    if (i % 10 === 3 && earlier.length) m.inReplyTo = earlier[earlier.length - 1].id;
    mails.push(m);
  }
  // Duplicates: the same bytes again, later in the queue (a relay that resent after a lost 250).
  for (let i = 5; i < count; i += 25) mails.push({ ...mails[i], duplicate: true });
  return mails.map((m) => ({ ...m, raw: rawMail(m) }));
}

async function blobFiles(db, dataDir) {
  const root = join(dataDir, 'blobs');
  const files = new Set();
  const walk = (dir, depth) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (depth === 0 && e.name === 'tmp') continue;
      if (e.isDirectory()) walk(join(dir, e.name), depth + 1);
      else files.add(e.name);
    }
  };
  walk(root, 0);
  const { rows } = await db.query(
    'SELECT raw_blob_key AS k FROM email_messages WHERE raw_blob_key IS NOT NULL',
  );
  const raw = new Set(rows.map((r) => r.k));
  const { rows: att } = await db.query('SELECT blob_key AS k FROM attachments');
  const owned = new Set([...raw, ...att.map((r) => r.k)]);
  const { rows: queuedRows } = await db.query('SELECT blob_key AS k FROM blob_deletions');
  const queued = new Set(queuedRows.map((r) => r.k));
  return {
    rawWithoutFile: [...raw].filter((k) => !files.has(k)).length,
    orphanFiles: [...files].filter((f) => !owned.has(f) && !queued.has(f)).length,
    queuedFiles: [...files].filter((f) => !owned.has(f) && queued.has(f)).length,
    files: files.size,
  };
}

export async function mailKilledMidImport({ world, intakePort, kills, clients, mails: count, startApi }) {
  const failures = [];
  const port = Number(new URL(world.api.baseUrl).port);
  let api = world.api;
  const queue = plan(count, 40);
  const acknowledged = new Map(); // Message-ID -> mail, for every 250
  const stats = { attempts: 0, acknowledged250: 0, refused: 0, other: {} };
  let inFlight = 0;

  const sendOne = async (m) => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: intakePort,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 5000,
      socketTimeout: 15000,
    });
    inFlight++;
    stats.attempts++;
    try {
      const info = await transport.sendMail({
        envelope: { from: m.from, to: [`support@${DOMAIN}`] },
        raw: m.raw,
      });
      if (/^250/.test(info.response)) return true;
      stats.other[info.response.slice(0, 3)] = (stats.other[info.response.slice(0, 3)] ?? 0) + 1;
      return false;
    } catch (e) {
      if (e.responseCode) stats.other[e.responseCode] = (stats.other[e.responseCode] ?? 0) + 1;
      else stats.refused++; // killed mid-session, or not listening yet
      return false;
    } finally {
      inFlight--;
      transport.close();
    }
  };

  let next = 0;
  const retry = [];
  const loop = async () => {
    for (;;) {
      const m = retry.shift() ?? queue[next++];
      if (!m) {
        if (next >= queue.length && !retry.length && inFlight === 0) return;
        await sleep(50);
        continue;
      }
      if (await sendOne(m)) {
        stats.acknowledged250++;
        acknowledged.set(m.id, m);
      } else {
        retry.push(m); // a relay keeps it and tries again
        await sleep(200);
      }
    }
  };
  const loops = Array.from({ length: clients }, loop);

  const killLog = [];
  const killer = (async () => {
    for (let k = 0; k < kills; k++) {
      await sleep(1000 + Math.random() * 2500);
      killLog.push(inFlight);
      process.kill(api.pid, 'SIGKILL');
      await api.stop();
      api = await startApi(port);
    }
  })();
  await killer;
  await Promise.all(loops);
  await api.stop();

  const db = new pg.Client({ connectionString: world.databaseUrl });
  await db.connect();
  const violations = {};
  try {
    for (const [name, sql] of Object.entries(INVARIANTS)) {
      const n = Number((await db.query(sql)).rows[0].count);
      violations[name] = n;
      if (n) failures.push(`${n} ${name}`);
    }
    const ids = [...acknowledged.values()].filter((m) => !m.auto).map((m) => m.id);
    const { rows } = await db.query(
      'SELECT message_id, count(*)::int AS n FROM email_messages WHERE message_id = ANY($1) GROUP BY message_id',
      [ids],
    );
    const found = new Map(rows.map((r) => [r.message_id, r.n]));
    const lost = ids.filter((id) => !found.has(id)).length;
    const twice = [...found.values()].filter((n) => n > 1).length;
    if (lost) failures.push(`${lost} mails answered 250 but not in the database`);
    if (twice) failures.push(`${twice} mails imported more than once`);
    const autos = [...acknowledged.values()].filter((m) => m.auto).length;
    const { rows: autoRows } = await db.query(
      "SELECT count(*)::int AS n FROM mail_receipts WHERE outcome = 'auto_reply'",
    );
    if (autoRows[0].n !== autos) failures.push(`auto-replies recorded ${autoRows[0].n}, sent ${autos}`);
    const files = await blobFiles(db, world.dataDir);
    if (files.rawWithoutFile) failures.push(`${files.rawWithoutFile} raw mails whose file is missing`);
    if (files.orphanFiles)
      failures.push(`${files.orphanFiles} blob files neither referenced nor queued for deletion`);
    const [counts] = (
      await db.query(`SELECT (SELECT count(*)::int FROM tickets WHERE channel = 'email') AS tickets,
        (SELECT count(*)::int FROM ticket_messages WHERE channel = 'email') AS replies,
        (SELECT count(*)::int FROM email_messages) AS "emailMessages",
        (SELECT count(*)::int FROM mail_receipts) AS receipts`)
    ).rows;
    if (Object.keys(stats.other).some((s) => Number(s) >= 500 && Number(s) !== 552))
      failures.push(`permanent SMTP refusals: ${JSON.stringify(stats.other)}`);
    return {
      failures,
      figures: {
        kills: killLog.length,
        mailsPlanned: queue.length,
        sessionsInFlightAtKills: killLog,
        ...stats,
        distinctAcknowledged: acknowledged.size,
        lost,
        importedTwice: twice,
        violations,
        ...counts,
        rawFiles: files.files,
        cutOffRawFilesQueued: files.queuedFiles,
        orphanBlobFiles: files.orphanFiles,
      },
    };
  } finally {
    await db.end();
  }
}
