// `npm run index:rebuild`: rebuilds the identifier index from all stored text, against
// DATABASE_URL (or the embedded database in DATA_DIR, like `npm start`).
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { buildAppConfig } from '../apps/api/src/config/app-config';
import { validateEnvironment } from '../apps/api/src/config/environment';
import { AppModule } from '../apps/api/src/app/app.module';
import { startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres';
import { SchemaMigrator } from '../apps/api/src/database/schema-migrator';
import { AuditService } from '../apps/api/src/audit/audit.service';
import { IdentifierIndex } from '../apps/api/src/privacy/identifier-index.service';

async function main() {
  const vars = validateEnvironment({ ...process.env, JOBS_ENABLED: '0', LOG_LEVEL: 'warn' });
  const embedded = vars.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dir: resolve(vars.DATA_DIR, 'pg') });
  try {
    const config = buildAppConfig(vars, vars.DATABASE_URL ?? (embedded as { url: string }).url, {
      embedded: !!embedded,
    });
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
      logger: ['error', 'warn'],
    });
    await app.get(SchemaMigrator).migrate();
    const started = Date.now();
    const result = await app.get(IdentifierIndex).rebuild();
    await app.get(AuditService).recordNow({ actor: null, action: 'index.rebuild', details: result });
    process.stdout.write(
      `Identifier index rebuilt: ${result.sources} texts, ${result.entries} entries, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    await app.close();
  } finally {
    await embedded?.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
