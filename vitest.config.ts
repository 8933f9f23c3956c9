import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // Server-only modules are tested directly in Node: the marker resolves to its empty server build.
      { find: /^server-only$/, replacement: path.join(root, 'node_modules/server-only/empty.js') },
    ],
  },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**'],
    environment: 'node',
    pool: 'forks',
    // Lets memory tests collect garbage before sampling, so they measure what is kept, not GC timing.
    execArgv: ['--expose-gc'],
    testTimeout: 20_000,
  },
});
