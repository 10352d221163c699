// One runner for unit, integration and end-to-end tests; `npm test` runs them all (scripts/test.sh): first the
// `default` project in parallel, then the `heavy` one (browsers, attackers, fault injection, fuzzing) in band.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: { '^@hearth/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  setupFiles: ['reflect-metadata'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  // A worker that holds more than this after a suite is replaced before the next: workers keep what each suite's
  // module registry leaked, and with 250+ suites one ran out of heap in CI (2026-12-04).
  workerIdleMemoryLimit: '1GB',
  // This run's test databases are dropped together at its end, not one per file (scripts/jest).
  globalSetup: '<rootDir>/scripts/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/scripts/jest/global-teardown.mjs',
  projects: [
    {
      ...shared,
      displayName: 'default',
      testRegex: '(apps|libs|bench|tools)/.*\\.(spec|int-spec|e2e-spec|smoke-spec)\\.ts$',
    },
    {
      ...shared,
      displayName: 'heavy',
      // Each heavy suite states its own budget in its file; they run one at a time after the rest.
      testRegex: '(apps|libs|bench|tools)/.*\\.(browser-spec|heavy-spec)\\.ts$',
    },
  ],
};
