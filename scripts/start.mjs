// `npm start`: build what is missing or stale (Nx caches it), then run the API, which also serves
// the web app. Without DATABASE_URL the API starts its embedded PostgreSQL under .data/.
import { spawn } from 'node:child_process';
import { apiNodeArgs, root, run } from './lib.mjs';

const nxEnv = { NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };
await run('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,web', '--outputStyle=static'], {
  env: nxEnv,
});

const api = spawn(process.execPath, apiNodeArgs(), {
  cwd: root,
  stdio: 'inherit',
});
// Pass signals on, so the API can stop its embedded database cleanly.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
