// `npm run calls:import -- calls.csv`: imports a phone system's call log, with a progress bar.
// Uses DATABASE_URL, or the embedded database in DATA_DIR (stop `npm start` first).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../apps/api/src/app/app.module';
import { buildAppConfig } from '../apps/api/src/config/app-config';
import { validateEnvironment } from '../apps/api/src/config/environment';
import { startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres';
import { SchemaMigrator } from '../apps/api/src/database/schema-migrator';
import { CallLogImport } from '../apps/api/src/recordings/call-log-import.service';

function bar(done: number, total: number): void {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} rows`);
}

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run calls:import -- <file.csv>');
  const csv = readFileSync(resolve(file), 'utf8');
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
    const report = await app.get(CallLogImport).run(null, csv, bar);
    process.stderr.write('\n');
    process.stdout.write(
      `${report.imported} imported, ${report.duplicates} already imported, ${report.failed.length} failed of ${report.rows} rows\n`,
    );
    for (const f of report.failed) process.stdout.write(`  line ${f.line}: ${f.field} ${f.message}\n`);
    await app.close();
    process.exitCode = report.failed.length ? 2 : 0;
  } finally {
    await embedded?.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
