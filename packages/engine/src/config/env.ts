import { z } from 'zod';
import { aiProviderNames } from '../contracts/decision-record';
import { parseOperatorAllowlist } from '../egress/operator-allowlist';
import { refuseMissingSecretsKeyInProduction } from '../secrets/env-check';
import { inputLimitsEnvShape } from '../limits/input-limits';
import { redisClusterNodesEnv } from '../queues/cluster-env';

// `AI_OPENAI_API_KEY=` in an .env file means "not set" (Ollama needs no key), not "an empty key".
const unsetWhenBlank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const envSchema = z
  .object({
    /** The least-privilege app role (created and granted by `migrate`); never the tables' owner. */
    DATABASE_URL: z.string().url().default('postgresql://switchyard_app@127.0.0.1:5432/switchyard'),
    /** The owner of the tables, used only by `migrate`; defaults to DATABASE_URL's database as user postgres. */
    MIGRATE_DATABASE_URL: unsetWhenBlank(z.string().url()),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    /** `host:port,host:port` of Redis Cluster masters: the queues live on the cluster (REDIS_URL gives credentials). */
    REDIS_CLUSTER_NODES: redisClusterNodesEnv,
    QUEUE_PREFIX: z.string().min(1).optional(),
    SMTP_URL: z.string().min(1).optional(),
    /** The sender of EMAIL tasks for tenants that configured none. */
    EMAIL_FROM: unsetWhenBlank(z.string().min(3)),
    /** Non-public addresses HTTP tasks may reach: `127.0.0.1:4010,10.0.0.0/8,hooks.internal`. Empty: none. */
    EGRESS_ALLOW: z
      .string()
      .default('')
      .transform((value, ctx) => {
        try {
          return parseOperatorAllowlist(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    EGRESS_MAX_RESPONSE_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(1024 * 1024),
    EGRESS_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
    /** An API token for the CLI: it then acts in the token's tenant with the token's role. */
    SWITCHYARD_TOKEN: z.string().min(1).optional(),
    USER: z.string().min(1).default('cli'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Serve Prometheus metrics on this port (0: any free one); unset: off. */
    METRICS_PORT: unsetWhenBlank(z.coerce.number().int().min(0).max(65_535)),
    /** Where /metrics listens: loopback unless the operator opens it (e.g. 0.0.0.0 for a scraper on another host). */
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    WORKER_ORCHESTRATOR_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    WORKER_TASK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    TASK_LEASE_MS: z.coerce.number().int().min(300).default(30_000),
    TASK_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(1_000),
    SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(2_000),
    SWEEP_GRACE_MS: z.coerce.number().int().min(0).default(5_000),
    // Limits and isolation: per-tenant slot caps, per-instance runaway guards, poison event deliveries.
    TENANT_TASK_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(4),
    TENANT_ORCHESTRATOR_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(6),
    INSTANCE_MAX_TRANSITIONS_PER_MINUTE: z.coerce.number().int().min(1).default(1_200),
    INSTANCE_MAX_TRANSITIONS: z.coerce.number().int().min(1).default(50_000),
    INSTANCE_MAX_TASKS: z.coerce.number().int().min(1).default(1_000),
    INSTANCE_MAX_CONTEXT_BYTES: z.coerce.number().int().min(1_024).default(1_048_576),
    EVENT_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(5_000),
    WEBHOOK_TENANT_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(4),
    ALERT_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
    // Retention of operational rows (webhook deliveries, ended sessions and invitations): see store/retention.ts.
    RETENTION_DELIVERED_DAYS: z.coerce.number().min(0.001).default(7),
    RETENTION_FAILED_DAYS: z.coerce.number().min(0.001).default(30),
    RETENTION_INTERVAL_MS: z.coerce.number().int().min(100).default(600_000),
    ORCHESTRATOR_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(64),
    // AI decision providers: any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM) and/or Anthropic.
    AI_OPENAI_BASE_URL: unsetWhenBlank(z.string().url()),
    AI_OPENAI_API_KEY: unsetWhenBlank(z.string().min(1)),
    AI_OPENAI_MODEL: unsetWhenBlank(z.string().min(1)),
    AI_OPENAI_STRUCTURED_OUTPUTS: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    AI_ANTHROPIC_API_KEY: unsetWhenBlank(z.string().min(1)),
    AI_ANTHROPIC_BASE_URL: unsetWhenBlank(z.string().url()),
    AI_ANTHROPIC_MODEL: unsetWhenBlank(z.string().min(1)),
    AI_DEFAULT_PROVIDER: z.enum(aiProviderNames).optional(),
    AI_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
    NODE_ENV: z.string().optional(),
    /** Seals tenant secrets (32 bytes, base64); the worker opens them with it. Required in production. */
    SECRETS_KEY: unsetWhenBlank(z.string()),
    /** The key before a rotation, so secrets sealed with it still open until they are set again. */
    SECRETS_KEY_PREVIOUS: unsetWhenBlank(z.string()),
    // Input limits (LIMIT_SPEC_BYTES, LIMIT_START_INPUT_BYTES, ...): see limits/input-limits.ts.
    ...inputLimitsEnvShape,
  })
  .superRefine(refuseMissingSecretsKeyInProduction);

export type EngineEnv = z.infer<typeof envSchema>;

/** The only place the CLI and the worker read process.env; a bad value stops start-up with its name. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): EngineEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid environment: ${problems}`);
  }
  return parsed.data;
}
