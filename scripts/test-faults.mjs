// `npm run test:faults`: faults that must lose nothing (issue 8). Not part of `npm test`: it stops
// and starts a PostgreSQL server and kills API processes, so it runs on its own, here, by hand.
//
// The database is a Debian cluster of its own, never the shared one: `--cluster 15/hushdesk-faults`
// (default), created on first use with `pg_createcluster VERSION NAME --port 5439 -- --auth=trust`
// (trust for local TCP, listening on localhost), started with `pg_ctlcluster`, and left stopped at
// the end. Each run drops and recreates its database `hushdesk_faults` there, so runs are repeatable.
// Needs root (or the postgres user) for pg_ctlcluster. The API is built with Nx (cached) and run as
// `node dist/apps/api/apps/api/src/main.js` (scripts/lib.mjs apiNodeArgs), jobs on, demo seed off.
//
//   restart  N client loops (one customer each) POST /api/tickets without pause; PostgreSQL is
//            stopped (`pg_ctlcluster … stop -m fast`) for --down seconds, --restarts times. Checks:
//            every 201 ticket is in the database afterwards with its reference; every other answer
//            is 503 "The database is unavailable; try again shortly" (no 500, no hang past the
//            10 s client deadline); GET /api/health says 503 while down and ok after; tickets are
//            created again after each restart, by the same API process, which is never restarted.
//   job      A retention run (pg-boss job `retention-run`) over --expired expired recordings seeded
//            straight into the database; the API is SIGKILLed while the job is active and part of
//            the purge is done, then started again. Checks: the job is retried and completes, the run
//            is `completed`, no expired recording is left, and each purged call is counted once in
//            call_statistics (no half-done or doubled batch).
//   kill     Client loops fire multi-row writes (POST /api/users, /api/tickets, /api/tickets/:id/
//            messages, /api/dsar, /api/recordings + PUT audio) and the API is SIGKILLed at random
//            moments, --kills times, restarting it each time. Checks on the database afterwards:
//            every user has its person and every person its index entries; every ticket and message
//            its index entries, and no index entry points at nothing; every recording's audio blob
//            is on disk; blob files nobody references are counted (bounded by the kills).
//   mail     Clients send --mails mails (unique Message-IDs from unknown senders, 10% replies, 5%
//            auto-replies, 4% sent twice) to the API's SMTP intake, and the API is SIGKILLed at
//            random moments, --kills times, restarting it each time; a mail without a 250 is sent
//            again, as a relay would. Checks: every mail answered 250 is in email_messages exactly
//            once (auto-replies: their receipt); no Message-ID twice; no mail ticket, reply or
//            receipt without its email_messages row and none the other way round; every raw copy's
//            file is on disk, and any file no row owns is queued for deletion.
//
// Options: --cluster VERSION/NAME (15/hushdesk-faults), --port P (5439, for a new cluster),
//          --only restart|job|kill|mail, --clients N (16), --restarts N (3), --down SECONDS (5),
//          --kills N (5), --expired N (150000), --mails N (2000), --no-build, --keep (leave the
//          cluster running).
// Exit status: 0 when every check passed, 1 otherwise. API logs: $TMPDIR/hushdesk-faults-*.log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_HMAC_KEY, arg, buildApi, ensureUser, freePort, say, startApi } from './bench-common.mjs';
import { FaultCluster } from './faults/cluster.mjs';
import { PASSWORD, createAccounts, login } from './faults/client.mjs';
import { restartUnderLoad } from './faults/restart.mjs';
import { jobKilledMidRun } from './faults/job-kill.mjs';
import { killMidRequest } from './faults/kill-mid-request.mjs';
import { mailKilledMidImport } from './faults/mail-kill.mjs';

const num = (name, fallback, min, max) => {
  const v = Number(arg(name, String(fallback)));
  if (!(Number.isInteger(v) && v >= min && v <= max))
    throw new Error(`--${name} must be an integer ${min}–${max}`);
  return v;
};
const ONLY = String(arg('only', 'all'));
if (!['all', 'restart', 'job', 'kill', 'mail'].includes(ONLY))
  throw new Error('--only must be restart, job, kill or mail');
