import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const webSrc = join(import.meta.dirname, 'apps/web/src');
const webFeatures = readdirSync(join(webSrc, 'features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default [
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '.data/**',
      '.nx/**',
      'coverage/**',
      'apps/api/src/database/migrations/*-*.ts',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    rules: {
      // Who may import whom: both apps use only shared libs, and shared libs only each other.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      // The API logs through its logger, which masks personal data; console output bypasses it.
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/privacy/**/*.ts', 'libs/rich-text/**/*.ts', 'libs/ticketing/**/*.ts'],
    rules: {
      // Domain libs stay framework-free, so both apps can use them and they test in isolation.
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'typeorm', 'react', 'fastify'] }],
    },
  },
  {
    // One way to reach the database: SQL runs in a feature's `*.repository.ts`; services open
    // transactions through `Transactions` and pass the opaque `Tx` on.
    files: ['apps/api/src/**/*.ts'],
    ignores: [
      'apps/api/src/**/*.repository.ts',
      'apps/api/src/**/*.entity.ts',
      'apps/api/src/database/**',
      'apps/api/src/**/*.spec.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['DataSource', 'EntityManager', 'QueryRunner', 'Repository'],
              message: 'Reach the database through a *.repository.ts (and Transactions/Tx for transactions).',
            },
            { name: 'pg', message: 'Reach the database through a *.repository.ts.' },
            {
              name: '@nestjs/typeorm',
              message: 'Reach the database through a *.repository.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // No import cycles: a module's dependencies point one way.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Web features meet through their public entry point, `features/<name>/index.ts`: a page may use
    // another feature's components, hooks and styles only as that feature exports them, so a feature
    // can reorganise its insides freely. `ui/` and `lib/` are shared by every feature and know none.
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: webSrc,
          zones: [
            ...webFeatures.map((name) => ({
              target: [`features/!(${name})/**/*`, 'app/**/*'],
              from: `features/${name}`,
              except: ['./index.ts'],
              message: `Import the ${name} feature through its entry point, features/${name}/index.ts.`,
            })),
            {
              target: ['ui/**/*', 'lib/**/*'],
              from: 'features',
              message: 'ui/ and lib/ are shared by all features and depend on none.',
            },
          ],
        },
      ],
      // No cycles in the web app, index files included.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.ts', '**/*.spec.ts', 'jest.config.*'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error, and a switch over a union must
    // handle every member (a default branch counts) so a new status cannot slip through.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['apps/api/tsconfig.spec.json', 'apps/web/tsconfig.json', 'libs/*/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  prettier,
];
