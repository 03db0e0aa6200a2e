import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      // Next.js resolves `server-only` to an empty module on the server; so do the tests.
      'server-only': path.join(root, 'test/support/server-only.ts'),
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', '.data/**'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/database.ts'],
    pool: 'forks',
    // CI also writes JSON, which .ci/summary.mjs turns into one "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci-results/vitest.json' }]] : ['default'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
