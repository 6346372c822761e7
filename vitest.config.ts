import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'resources/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default (one core fewer than the machine has) ran one file at a time on our 2-core
    // machines, while most files wait on Docker, Python or a worker process: two at once took the
    // suite from 466 s to 390 s even with the machine busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