const runs = (s) => ONLY === 'all' || ONLY === s;
const CLIENTS = num('clients', 16, 1, 200);
const RESTARTS = num('restarts', 3, 1, 20);
const DOWN_S = num('down', 5, 1, 120);
const KILLS = num('kills', 5, 1, 100);
const EXPIRED = num('expired', 150_000, 1000, 5_000_000);
const MAILS = num('mails', 2000, 10, 1_000_000);
const KEY = process.env.IDENTIFIER_HMAC_KEY || DEFAULT_HMAC_KEY;
const ADMIN = {
  email: 'fault.admin@faults.example',
  password: PASSWORD,
  role: 'admin',
  fullName: 'Fault Admin',
};
const DATABASE = 'hushdesk_faults';

const cluster = new FaultCluster(arg('cluster', '15/hushdesk-faults'), num('port', 5439, 1024, 65535));
const logDir = mkdtempSync(join(tmpdir(), 'hushdesk-faults-'));
const results = {};
let failures = [];
let logs = 0;

/** Starts the API on the fault database; `dataDir` is kept across restarts of one scenario. */
async function api(databaseUrl, dataDir, port, env = {}) {
  const logFile = join(logDir, `api-${++logs}.log`);
  const started = Date.now();
  const handle = await startApi({
    databaseUrl,
    key: KEY,
    port: port ?? (await freePort()),
    logFile,
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn', DB_POOL_SIZE: '10', ...env },
  });
  return { ...handle, logFile, startMs: Date.now() - started };
}

async function freshWorld(tag, env = {}) {
  const databaseUrl = await cluster.freshDatabase(DATABASE);
  const dataDir = mkdtempSync(join(tmpdir(), `hushdesk-faults-${tag}-`));
  const first = await api(databaseUrl, dataDir, undefined, env); // migrates the fresh database
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await ensureUser(db, KEY, ADMIN);
  await db.end();
  const adminToken = await login(first.baseUrl, ADMIN.email);
  return { databaseUrl, dataDir, api: first, adminToken };
}

const t0 = Date.now();
try {
  await buildApi();
  cluster.ensureRunning();
  say(
    `PostgreSQL cluster ${cluster.version}/${cluster.name} on 127.0.0.1:${cluster.port}; logs in ${logDir}`,
  );

  if (runs('restart')) {
    say(`\n[restart] ${CLIENTS} clients creating tickets; PostgreSQL stopped ${RESTARTS}× for ${DOWN_S} s`);
    const w = await freshWorld('restart');
    const { customers } = await createAccounts(w.api.baseUrl, w.adminToken, CLIENTS, 'r');
    const r = await restartUnderLoad({
      api: w.api,
      cluster,
      databaseUrl: w.databaseUrl,
      customers,
      restarts: RESTARTS,
      downMs: DOWN_S * 1000,
      upMs: 4000,
    });
    const alive = (() => {
      try {
        process.kill(w.api.pid, 0);
        return true;
      } catch {
        return false;
      }
    })();
    if (!alive) r.failures.push('the API process died during the restarts');
    r.figures.sameApiProcess = alive;
    await w.api.stop();
    rmSync(w.dataDir, { recursive: true, force: true });
    results.restart = r.figures;
    failures = failures.concat(r.failures.map((f) => `restart: ${f}`));
  }

  if (runs('job')) {
    say(`\n[job] a retention run over ${EXPIRED} expired recordings, the API killed mid-run`);
    const w = await freshWorld('job');
    const r = await jobKilledMidRun({
      world: w,
      expired: EXPIRED,
      startApi: (port) => api(w.databaseUrl, w.dataDir, port),
    });
    rmSync(w.dataDir, { recursive: true, force: true });
    results.job = r.figures;
    failures = failures.concat(r.failures.map((f) => `job: ${f}`));
  }

  if (runs('kill')) {
    say(`\n[kill] multi-row writes, the API SIGKILLed ${KILLS}× at random moments`);
    const w = await freshWorld('kill');
    const { organisationId } = await createAccounts(w.api.baseUrl, w.adminToken, 0, 'kill-org');
    const r = await killMidRequest({
      world: { ...w, organisationId },
      kills: KILLS,
      clients: CLIENTS,
      startApi: (port) => api(w.databaseUrl, w.dataDir, port),
    });
    rmSync(w.dataDir, { recursive: true, force: true });
    results.kill = r.figures;
    failures = failures.concat(r.failures.map((f) => `kill: ${f}`));
  }

  if (runs('mail')) {
    say(`\n[mail] ${MAILS} mails to the SMTP intake, the API SIGKILLed ${KILLS}× at random moments`);
    const intake = {
      MAIL_INTAKE_PORT: String(await freePort()),
      MAIL_FROM: 'Support <support@faults.example>',
    };
    const w = await freshWorld('mail', intake);
    const r = await mailKilledMidImport({
      world: w,
      intakePort: Number(intake.MAIL_INTAKE_PORT),
      kills: KILLS,
      clients: Math.min(CLIENTS, 8),
      mails: MAILS,
      startApi: (port) => api(w.databaseUrl, w.dataDir, port, intake),
    });
    rmSync(w.dataDir, { recursive: true, force: true });
    results.mail = r.figures;
    failures = failures.concat(r.failures.map((f) => `mail: ${f}`));
  }
} catch (e) {
  failures.push(`the run stopped: ${e?.stack ?? e}`);
} finally {
  if (!arg('keep', false)) {
    try {
      cluster.stopIfRunning();
    } catch (e) {
      failures.push(`could not stop the cluster: ${e.message}`);
    }
  }
}

