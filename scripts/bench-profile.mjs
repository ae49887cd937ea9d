// `npm run bench:profile -- --scale 1 --path /api/tickets --method POST`: where the API's CPU goes.
//
// Starts the built API on the bench database with V8's CPU profiler on, loads one route with
// autocannon as the bench:http customer (or engineer, --as engineer), stops the API so the profile
// is written, and prints the heaviest functions by self time and the heaviest packages/files.
// The raw profile (.cpuprofile, for Chrome DevTools) is kept under --out (default /tmp/hushdesk-prof).
//
// Options: --scale S (1), --method GET|POST (POST), --path (/api/tickets), --duration SECONDS (15),
//          --connections N (50), --as customer|engineer (customer), --top N (40), --out DIR, --no-build.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import {
  arg,
  benchDatabase,
  buildApi,
  ensureUser,
  freePort,
  hmacKey,
  say,
  scaleArg,
  startApi,
} from './bench-common.mjs';
import { root } from './lib.mjs';

const SCALE = scaleArg();
const METHOD = String(arg('method', 'POST')).toUpperCase();
const PATH = String(arg('path', '/api/tickets'));
const DURATION = Number(arg('duration', '15'));
const CONNECTIONS = Number(arg('connections', '50'));
const AS = String(arg('as', 'customer'));
const TOP = Number(arg('top', '40'));
const OUT = resolve(String(arg('out', '/tmp/hushdesk-prof')));
const KEY = hmacKey();
const db = benchDatabase(SCALE);

const WHO = {
  customer: {
    email: 'bench.profile.customer@hushdesk-bench.example',
    password: 'bench-profile-customer-password-1',
    role: 'customer',
    fullName: 'Bench Profile Customer',
  },
  engineer: {
    email: 'bench.profile.engineer@hushdesk-bench.example',
    password: 'bench-profile-engineer-password-1',
    role: 'engineer',
    fullName: 'Bench Profile Engineer',
  },
};

let n = 0;
/** A ticket body of the usual size (~300 characters), different every time. */
const ticketBody = () =>
  JSON.stringify({
    type: 'fault',
    subject: `Router showing a red light ${++n}`,
    description:
      'Hello, since this morning the router in the comms cupboard shows a red light on the WAN port and ' +
      'nobody on the first floor can reach the internet. We restarted it twice and nothing changed. ' +
      `Please call the office manager on 01632 960${String(n % 1000).padStart(3, '0')} before visiting. Thanks.`,
    priority: 'P3',
  });

/** Self time per function and per package from a V8 .cpuprofile. */
function summarise(profile) {
  const self = new Map();
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...dt.values()].reduce((a, b) => a + b, 0);
  const where = (url) => {
    if (!url) return '(native)';
    const nm = url.lastIndexOf('node_modules/');
    if (nm >= 0) {
      const rest = url.slice(nm + 'node_modules/'.length).split('/');
      return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    }
    if (url.startsWith('node:')) return url;
    return url.replace(/^file:\/\//, '').replace(`${root}/`, '');
  };
  const packages = new Map();
  for (const [id, us] of dt) {
    const { callFrame } = byNode.get(id);
    const name = `${callFrame.functionName || '(anonymous)'} ${where(callFrame.url)}:${callFrame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + us);
    const pkg = where(callFrame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const rows = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(
        ([k, us]) =>
          `| ${((100 * us) / total).toFixed(1).padStart(5)} % | ${(us / 1000).toFixed(0)} | ${k} |`,
      );
  return { total, functions: rows(self), packages: rows(packages) };
}

async function main() {
  await buildApi();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const [org] = (await client.query('SELECT id FROM organisations ORDER BY id LIMIT 1')).rows;
  const who = WHO[AS];
  if (!who) throw new Error('--as must be customer or engineer');
  await ensureUser(client, KEY, { ...who, organisationId: AS === 'customer' ? org.id : null });

  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const api = await startApi({
    databaseUrl: db.url,
    key: KEY,
    port: await freePort(),
    logFile: join(OUT, 'api.log'),
    env: { JOBS_ENABLED: '0' },
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${OUT}`],
  });
  const login = await fetch(`${api.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const { accessToken } = await login.json();
  const created = [];
  say(`Profiling ${METHOD} ${PATH} as ${AS}, ${CONNECTIONS} connections, ${DURATION} s…`);
  const result = await autocannon({
    url: `${api.baseUrl}${PATH}`,
    method: METHOD,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => (METHOD === 'POST' ? { ...req, body: ticketBody() } : req) }],
  });
  const rps = result.requests.average;
  await api.stop();
  if (METHOD === 'POST' && PATH === '/api/tickets') {
    // Keep the bench database as the seed left it.
    const mine = `SELECT t.id FROM tickets t JOIN users u ON u.id = t.created_by_id JOIN people p ON p.id = u.person_id
                   WHERE p.email = $1`;
    await client.query(
      `DELETE FROM identifier_mentions WHERE source_type = 'ticket' AND source_id IN (${mine})`,
      [who.email],
    );
    const { rows } = await client.query(`DELETE FROM tickets WHERE id IN (${mine}) RETURNING id`, [
      who.email,
    ]);
    created.push(...rows);
  }
  await client.end();

  const file = readdirSync(OUT).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile was written to ${OUT}`);
  const { total, functions, packages } = summarise(JSON.parse(readFileSync(join(OUT, file), 'utf8')));
  say(
    `\n${Math.round(rps)} req/s, ${result.non2xx} non-2xx; profile ${(total / 1e6).toFixed(1)} s of samples` +
      (created.length ? `; removed the ${created.length} tickets it made` : ''),
  );
  say(`Profile: ${join(OUT, file)}\n`);
  say('| self | ms | package or file |\n|---:|---:|:---|');
  for (const l of packages) say(l);
  say('\n| self | ms | function |\n|---:|---:|:---|');
  for (const l of functions) say(l);
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
