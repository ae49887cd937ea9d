// The middle tier: the API's services and repositories against a real PostgreSQL, below HTTP (no
// Fastify, guards, pipes or sockets). Each file gets its own clone of the migrated template.
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { AppModule } from '../../apps/api/src/app/app.module';
import { buildAppConfig } from '../../apps/api/src/config/app-config';
import { validateEnvironment } from '../../apps/api/src/config/environment';
import { cloneTemplate, LogCapture, testRun } from './test-app';

export interface ServiceContext {
  /** Resolve any provider: `ctx.get(DsarSubjectService)`. */
  ctx: INestApplicationContext;
  /** This file's own database, for arranging rows and asserting on them. */
  db: Pool;
  logs: LogCapture;
  close(): Promise<void>;
}

export async function startServiceContext(env: Record<string, string> = {}): Promise<ServiceContext> {
  const databaseUrl = await cloneTemplate(testRun());
  const vars = validateEnvironment({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
    IDENTIFIER_HMAC_KEY: 'test-identifier-key-that-is-long-enough-012345',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'hushdesk-medium-')),
    HUSHDESK_DEMO: '0',
    HUSHDESK_DEMO_DATA: '0',
    JOBS_ENABLED: '0',
    ...env,
  });
  const config = buildAppConfig(vars, databaseUrl, { embedded: false });
  const logs = new LogCapture();
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(config, logs), { logger: false });
  await ctx.init();
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  return {
    ctx,
    db,
    logs,
    close: async () => {
      await db.end();
      await ctx.close();
    },
  };
}
