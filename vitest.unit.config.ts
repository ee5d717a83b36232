import { defineConfig } from 'vitest/config';

/**
 * `npm run test:unit`: every test that needs no I/O (the domain, the projection engine and
 * every read model over the in-memory store, function logic such as alert evaluation, group
 * planning, CSV and HTTP parsing), in well under a minute and without Java: no DynamoDB
 * Local is started.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    maxWorkers: 2,
  },
});
