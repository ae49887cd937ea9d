import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serialiseOpenApiDocument } from '../../apps/api/src/app/openapi-document';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The committed OpenAPI document (libs/api-client/openapi.json) is the wire contract the web client
 * is generated from: it must be exactly the one the code declares, as the booted app serves it.
 */
const COMMITTED = resolve(__dirname, '../../libs/api-client/openapi.json');

describe('the OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('is committed as the code declares it', async () => {
    const served = (await t.http().get('/api/docs-json').expect(200)).body;
    const produced = serialiseOpenApiDocument(served);
    const committed = readFileSync(COMMITTED, 'utf8');
    if (produced !== committed) {
      const a = committed.split('\n');
      const b = produced.split('\n');
      const line = a.findIndex((text, i) => text !== b[i]);
      throw new Error(
        `libs/api-client/openapi.json is out of date: run \`npm run openapi\` and commit the result.\n` +
          `First difference at line ${line + 1}:\n  committed: ${a[line]}\n  produced:  ${b[line]}`,
      );
    }
  });
});
