import { defineConfig } from 'vitest/config';

/**
 * `npm run test:browser`: the dashboard in Debian's headless Chromium. Its own run (CI calls it
 * after the reliability suite): Chromium's CPU beside the DynamoDB-heavy end-to-end files
 * overloaded DynamoDB Local on a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
