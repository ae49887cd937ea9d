import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

describe('the generated API client types', () => {
  it('match openapi.json', () => {
    // openapi-typescript is ESM (Jest cannot load it): the generator behind `npm run api-client`
    // runs in a child process and prints what it would write.
    const expected = execFileSync(
      process.execPath,
      [join(root, '../../scripts/api-client.mjs'), '--stdout'],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const actual = readFileSync(join(root, 'src/schema.d.ts'), 'utf8');
    if (actual !== expected) {
      throw new Error(
        'libs/api-client/src/schema.d.ts is out of date with openapi.json: run `npm run api-client`.',
      );
    }
  }, 30_000);
});
