import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here: native addons (onnxruntime, hnswlib) and the fake Discord servers are heavy; keep files few at once.
    maxWorkers: 2,
    pool: 'forks',
    // Tests never reach for a model hub: a test that needs the network builds its own stand-in on 127.0.0.1.
    env: { OFFLINE: '1', DISCORD_TOKEN: '' },
  },
});
