// `npm run api-client`: generates libs/api-client/src/schema.d.ts from openapi.json (openapi-typescript),
// with file bodies (`format: binary`) typed as the browser's `Blob`, so uploads need no cast.
// `--stdout` prints it instead: the unit test compares that with the committed file.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '../libs/api-client');
const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'));
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());

const document = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'));
const ast = await openapiTS(document, {
  transform(schema) {
    if (schema.format !== 'binary') return undefined;
    return schema.nullable ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
  },
});
const output = COMMENT_HEADER + astToString(ast);

if (process.argv.includes('--stdout')) process.stdout.write(output);
else writeFileSync(join(root, 'src/schema.d.ts'), output);
