import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration and e2e tests start servers and talk to Postgres and Redis; two cores, so two at a time.
    maxWorkers: 2,
  },
});
