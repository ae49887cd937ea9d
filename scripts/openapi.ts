// `npm run openapi`: writes the OpenAPI document the code declares to libs/api-client/openapi.json.
// Nest builds the module graph in preview mode (no provider runs), so no database is needed.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from '../apps/api/src/app/app.module';
import { buildOpenApiDocument, serialiseOpenApiDocument } from '../apps/api/src/app/openapi-document';
import { buildAppConfig } from '../apps/api/src/config/app-config';
import { validateEnvironment } from '../apps/api/src/config/environment';

const OPENAPI_FILE = resolve(__dirname, '../libs/api-client/openapi.json');

async function main() {
  // Placeholder secrets: nothing is signed or stored, the config only has to be valid.
  const vars = validateEnvironment({
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    JWT_SECRET: 'openapi-document-only-not-a-secret-0123456789',
    IDENTIFIER_HMAC_KEY: 'openapi-document-only-not-a-secret-0123456789',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'hushdesk-openapi-')),
    JOBS_ENABLED: '0',
  });
  const config = buildAppConfig(vars, 'postgres://unused@127.0.0.1:1/unused', { embedded: false });
  const app = await NestFactory.create(AppModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    abortOnError: false,
    logger: ['error'],
  });
  app.setGlobalPrefix('api');
  const text = serialiseOpenApiDocument(buildOpenApiDocument(app));
  mkdirSync(dirname(OPENAPI_FILE), { recursive: true });
  writeFileSync(OPENAPI_FILE, text);
  const doc = JSON.parse(text) as { paths: Record<string, object> };
  const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
  process.stdout.write(`Wrote ${OPENAPI_FILE}: ${operations} operations\n`);
  await app.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
