/** @type {import('jest').Config} */
const config = {
  testEnvironment: 'node',
  // Lexical's plain-Node entry points use top-level await that Node 20 sometimes leaves unsettled;
  // the "production" condition resolves them to their built files directly.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', 'production'] },
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } }, module: { type: 'es6' } },
    ],
  },
  moduleNameMapper: { '^@payload-config$': '<rootDir>/src/payload.config.ts' },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  testTimeout: 120_000,
  // One file at a time for a run of chosen files: most files start the product and some drive
  // Chromium, and a second file at once starves the browser flows of the time their steps need.
  // `npm test` with no arguments runs the other files on a worker per core first, then the browser
  // flows alone (scripts/lib/testPlan.mjs).
  maxWorkers: 1,
  verbose: true,
}

export default config
