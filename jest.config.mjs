/** @type {import('jest').Config} */
const config = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } }, module: { type: 'es6' } },
    ],
  },
  moduleNameMapper: { '^@payload-config$': '<rootDir>/src/payload.config.ts' },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testTimeout: 120_000,
  maxWorkers: 2,
  verbose: true,
}

export default config
