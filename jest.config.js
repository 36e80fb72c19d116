/** Unit specs sit next to the code; e2e specs need the real nx, Docker and Go. */
const tsJest = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
module.exports = {
  reporters: ['default', '<rootDir>/scripts/jest-summary.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: tsJest,
      testMatch: ['<rootDir>/{plugin,executors,generators}/**/*.spec.ts', '<rootDir>/e2e/support/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform: tsJest,
      testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
      globalSetup: '<rootDir>/e2e/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/e2e/support/timeout.ts'],
    },
  ],
};
