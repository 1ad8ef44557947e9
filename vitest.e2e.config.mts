import { defineConfig } from 'vitest/config';

// Real-browser and real-editor tests: slow, one at a time, after the unit suites (`npm test`).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
