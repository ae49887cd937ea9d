// The progress bars of the seed's tables: the API's own (apps/api/src/cli/progress-board.ts, which
// `blobs:migrate` uses too, in the built image), loaded from its TypeScript source.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { root } from '../lib.mjs';

process.env.SWC_NODE_PROJECT ??= resolve(root, 'apps/api/tsconfig.spec.json');
const require = createRequire(import.meta.url);
require('@swc-node/register');

export const { ProgressBoard } = require('../../apps/api/src/cli/progress-board.ts');
