import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Fails any test whose messages, views or acks break Slack's Block Kit limits (test/support/block-kit.ts).
    setupFiles: ['test/support/block-kit-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration and e2e tests start servers and mostly wait on Postgres, Redis, timers and pacing (the suite uses
    // about 1.3 of the 2 cores), so three files run at a time.
    maxWorkers: 3,
  },
});
