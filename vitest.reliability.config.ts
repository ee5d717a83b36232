import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability`: the faults we survive (outages, restarts, contention, crashes
 * of the projector and the rebuild's workers against DynamoDB Local), the write efficiency
 * of the projector, and the figures they print; too slow for `npm test`, run by CI.
 */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
