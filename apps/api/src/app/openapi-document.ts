import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from '@hushdesk/contracts';

/**
 * The OpenAPI document of the app: the wire contract. Committed as `libs/api-client/openapi.json`
 * (`npm run openapi`), served at /api/docs-json where docs are on, and checked in CI against the
 * code. Served in declaration order (the fuzzers walk the routes, and seed each, in that order).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hushdesk API')
      .setDescription('A helpdesk for IT and telecoms service companies, with privacy built in.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .addCookieAuth(SESSION_COOKIE)
      .build(),
  );
  addUnavailable(document);
  return document;
}

/**
 * Every route reaches PostgreSQL (the session lookup alone does), so every route can answer 503 while
 * it is down (`exception.filter.ts` maps a lost connection to 503): documented once, here.
 */
function addUnavailable(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation || operation.responses['503']) continue;
      operation.responses['503'] = {
        description: 'The database is unavailable; try again shortly',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorBodyDto' } } },
      };
    }
  }
}

/**
 * The committed form of the document: keys sorted, so the file changes only when the contract
 * does, as two-space JSON with a final newline.
 */
export function serialiseOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}
