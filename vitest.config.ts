import { defineConfig } from 'vitest/config';

// Two layers run by `pnpm test`: pure unit tests (no I/O) and integration tests against the real
// Postgres and Redis on this machine (a fresh database per test file, a unique BullMQ prefix per test).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['packages/*/test/unit/**/*.test.ts', 'apps/*/test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: [
            'packages/*/test/integration/**/*.test.ts',
            'apps/*/test/integration/**/*.test.ts',
            // The examples are programs outside the engine; each test runs one end to end on the real stack.
            'examples/*/test/**/*.test.ts',
          ],
          globalSetup: ['packages/engine/test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
    ],
  },
});
