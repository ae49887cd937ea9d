// `npm run dev`: the API with reload (node --watch over the TypeScript sources) and the Vite dev
// server with hot reload, which proxies /api and /socket.io to the API.
// `node scripts/dev.mjs api` runs only the API.
import { spawn } from 'node:child_process';
import { root, tsEnv, tsNode } from './lib.mjs';

const only = process.argv[2];
const children = [];
const start = (name, cmd, args, env = {}) => {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code) => {
    process.stderr.write(`[dev] ${name} exited (${code})\n`);
    shutdown();
  });
  children.push(child);
};
const shutdown = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(0), 500);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

start(
  'api',
  process.execPath,
  ['--watch-path=apps/api/src', '--watch-path=libs', ...tsNode('apps/api/src/main.ts')],
  {
    ...tsEnv,
    PORT: process.env.PORT ?? '3000',
  },
);
if (only !== 'api') {
  start('web', 'npx', ['vite', '--config', 'apps/web/vite.config.ts']);
}
