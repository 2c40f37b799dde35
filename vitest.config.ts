// Vitest configuration: tests live in test/, run in Node.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    testTimeout: 60_000,
    // A shared 2-core machine can take more than the default 10 s to compile a report in a beforeAll.
    hookTimeout: 60_000,
  },
});
