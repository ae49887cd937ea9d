// The middle tier: the API's services and repositories against a real PostgreSQL, below HTTP (no
// Fastify, guards, pipes or sockets). Each file gets its own clone of the migrated template.
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { AppModule } from '../../apps/api/src/app/app.module';
import { buildAppConfig } from '../../apps/api/src/config/app-config';
import { cloneTemplate, LogCapture, testEnvironment, testRun } from './test-app';

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
  const vars = testEnvironment(env);
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
