// `npm run bench -- --scale 1`: every benchmark in turn, on the database `npm run bench:seed -- --scale 1`
// made (the local PostgreSQL and Redis). Each prints its own tables with the machine's details.
// The API is built once; the purge benchmark makes its own scratch database of expired recordings.
import { run } from './lib.mjs';
import { arg, buildApi, say } from './bench-common.mjs';

const scale = String(arg('scale', '1'));
const pass = (extra = []) => ['--scale', scale, '--no-build', ...extra];
await buildApi();
const suites = [
  ['HTTP: create, queue, ticket page, search, memory', 'scripts/bench-http.mjs', pass()],
  ['DSAR collection', 'scripts/bench-dsar.mjs', pass()],
  [
    'Live updates: 2,000 sockets on two instances through Redis',
    'scripts/bench-live.mjs',
    pass(['--clients', '2000']),
  ],
];
for (const [title, script, args] of suites) {
  say(`\n## ${title}\n`);
  await run('node', ['--enable-source-maps', script, ...args]);
}
say('\n## Retention purge of 1M expired recordings, beside ticket creation\n');
await run('npm', ['run', 'bench:purge', '--', '--recordings', String(Math.round(1_000_000 * Number(scale)))]);
