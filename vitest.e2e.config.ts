import { defineConfig } from 'vitest/config';

/** Browser journeys (npm run test:e2e): one real server for the run, Chromium via playwright-core. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
