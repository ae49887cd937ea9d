// One Jest run, four tiers. `npm test` (scripts/test.mjs) runs them all.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@hushdesk/api-client$': '<rootDir>/libs/api-client/src/index.ts',
    '^@hushdesk/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@hushdesk/privacy$': '<rootDir>/libs/privacy/src/index.ts',
    '^@hushdesk/rich-text$': '<rootDir>/libs/rich-text/src/index.ts',
    '^@hushdesk/ticketing$': '<rootDir>/libs/ticketing/src/index.ts',
  },
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  // On two cores Jest would run every file inside its own process, where what each file leaves behind
  // (Nest apps, SDK clients, the module registry) adds up to an out-of-memory crash. With a limit it
  // runs them in a worker and starts a fresh one whenever a file leaves it above 1 GB.
  workerIdleMemoryLimit: '1GB',
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.cjs',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'api',
      testMatch: ['<rootDir>/test/api/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: [
        '<rootDir>/test/support/api-tier.ts',
        '<rootDir>/test/support/one-query-per-connection.ts',
      ],
    },
    {
      ...shared,
      displayName: 'medium',
      testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
      setupFilesAfterEnv: [
        '<rootDir>/test/support/medium-tier.ts',
        '<rootDir>/test/support/one-query-per-connection.ts',
      ],
    },
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/browser-tier.ts'],
    },
  ],
};
