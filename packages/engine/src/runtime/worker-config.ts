import type { AiConfig } from '../ai/config';
import { createLogger } from '../logger';
import type { EngineEnv } from '../config/env';
import type { WorkerRuntimeConfig } from './worker-runtime';

/** The AI providers the environment configures; an unset AI_OPENAI_BASE_URL / AI_ANTHROPIC_API_KEY leaves that one out. */
export function aiConfigFromEnv(env: EngineEnv): AiConfig {
  return {
    ...(env.AI_OPENAI_BASE_URL
      ? {
          openaiCompatible: {
            baseUrl: env.AI_OPENAI_BASE_URL,
            apiKey: env.AI_OPENAI_API_KEY,
            defaultModel: env.AI_OPENAI_MODEL,
            structuredOutputs: env.AI_OPENAI_STRUCTURED_OUTPUTS,
          },
        }
      : {}),
    ...(env.AI_ANTHROPIC_API_KEY
      ? {
          anthropic: {
            apiKey: env.AI_ANTHROPIC_API_KEY,
            baseUrl: env.AI_ANTHROPIC_BASE_URL,
            defaultModel: env.AI_ANTHROPIC_MODEL,
          },
        }
      : {}),
    defaultProvider: env.AI_DEFAULT_PROVIDER,
    timeoutMs: env.AI_TIMEOUT_MS,
  };
}

/** Maps the environment to a worker runtime configuration (shared by `switchyard worker` and apps/worker). */
export function workerConfigFromEnv(env: EngineEnv): WorkerRuntimeConfig {
  return {
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    redisClusterNodes: env.REDIS_CLUSTER_NODES,
    queuePrefix: env.QUEUE_PREFIX,
    smtpUrl: env.SMTP_URL,
    emailFrom: env.EMAIL_FROM,
    egress: {
      allow: env.EGRESS_ALLOW,
      maxResponseBytes: env.EGRESS_MAX_RESPONSE_BYTES,
      maxRedirects: env.EGRESS_MAX_REDIRECTS,
    },
    ai: aiConfigFromEnv(env),
    logger: createLogger({ level: env.LOG_LEVEL, name: 'switchyard-worker' }),
    orchestratorConcurrency: env.WORKER_ORCHESTRATOR_CONCURRENCY,
    taskConcurrency: env.WORKER_TASK_CONCURRENCY,
    leaseMs: env.TASK_LEASE_MS,
    backoff: { baseMs: env.TASK_BACKOFF_BASE_MS, maxMs: 5 * 60_000 },
    sweepIntervalMs: env.SWEEP_INTERVAL_MS,
    sweepGraceMs: env.SWEEP_GRACE_MS,
    tenantCaps: { task: env.TENANT_TASK_CONCURRENCY, orchestrator: env.TENANT_ORCHESTRATOR_CONCURRENCY },
    guards: {
      transitionsPerMinute: env.INSTANCE_MAX_TRANSITIONS_PER_MINUTE,
      transitions: env.INSTANCE_MAX_TRANSITIONS,
      tasks: env.INSTANCE_MAX_TASKS,
      contextBytes: env.INSTANCE_MAX_CONTEXT_BYTES,
    },
    maxEventFailures: env.EVENT_MAX_FAILURES,
    ...(env.METRICS_PORT !== undefined ? { metrics: { host: env.METRICS_HOST, port: env.METRICS_PORT } } : {}),
    outbound: {
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      backoff: { baseMs: env.WEBHOOK_BACKOFF_BASE_MS, maxMs: 60 * 60_000 },
      perTenant: env.WEBHOOK_TENANT_CONCURRENCY,
    },
    alertIntervalMs: env.ALERT_INTERVAL_MS,
    retention: {
      policy: { deliveredDays: env.RETENTION_DELIVERED_DAYS, failedDays: env.RETENTION_FAILED_DAYS },
      intervalMs: env.RETENTION_INTERVAL_MS,
    },
    batchSize: env.ORCHESTRATOR_BATCH_SIZE,
    secretsKey: env.SECRETS_KEY,
    secretsKeyPrevious: env.SECRETS_KEY_PREVIOUS,
  };
}