say('\n=== Fault test summary ===');
say(JSON.stringify(results, null, 2));
const { restart: r, job: j, kill: k, mail: m } = results;
say('\nFigures for docs/security.md:');
const line = (label, value) => say(`  ${label.padEnd(44)} ${value}`);
line(
  'faults injected',
  `${(r?.restarts ?? 0) + (j ? 1 : 0) + (k?.kills ?? 0) + (m?.kills ?? 0)} (PostgreSQL restarts ${r?.restarts ?? 0}, ` +
    `job kills ${j ? 1 : 0}, mid-request kills ${k?.kills ?? 0}, mid-import kills ${m?.kills ?? 0})`,
);
if (r) {
  const worst = (f) => Math.max(...r.recoveries.map((x) => x[f] ?? Infinity));
  line('restart: tickets requested', r.sent);
  line('restart: 201s acknowledged', r.acknowledged);
  line('restart: acknowledged writes lost', r.lost);
  line('restart: 503 "database unavailable" answers', r.unavailable503);
  line('restart: 500s / hangs (10 s deadline)', `${r.http500} / ${r.timeouts}`);
  line(
    'restart: recovery after PostgreSQL is back',
    `health ok ≤ ${worst('healthOkAfterMs')} ms, first 201 ≤ ${worst('firstCreateAfterMs')} ms, same API process: ${r.sameApiProcess ? 'yes' : 'no'}`,
  );
}
if (j) {
  line(
    'job: killed retention run',
    `${j.purgedBeforeKill} of ${j.expiredSeeded} purged at the kill; ${j.runStatus} ${(j.jobCompletedAfterRestartMs / 1000).toFixed(1)} s after the restart (retries ${j.jobRetries}), ${j.recordingsLeft} left, ${j.callsCounted} calls counted`,
  );
}
if (k) {
  line('kill: requests sent / in flight at the kills', `${k.sent} / ${k.requestsInFlightTotal}`);
  line('kill: partial-row violations', `${k.violations} (over ${k.invariantsChecked} invariants)`);
  line(
    'kill: unreferenced blob files',
    `${k.orphanBlobFiles}; cut-off uploads queued for deletion ${k.queuedBlobFiles} (audio uploads cut off: ${k.audioUploadsInFlightAtKills})`,
  );
}
if (m) {
  line('mail: mails / SMTP sessions / 250s', `${m.mailsPlanned} / ${m.attempts} / ${m.acknowledged250}`);
  line('mail: sessions in flight at the kills', m.sessionsInFlightAtKills.join(', '));
  line('mail: answered 250 but lost / imported twice', `${m.lost} / ${m.importedTwice}`);
  line(
    'mail: raw copies',
    `${m.emailMessages} kept; cut-off files queued for deletion ${m.cutOffRawFilesQueued}, orphans ${m.orphanBlobFiles}`,
  );
}
say(`\ntime ${((Date.now() - t0) / 1000).toFixed(0)} s; API logs in ${logDir}`);
if (failures.length) {
  say(`\nFAILED (${failures.length}):`);
  for (const f of failures) say(`  - ${f}`);
  process.exit(1);
}
say('\nPASSED: every check held.');
process.exit(0);
