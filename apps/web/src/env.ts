import { refuseMissingSecretsKeyInProduction } from '@switchyard/engine';
import { inputLimitsEnvShape } from '@switchyard/engine/limits';
import { z } from 'zod';

// The only place apps/web reads process.env. Parsed lazily so `next build` does not need a database.
const envSchema = z.object({
  /** The least-privilege app role `pnpm switchyard migrate` grants; never the tables' owner. */
  DATABASE_URL: z.string().url().default('postgresql://switchyard_app@127.0.0.1:5432/switchyard'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().min(1).optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  /** Signs session cookies. The development default is public: set your own anywhere that matters. */
  AUTH_SECRET: z.string().min(32, 'expected at least 32 characters').default('switchyard-development-secret-change-me-please'),
  /** The console's public URL (origin checks, cookie scope); defaults to http://localhost:PORT. */
  AUTH_URL: z.string().url().optional(),
  NODE_ENV: z.string().optional(),
  /** Seals tenant secrets (32 bytes, base64), the same key as the worker's. Required in production. */
  SECRETS_KEY: z.string().min(1).optional(),
  SECRETS_KEY_PREVIOUS: z.string().min(1).optional(),
  // Input limits (LIMIT_TRPC_BODY_BYTES, LIMIT_TRPC_BATCH, LIMIT_START_INPUT_BYTES, ...), shared with the CLI and worker.
  ...inputLimitsEnvShape,
}).superRefine(refuseMissingSecretsKeyInProduction);

export type WebEnv = z.infer<typeof envSchema>;

let cached: WebEnv | undefined;

export function env(): WebEnv {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`apps/web: invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
