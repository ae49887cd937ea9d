// Scenario 3: the API is SIGKILLed at random moments under a mix of multi-row writes; each write is
// all or nothing, so afterwards the database holds no partial rows and every stored blob key has its file.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { sleep } from '../bench-common.mjs';
import { PASSWORD, call as send, createAccounts, login, must } from './client.mjs';

/** A valid WAV header and ~`kb` KB of silence: enough that writing the blob takes a moment. */
function wav(kb) {
  const data = Buffer.alloc(kb * 1024);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8);
  h.write('fmt ', 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(16000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/** The checks, as SQL counting violations: each must be 0. */
const INVARIANTS = {
  'users without their person': `SELECT count(*) FROM users u LEFT JOIN people p ON p.id = u.person_id WHERE p.id IS NULL`,
  'people made for an account but without it': `SELECT count(*) FROM people p
     WHERE p.email LIKE 'fault.kill.%' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id)`,
  'people with an email but no index entries': `SELECT count(*) FROM people p WHERE p.email IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM identifier_mentions m WHERE m.source_type = 'person' AND m.source_id = p.id)`,
  'tickets without their requester': `SELECT count(*) FROM tickets t LEFT JOIN users u ON u.id = t.requester_id WHERE u.id IS NULL`,
  'tickets without index entries (each names an email)': `SELECT count(*) FROM tickets t
     WHERE NOT EXISTS (SELECT 1 FROM identifier_mentions m WHERE m.source_type = 'ticket' AND m.source_id = t.id)`,
  'messages without their ticket': `SELECT count(*) FROM ticket_messages x LEFT JOIN tickets t ON t.id = x.ticket_id WHERE t.id IS NULL`,
  'messages without index entries (each names an email)': `SELECT count(*) FROM ticket_messages x
     WHERE NOT EXISTS (SELECT 1 FROM identifier_mentions m WHERE m.source_type = 'message' AND m.source_id = x.id)`,
  'index entries of nothing': `SELECT count(*) FROM identifier_mentions m WHERE NOT CASE m.source_type
       WHEN 'ticket' THEN EXISTS (SELECT 1 FROM tickets t WHERE t.id = m.source_id)
       WHEN 'message' THEN EXISTS (SELECT 1 FROM ticket_messages x WHERE x.id = m.source_id)
       WHEN 'person' THEN EXISTS (SELECT 1 FROM people p WHERE p.id = m.source_id)
       WHEN 'recording' THEN EXISTS (SELECT 1 FROM recordings r WHERE r.id = m.source_id)
       ELSE true END`,
  'DSAR requests without their audit entry': `SELECT count(*) FROM dsar_requests d WHERE NOT EXISTS
     (SELECT 1 FROM audit_log a WHERE a.action = 'dsar.create' AND a.target_id = d.id::text)`,
  'recordings with half their audio fields': `SELECT count(*) FROM recordings
     WHERE (audio_blob_key IS NULL) <> (audio_content_type IS NULL) OR (audio_blob_key IS NULL) <> (audio_size_bytes IS NULL)`,
};

/**
 * Every blob key an owning table holds (any column named *blob_key), the keys queued in the
 * deletion outbox, and the files under the blob root.
 */
async function blobs(db, dataDir) {
  const { rows: cols } = await db.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name LIKE '%blob_key' AND table_name <> 'blob_deletions'`,
  );
  const keys = new Set();
  for (const c of cols) {
    const { rows } = await db.query(
      `SELECT "${c.column_name}" AS k FROM "${c.table_name}" WHERE "${c.column_name}" IS NOT NULL`,
    );
    rows.forEach((r) => keys.add(r.k));
  }
  const root = join(dataDir, 'blobs');
  const files = new Set();
  const walk = (dir, depth) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (depth === 0 && e.name === 'tmp') continue; // scratch; stale .part files are swept at start
      if (e.isDirectory()) walk(join(dir, e.name), depth + 1);
      else files.add(e.name);
    }
  };
  walk(root, 0);
  const { rows: queuedRows } = await db.query('SELECT blob_key AS k FROM blob_deletions');
  const queued = new Set(queuedRows.map((r) => r.k));
  const { rows: audio } = await db.query(
    'SELECT audio_blob_key AS k FROM recordings WHERE audio_blob_key IS NOT NULL',
  );
  return {
    audioWithoutFile: audio.filter((r) => !files.has(r.k)).length,
    // A file cut off between its bytes and its row is queued (OwnedBlobs); none may be neither.
    orphanFiles: [...files].filter((f) => !keys.has(f) && !queued.has(f)).length,
    queuedFiles: [...files].filter((f) => !keys.has(f) && queued.has(f)).length,
    files: files.size,
  };
}

export async function killMidRequest({ world, kills, clients, startApi }) {
  const failures = [];
  const port = new URL(world.api.baseUrl).port;
  let api = world.api;
  const { customers } = await createAccounts(api.baseUrl, world.adminToken, Math.min(clients, 8), 'k');
  const admin = world.adminToken;
  // DSARs are the DPO's to log.
  const dpoEmail = 'fault.dpo.kill@faults.example';
  await must(201, api.baseUrl, 'POST', '/api/users', {
    token: admin,
    body: { email: dpoEmail, password: PASSWORD, role: 'dpo', person: { fullName: 'Fault Dpo' } },
  });
  const dpo = await login(api.baseUrl, dpoEmail);
  let audioInFlight = 0;
  const audio = wav(256);
  const tickets = new Map(customers.map((c) => [c.id, []]));
  const stats = { sent: 0, ok: 0, refused: 0, other: {} };
  let inFlight = 0;
  let running = true;
  let seq = 0;

  /** Every request goes through here, so a kill knows how many the API had in hand. */
  const call = async (...args) => {
    inFlight++;
    try {
      return await send(...args);
    } finally {
      inFlight--;
    }
  };

  const write = async (customer) => {
    const i = seq++;
    const pick = i % 5;
    const url = api.baseUrl;
    if (pick === 0) {
      return [
        await call(url, 'POST', '/api/users', {
          token: admin,
          body: {
            email: `fault.kill.${i}@faults.example`,
            password: PASSWORD,
            role: 'customer',
            organisationId: world.organisationId,
            person: { fullName: `Kill Person ${i}`, phone: `07700 9${String(i).padStart(5, '0')}` },
          },
        }),
      ];
    }
    if (pick === 1 || !tickets.get(customer.id).length) {
      const r = await call(url, 'POST', '/api/tickets', {
        token: customer.token,
        body: {
          type: 'service_request',
          subject: `Invoice query ${i}`,
          description: `Please reply to kill.ticket${i}@faults.example`,
        },
      });
      if (r.status === 201) tickets.get(customer.id).push(r.body.id);
      return [r];
    }
    if (pick === 2) {
      const list = tickets.get(customer.id);
      const id = list[i % list.length];
      return [
        await call(url, 'POST', `/api/tickets/${id}/messages`, {
          token: customer.token,
          body: { body: `More detail from kill.message${i}@faults.example`, visibility: 'public' },
        }),
      ];
    }
    if (pick === 3) {
      return [
        await call(url, 'POST', '/api/dsar', {
          token: dpo,
          body: {
            kind: 'access',
            channel: 'email',
            subject: { email: `dsar.kill${i}@faults.example`, fullName: `Dsar Kill ${i}` },
            requester: { relation: 'subject' },
          },
        }),
      ];
    }
    const rec = await call(url, 'POST', '/api/recordings', {
      token: admin,
      body: {
        callerNumber: `07700 8${String(i).padStart(5, '0')}`,
        direction: 'inbound',
        startedAt: new Date().toISOString(),
        durationSeconds: 60,
      },
    });
    if (rec.status !== 201) return [rec];
    audioInFlight++;
    try {
      const put = await call(url, 'PUT', `/api/recordings/${rec.body.id}/audio`, {
        token: admin,
        raw: audio,
        type: 'audio/wav',
      });
      return [rec, put];
    } finally {
      audioInFlight--;
    }
  };

  const loop = async (customer) => {
    while (running) {
      const results = await write(customer);
      for (const r of results) {
        stats.sent++;
        if (r.status === 200 || r.status === 201) stats.ok++;
        else if (r.status === 0)
          stats.refused++; // the API was down (killed or starting)
        else stats.other[r.status] = (stats.other[r.status] ?? 0) + 1;
      }
      if (results.some((r) => r.status === 0)) await sleep(250);
    }
  };
  // The customers reused round-robin by `clients` loops.
  const loops = Array.from({ length: clients }, (_, n) => loop(customers[n % customers.length]));

  const killLog = [];
  let audioAtKills = 0;
  for (let k = 0; k < kills; k++) {
    await sleep(2000 + Math.random() * 3000);
    const pending = inFlight;
    const audioPending = audioInFlight;
    process.kill(api.pid, 'SIGKILL');
    await api.stop();
    killLog.push(pending);
    audioAtKills += audioPending;
    api = await startApi(Number(port));
  }
  await sleep(1500);
  running = false;
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
    const files = await blobs(db, world.dataDir);
    if (files.audioWithoutFile)
      failures.push(`${files.audioWithoutFile} recording(s) whose audio file is missing`);
    // The audio is written before its row (RecordingsService.putAudio), so a kill in between leaves
    // a file no row references; OwnedBlobs queues every new key for deletion first, so each such
    // file must be in the outbox, which deletes it an hour later.
    if (files.orphanFiles)
      failures.push(`${files.orphanFiles} blob files neither referenced nor queued for deletion`);
    const [counts] = (
      await db.query(`SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM tickets) AS tickets,
        (SELECT count(*)::int FROM ticket_messages) AS messages, (SELECT count(*)::int FROM dsar_requests) AS dsars,
        (SELECT count(*)::int FROM recordings) AS recordings,
        (SELECT count(*)::int FROM recordings WHERE audio_blob_key IS NOT NULL) AS "recordingsWithAudio"`)
    ).rows;
    if (Object.keys(stats.other).some((s) => Number(s) >= 500))
      failures.push(`5xx answers: ${JSON.stringify(stats.other)}`);
    return {
      figures: {
        kills,
        requestsInFlightAtKills: killLog,
        requestsInFlightTotal: killLog.reduce((a, b) => a + b, 0),
        sent: stats.sent,
        succeeded: stats.ok,
        refusedWhileDown: stats.refused,
        otherStatuses: stats.other,
        rows: counts,
        invariantsChecked: Object.keys(INVARIANTS).length + 1,
        violations: Object.values(violations).reduce((a, b) => a + b, 0) + files.audioWithoutFile,
        blobFiles: files.files,
        audioUploadsInFlightAtKills: audioAtKills,
        orphanBlobFiles: files.orphanFiles,
        queuedBlobFiles: files.queuedFiles,
      },
      failures,
    };
  } finally {
    await db.end();
  }
}
