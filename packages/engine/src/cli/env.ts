import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/switchyard'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().min(1).optional(),
  SMTP_URL: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_ORCHESTRATOR_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  WORKER_TASK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  TASK_LEASE_MS: z.coerce.number().int().min(300).default(30_000),
  TASK_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(1_000),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(2_000),
  SWEEP_GRACE_MS: z.coerce.number().int().min(0).default(5_000),
});

export type CliEnv = z.infer<typeof envSchema>;

/** The only place the CLI and the worker read process.env; a bad value stops start-up with its name. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): CliEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid environment: ${problems}`);
  }
  return parsed.data;
}
