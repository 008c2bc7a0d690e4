import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'subgraphs/**/*.test.ts',
      'gateway/**/*.test.ts',
      'seed/**/*.test.ts',
      'scripts/**/*.test.ts',
      'test/**/*.test.ts',
      'web/src/**/*.test.ts',
    ],
    exclude: ['node_modules/**', 'dist/**'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
