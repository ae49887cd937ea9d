// `npm start`: build what is missing or stale (Nx caches it), then run the API, which also serves
// the web app. Without DATABASE_URL the API starts its embedded PostgreSQL under .data/.
//
// The console is kept for people: the build's output goes to DATA_DIR/build.log (shown only if the
// build fails), and in demo mode the API's log lines go to DATA_DIR/hushdesk.log (LOG_FILE; set
// LOG_FILE= to keep them on stdout), so the last thing printed is the block with the URL, the
// logins and how to stop.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { apiNodeArgs, root } from './lib.mjs';

const say = (line) => process.stderr.write(`[hushdesk] ${line}\n`);
const dataDir = resolve(root, process.env.DATA_DIR || '.data');
const shown = (path) => relative(process.cwd(), path) || path;

const flag = (value) =>
  value === undefined || value === '' ? undefined : /^(1|true|yes|on)$/i.test(value.trim());
/** The API's own rule (config/app-config.ts): demo on the embedded database unless told otherwise. */
const demo =
  process.env.NODE_ENV !== 'production' && (flag(process.env.HUSHDESK_DEMO) ?? !process.env.DATABASE_URL);

async function build() {
  const log = join(dataDir, 'build.log');
  mkdirSync(dataDir, { recursive: true });
  say('Building the API and the web app (about a minute the first time; later starts reuse the cache)…');
  const started = Date.now();
  const output = [];
  const code = await new Promise((done, fail) => {
    const nx = spawn('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,web', '--outputStyle=static'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' },
    });
    nx.stdout.on('data', (chunk) => output.push(chunk));
    nx.stderr.on('data', (chunk) => output.push(chunk));
    nx.on('error', fail);
    nx.on('exit', (exitCode, signal) => done(exitCode ?? (signal ? 1 : 0)));
  });
  writeFileSync(log, Buffer.concat(output));
  if (code !== 0) {
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    process.stderr.write(`${lines.slice(-40).join('\n')}\n`);
    say(`The build failed (exit code ${code}); its full output is in ${shown(log)}.`);
    process.exit(code);
  }
  say(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

await build();

const env = { ...process.env };
if (demo && env.LOG_FILE === undefined) env.LOG_FILE = join(dataDir, 'hushdesk.log');
// On the embedded database the SMTP intake is on, on 127.0.0.1:2525, so a test mail can be sent
// right away (the API prints how); MAIL_INTAKE_PORT= (empty) turns it off.
if (!process.env.DATABASE_URL && env.MAIL_INTAKE_PORT === undefined) env.MAIL_INTAKE_PORT = '2525';
if (env.MAIL_INTAKE_PORT === '') delete env.MAIL_INTAKE_PORT;
// One API process per core, sharing the port (API_WORKERS=1 for a single process).
if (!env.API_WORKERS) env.API_WORKERS = 'auto';
const api = spawn(process.execPath, apiNodeArgs(), { cwd: root, stdio: 'inherit', env });
// Pass signals on, so the API can stop its embedded database cleanly.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
