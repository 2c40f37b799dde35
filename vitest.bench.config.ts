// The batch benchmark (bench/batch.test.ts): long-running measurements, run by `npm run bench`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['bench/**/*.test.ts'], testTimeout: 4 * 3600_000 },
});
