// Shared by `npm run bench:seed` and `npm run bench:dsar`: which database, which key, who the subject is,
// and how to load the app's TypeScript (identifier index, keyed hash) in plain Node.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { root } from './lib.mjs';

export const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432';
/** ≥ 32 characters, as the API requires; the seed and the API must use the same one. */
export const DEFAULT_HMAC_KEY = 'hushdesk-bench-identifier-key-not-a-secret-0001';

/** The data subject the DSAR benchmark asks about, planted by the seed. */
export const SUBJECT = {
  fullName: 'Bench Subject',
  email: 'bench.subject@dsar-subject.example',
  phone: '+447911123456',
  organisation: 'DSAR Bench Subject Ltd',
};
export const DPO = { email: 'bench.dpo@hushdesk-bench.example', password: 'bench-dpo-password-123' };

export const say = (s = '') => process.stdout.write(`${s}\n`);

/** `--name value` from argv, or the fallback. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  return v === undefined || v.startsWith('--') ? true : v;
}

export function scaleArg() {
  const scale = Number(arg('scale', '0.1'));
  if (!(scale > 0 && scale <= 10)) throw new Error('--scale must be a number in (0, 10]');
  return scale;
}

export function hmacKey() {
  const key = process.env.IDENTIFIER_HMAC_KEY || DEFAULT_HMAC_KEY;
  if (key.length < 32) throw new Error('IDENTIFIER_HMAC_KEY must be at least 32 characters');
  return key;
}

/**
 * The bench database: BENCH_DATABASE_URL when it names a database (other than `postgres`), else
 * `hushdesk_bench_<scale>` on BENCH_DATABASE_URL's server or 127.0.0.1:5432. The seed drops and
 * recreates it, so its name must contain "bench".
 */
export function benchDatabase(scale) {
  const given = process.env.BENCH_DATABASE_URL;
  const url = new URL(given || DEFAULT_SERVER);
  let name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name || name === 'postgres') name = `hushdesk_bench_${String(scale).replace('.', '_')}`;
  if (!/^[a-z0-9_]+$/.test(name) || !name.includes('bench')) {
    throw new Error(`refusing to use database "${name}": the bench database's name must contain "bench"`);
  }
  url.pathname = `/${name}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return { name, url: url.toString(), adminUrl: admin.toString() };
}

/** Loads the app's TypeScript sources (as the migration CLI does): SWC, with the API's path aliases. */
export function appSources() {
  process.env.SWC_NODE_PROJECT ??= resolve(root, 'apps/api/tsconfig.spec.json');
  const require = createRequire(import.meta.url);
  require('@swc-node/register');
  require('reflect-metadata');
  const privacy = require('../libs/privacy/src/index.ts');
  const { IdentifierIndex } = require('../apps/api/src/privacy/identifier-index.service.ts');
  return { privacy, IdentifierIndex };
}

/**
 * The app's own IdentifierIndex, on a plain pg client: `manager.query` returns rows like TypeORM's.
 * Used to write the planted subject's index entries and to check the bulk ones.
 */
export function identifierIndex(client, key) {
  const { IdentifierIndex, privacy } = appSources();
  const manager = { query: async (sql, params) => (await client.query(sql, params)).rows };
  const index = new IdentifierIndex(manager, { identifierKey: Buffer.from(key, 'utf8') });
  return { index, manager, privacy };
}

export const fmt = (n) => Math.round(n).toLocaleString('en-GB');
export const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
