import { defineConfig } from 'vitest/config';

/** Browser journeys (npm run test:e2e): one real server for the run, Chromium via playwright-core. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    // generous: a loaded 2-core CI machine can make one journey take minutes; a real failure still fails
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
