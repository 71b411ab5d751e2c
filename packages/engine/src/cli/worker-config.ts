import { createLogger } from '../logger';
import type { WorkerRuntimeConfig } from '../runtime/worker-runtime';
import type { CliEnv } from './env';

/** Maps the environment to a worker runtime configuration (shared by `switchyard worker` and apps/worker). */
export function workerConfigFromEnv(env: CliEnv): WorkerRuntimeConfig {
  return {
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    smtpUrl: env.SMTP_URL,
    logger: createLogger({ level: env.LOG_LEVEL, name: 'switchyard-worker' }),
    orchestratorConcurrency: env.WORKER_ORCHESTRATOR_CONCURRENCY,
    taskConcurrency: env.WORKER_TASK_CONCURRENCY,
    leaseMs: env.TASK_LEASE_MS,
    backoff: { baseMs: env.TASK_BACKOFF_BASE_MS, maxMs: 5 * 60_000 },
    sweepIntervalMs: env.SWEEP_INTERVAL_MS,
    sweepGraceMs: env.SWEEP_GRACE_MS,
  };
}
