import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the projector's 100 in-memory fault-injection schedules (pure CPU, no
 * I/O). CI runs them on one worker beside the soak, so that the soak keeps a core
 * (docs/testing.md says why and how long they take).
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
