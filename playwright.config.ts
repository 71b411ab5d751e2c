import { defineConfig } from '@playwright/test';

// End-to-end: the real web app (next build + next start) and a real worker, on a dedicated database
// and queue prefix so a run never touches the dev stack.
// SWITCHYARD_TEST_NS, E2E_PORT and E2E_MODEL_PORT let two checkouts run the browser tests side by side.
const NS = process.env.SWITCHYARD_TEST_NS ? `_${process.env.SWITCHYARD_TEST_NS}` : '';
const PORT = Number(process.env.E2E_PORT ?? 3100);
const MODEL_PORT = Number(process.env.E2E_MODEL_PORT ?? 3199);
export const e2eEnv = {
  // The console and the worker connect as the least-privilege app role; `migrate` runs as the owner and grants it.
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? `postgresql://switchyard_app@127.0.0.1:5432/switchyard_e2e${NS}`,
  MIGRATE_DATABASE_URL:
    process.env.E2E_MIGRATE_DATABASE_URL ?? `postgresql://postgres@127.0.0.1:5432/switchyard_e2e${NS}`,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: `sy-e2e${NS}`,
  // `next start` runs with NODE_ENV=production, which refuses the development key; the worker shares this one.
  SECRETS_KEY: 'ZTJlLW9ubHktc2VjcmV0cy1rZXktMzItYnl0ZXMtISE=',
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
};

export default defineConfig({
  testDir: './e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
  projects: [
    // Signs in once as the seeded demo admin and keeps the session cookie for the console tests.
    { name: 'sign-in', testMatch: /auth\.setup\.ts/ },
    {
      name: 'console',
      testIgnore: /(auth\.setup|access\.spec)\.ts/,
      dependencies: ['sign-in'],
      use: { storageState: 'e2e/.auth/admin.json' },
    },
    // Starts signed out: sign-in, roles and tenant switching are what it tests.
    { name: 'access', testMatch: /access\.spec\.ts/, dependencies: ['console'] },
  ],
  webServer: [
    {
      // Started first and awaited: migrates + seeds the e2e database, then builds and serves the console.
      command:
        'pnpm switchyard migrate && pnpm switchyard seed && pnpm --filter @switchyard/web build && pnpm --filter @switchyard/web start',
      url: `http://127.0.0.1:${PORT}/api/trpc/definitions.list`,
      // `next start` runs with NODE_ENV=production, which refuses development defaults: give it real-looking ones.
      env: {
        ...e2eEnv,
        PORT: String(PORT),
        HOST: '127.0.0.1',
        AUTH_URL: `http://127.0.0.1:${PORT}`,
        AUTH_SECRET: 'e2e-Zq7Rk2Wm9Xv4Lp8Nt3Bc6Hy1Jd5Fg0Sa',
      },
      // next build alone takes 4+ minutes when several checkouts build at once on two cores.
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // A scripted OpenAI-compatible model for AI_DECISION tasks (refunds up to 500 approved); the worker calls it.
      command: `node --import tsx e2e/support/fake-model-server.ts ${MODEL_PORT}`,
      url: `http://127.0.0.1:${MODEL_PORT}/health`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // Started once the database exists (webServer entries start in order).
      command: 'pnpm switchyard worker',
      env: {
        ...e2eEnv,
        LOG_LEVEL: 'info',
        TASK_BACKOFF_BASE_MS: '200',
        WEBHOOK_BACKOFF_BASE_MS: '200',
        ALERT_INTERVAL_MS: '1000',
        SWEEP_INTERVAL_MS: '500',
        // The specs call local servers (e2e/support.ts flakyServer); the egress policy refuses loopback unless allowlisted.
        EGRESS_ALLOW: '127.0.0.1',
        // Tight enough that e2e/limits.spec.ts's loop trips in seconds; far above what the other specs do.
        INSTANCE_MAX_TRANSITIONS_PER_MINUTE: '50',
        AI_OPENAI_BASE_URL: `http://127.0.0.1:${MODEL_PORT}/v1`,
        AI_OPENAI_MODEL: 'scripted',
        AI_OPENAI_API_KEY: 'e2e-key',
        AI_TIMEOUT_MS: '10000',
      },
      wait: { stdout: /worker started/ },
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
