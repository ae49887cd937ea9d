import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { createApp } from '../../apps/api/src/app/create-app';
import { buildAppConfig } from '../../apps/api/src/config/app-config';
import { validateEnvironment } from '../../apps/api/src/config/environment';

type App = Awaited<ReturnType<typeof createApp>>;

const server =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The API in this process, listening on a free port, on a scratch database and data directory of
 * its own (migrated at start, no jobs, no demo, no rate limit). `close` stops it and drops both.
 */
export async function scratchApp(
  label: string,
): Promise<{ app: App; url: string; baseUrl: string; close: () => Promise<void> }> {
  const name = `hushdesk_bench_${label}_${process.pid}`;
  const dataDir = `/tmp/hushdesk-bench-${label}-${process.pid}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const drop = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  try {
    const vars = validateEnvironment({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      IDENTIFIER_HMAC_KEY: 'bench-key-bench-key-bench-key-bench-key-0123',
      JOBS_ENABLED: '0',
      HUSHDESK_DEMO: '0',
      RATE_LIMIT_PER_MINUTE: '10000000',
      DATA_DIR: dataDir,
    });
    const app = await createApp(buildAppConfig(vars, url.toString(), { embedded: false }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return {
      app,
      url: url.toString(),
      baseUrl,
      close: async () => {
        try {
          await app.close();
        } finally {
          await drop();
        }
      },
    };
  } catch (e) {
    await drop();
    throw e;
  }
}
