import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const document = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8')) as OpenApiDocument;

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
  >;
}

describe('the generated API client types', () => {
  it('match openapi.json', () => {
    // openapi-typescript is ESM (Jest cannot load it): its Node API runs in a child process, making
    // the same call as the CLI behind `npm run api-client`.
    const script = `
      import { readFileSync } from 'node:fs';
      import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
      const doc = JSON.parse(readFileSync(process.argv[1], 'utf8'));
      process.stdout.write(COMMENT_HEADER + astToString(await openapiTS(doc)));
    `;
    const expected = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', script, join(root, 'openapi.json')],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const actual = readFileSync(join(root, 'src/schema.d.ts'), 'utf8');
    if (actual !== expected) {
      throw new Error(
        'libs/api-client/src/schema.d.ts is out of date with openapi.json: run `npm run api-client`.',
      );
    }
  }, 30_000);

  it('fill only what the document does not describe yet', () => {
    const source = readFileSync(join(root, 'src/document-gaps.ts'), 'utf8');
    const block = /export interface UndescribedResponses \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
    const routes = [...block.matchAll(/^\s+'(get|post|put|patch|delete) (\/api\/[^']+)'/gm)].map((m) => ({
      method: m[1] as string,
      path: m[2] as string,
    }));
    expect(routes.length).toBeGreaterThan(0);
    const described = routes.filter(({ method, path }) => {
      const responses = document.paths[path]?.[method]?.responses ?? {};
      return Object.entries(responses).some(
        ([status, answer]) => status.startsWith('2') && answer.content?.['application/json'] !== undefined,
      );
    });
    if (described.length > 0) {
      throw new Error(
        'openapi.json now describes these answers; delete them from UndescribedResponses in ' +
          `libs/api-client/src/document-gaps.ts: ${described.map((r) => `${r.method} ${r.path}`).join(', ')}`,
      );
    }
  });
});
