// `npm test`: unit, API end-to-end and browser tests in one Jest run, on a real PostgreSQL
// (TEST_DATABASE_URL, else an embedded one). Browser tests drive Debian's Chromium (CHROMIUM_PATH,
// else /usr/bin/chromium). In CI a missing Chromium, or a browser test that did not run, fails.
// The IMAP tests run Debian's Dovecot (`dovecot-imapd`): without it they are skipped loudly, except
// in CI, where that fails (.ci/run installs it). The pooler tests run Debian's PgBouncer, likewise.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { root, run } from './lib.mjs';

const ci = !!process.env.CI && process.env.CI !== 'false';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromium);
const resultsFile = `${root}/.data/jest-results.json`;
const passThrough = process.argv.slice(2);

if (!haveChromium && ci) {
  process.stderr.write(`\nFAIL: no Chromium at ${chromium}; browser tests must run in CI.\n`);
  process.exit(1);
}
if (!haveChromium) {
  process.stderr.write(
    `\n${'!'.repeat(78)}\n!! No Chromium at ${chromium}: SKIPPING THE BROWSER TESTS.\n` +
      `!! Install it (apt-get install -y chromium) or set CHROMIUM_PATH to run them.\n${'!'.repeat(78)}\n\n`,
  );
}

// The binaries test/support/dovecot.ts starts.
const haveDovecot = ['/usr/sbin/dovecot', '/usr/bin/doveadm'].every((b) => existsSync(b));
if (!haveDovecot && ci) {
  process.stderr.write('\nFAIL: no Dovecot (dovecot-imapd); the IMAP tests must run in CI.\n');
  process.exit(1);
}
if (!haveDovecot) {
  process.stderr.write(
    `\n${'!'.repeat(78)}\n!! No Dovecot: SKIPPING THE IMAP MAILBOX TESTS.\n` +
      `!! Install it (apt-get install -y dovecot-imapd) to run them.\n${'!'.repeat(78)}\n\n`,
  );
}
const skipped = haveDovecot ? [] : ['test/api/mailboxes'];

// The binary test/support/pgbouncer.ts starts.
const havePgBouncer = existsSync('/usr/sbin/pgbouncer');
if (!havePgBouncer && ci) {
  process.stderr.write('\nFAIL: no PgBouncer (pgbouncer); the pooler tests must run in CI.\n');
  process.exit(1);
}
if (!havePgBouncer) {
  process.stderr.write(
    `\n${'!'.repeat(78)}\n!! No PgBouncer: SKIPPING THE POOLER TESTS.\n` +
      `!! Install it (apt-get install -y pgbouncer) to run them.\n${'!'.repeat(78)}\n\n`,
  );
}
if (!havePgBouncer) skipped.push('test/api/pgbouncer');

const projects = haveChromium ? ['unit', 'medium', 'api', 'browser'] : ['unit', 'medium', 'api'];
if (projects.includes('browser')) {
  // Browser tests load the built web app; Nx skips the build when nothing changed.
  await run('npx', ['nx', 'run', 'web:build', '--outputStyle=static'], {
    env: { NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' },
  });
}

rmSync(resultsFile, { force: true });
let failed = false;
try {
  await run('npx', [
    'jest',
    '--selectProjects',
    ...projects,
    '--json',
    `--outputFile=${resultsFile}`,
    ...(ci ? ['--ci'] : []),
    ...passThrough,
    // Last: jest reads every value after this option as a pattern to ignore, even the test paths.
    ...(skipped.length ? ['--testPathIgnorePatterns', ...skipped] : []),
  ]);
} catch {
  failed = true;
}

if (!existsSync(resultsFile)) process.exit(1);
const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
const browserTests = results.testResults
  .filter((f) => f.name.includes('/test/browser/'))
  .flatMap((f) => f.assertionResults);
if (ci && projects.includes('browser') && passThrough.length === 0) {
  const ran = browserTests.filter((a) => a.status === 'passed' || a.status === 'failed').length;
  if (ran === 0 || browserTests.some((a) => a.status === 'pending' || a.status === 'skipped')) {
    process.stderr.write('\nFAIL: browser tests were skipped in CI.\n');
    failed = true;
  }
}
// A plain closing line, readable by any CI.
process.stdout.write(
  `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped` +
    ` (browser: ${browserTests.length})\n`,
);
process.exit(failed || results.numFailedTests > 0 || !results.success ? 1 : 0);
