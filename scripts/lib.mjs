// Helpers shared by the workspace scripts (start, dev, test, migration). Plain Node, no build step.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const require = createRequire(import.meta.url);

/** Runs a command in the repo root with inherited stdio; resolves on exit code 0. */
export function run(cmd, args, opts = {}) {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: 'inherit',
      ...opts,
      env: { ...process.env, ...opts.env },
    });
    child.on('error', rej);
    child.on('exit', (code, signal) =>
      code === 0 ? res() : rej(new Error(`${cmd} ${args.join(' ')} exited with ${signal ?? code}`)),
    );
  });
}

/**
 * How the built API is started, by `npm start`, the benchmarks and (spelled out again) the Dockerfile:
 * V8's old space capped at API_HEAP_MB (256), so the API's memory stays near 200 MB instead of
 * growing with the request rate on a machine with memory to spare. DSAR packages are streamed to
 * disk, so nothing the API does needs a bigger heap.
 */
export const apiNodeArgs = (env = process.env) => [
  '--enable-source-maps',
  `--max-old-space-size=${Number(env.API_HEAP_MB) > 0 ? Number(env.API_HEAP_MB) : 256}`,
  'dist/apps/api/apps/api/src/main.js',
];

/** Node with TypeScript sources registered (SWC: fast, keeps decorator metadata and path aliases). */
export const tsNode = (script, args = []) => [
  '--enable-source-maps',
  '-r',
  '@swc-node/register',
  script,
  ...args,
];
export const tsEnv = { SWC_NODE_PROJECT: resolve(root, 'apps/api/tsconfig.spec.json') };
