import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The real-editor tests have their own runner (test/e2e/run.mjs), invoked by `npm test` after vitest.
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
  resolve: {
    alias: { vscode: new URL('./test/mocks/vscode.ts', import.meta.url).pathname },
  },
});
