// npm run migration:run | migration:generate -- <Name> | migration:check
// Uses DATABASE_URL when set; otherwise the embedded PostgreSQL under .data/ (like `npm start`).
import { createRequire } from 'node:module';
import pg from 'pg';
import { root, run, tsEnv, tsNode } from './lib.mjs';

const [command, name] = process.argv.slice(2);
const cli = 'node_modules/typeorm/cli.js';
const dataSource = 'apps/api/src/database/data-source.ts';
const typeorm = (args, env) =>
  run('node', tsNode(cli, ['-d', dataSource, ...args]), { env: { ...tsEnv, ...env } });

async function withServer(fn) {
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) return fn(url);
  // The TypeScript source is loaded through SWC's require hook, as `node -r @swc-node/register` does.
  Object.assign(process.env, tsEnv);
  const require = createRequire(import.meta.url);
  require('@swc-node/register');
  const { startEmbeddedPostgres } = require(`${root}/apps/api/src/database/embedded-postgres.ts`);
  const db = await startEmbeddedPostgres({ dir: `${root}/.data/pg` });
  try {
    return await fn(db.url);
  } finally {
    await db.stop();
  }
}

async function scratchDatabase(url, fn) {
  const name = `hushdesk_migcheck_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const u = new URL(url);
    u.pathname = `/${name}`;
    await fn(u.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

switch (command) {
  case 'run':
    await withServer((url) => typeorm(['migration:run'], { DATABASE_URL: url }));
    break;
  case 'generate':
    if (!name) throw new Error('usage: npm run migration:generate -- <Name>');
    // Generate against a scratch database with every existing migration applied.
    await withServer((url) =>
      scratchDatabase(url, async (scratch) => {
        await typeorm(['migration:run'], { DATABASE_URL: scratch });
        await typeorm(['migration:generate', '--pretty', `apps/api/src/database/migrations/${name}`], {
          DATABASE_URL: scratch,
        });
      }),
    );
    break;
  case 'check':
    // Fails when the entities describe a schema the migrations do not create.
    await withServer((url) =>
      scratchDatabase(url, async (scratch) => {
        await typeorm(['migration:run'], { DATABASE_URL: scratch });
        await typeorm(['migration:generate', '--check', 'apps/api/src/database/migrations/Pending'], {
          DATABASE_URL: scratch,
        });
      }),
    );
    process.stdout.write('migration:check: the migrations match the entities.\n');
    break;
  default:
    throw new Error('usage: node scripts/migration.mjs run|generate <Name>|check');
}
