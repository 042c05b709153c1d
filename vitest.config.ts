import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here: native addons (onnxruntime, hnswlib) and the fake Discord servers are heavy; keep files few at once.
    maxWorkers: 2,
    pool: 'forks',
  },
});
