import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the projector's 100 in-memory fault-injection schedules (pure CPU, no
 * I/O). CI runs them beside the 10-minute soak, which leaves most of the two cores idle (tried: the soak still
 * answered every request, with no 503).
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 900_000,
  },
});
