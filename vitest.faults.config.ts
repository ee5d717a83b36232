import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the projector's 100 in-memory fault-injection schedules (pure CPU, no
 * I/O; about 7 minutes on one worker here, 13 beside the soak on a slow day with 10,000 events
 * a schedule, hence 8,000). CI runs them beside the 10-minute soak on one
 * worker, leaving the soak a core: with two workers CI's soak met 461 503s and its backend's RSS
 * doubled after minute 5 (with one, tried: flat within 6%, no 503).
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 1_800_000,
  },
});
