import { redisClusterNodesEnv, refuseMissingSecretsKeyInProduction } from '@switchyard/engine';
import { inputLimitsEnvShape } from '@switchyard/engine/limits';
import { z } from 'zod';
import { rateLimitsEnvShape } from './server/rate-limits';

// The only place apps/web reads process.env. Parsed lazily so `next build` does not need a database.

/** Public in the source: fine on a laptop, refused when NODE_ENV=production. */
export const DEVELOPMENT_AUTH_SECRET = 'switchyard-development-secret-change-me-please';
const DEVELOPMENT_DATABASE_URL = 'postgresql://switchyard_app@127.0.0.1:5432/switchyard';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** The least-privilege app role `pnpm switchyard migrate` grants; never the tables' owner. */
    DATABASE_URL: z.string().url().default(DEVELOPMENT_DATABASE_URL),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    /** `host:port,host:port` of Redis Cluster masters (as the worker's): the queues live on the cluster. */
    REDIS_CLUSTER_NODES: redisClusterNodesEnv,
    QUEUE_PREFIX: z.string().min(1).optional(),
    PORT: z.coerce.number().int().positive().default(3000),
    /** Signs session cookies. The development default is public: set your own anywhere that matters. */
    AUTH_SECRET: z.string().min(32, 'expected at least 32 characters').default(DEVELOPMENT_AUTH_SECRET),
    /** The console's public URL (origin checks, cookie scope, invitation links); defaults to http://localhost:PORT. */
    AUTH_URL: z.string().url().optional(),
    /** Lets anyone create an account at /api/auth/sign-up/email. Off: people join through invitations. */
    AUTH_OPEN_SIGNUP: flag.default(false),
    /**
     * How many reverse proxies in front of the console append to X-Forwarded-For. Unset or false: the client
     * address is the connection's, and the header is ignored (anyone can write it). true means 1.
     */
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d{1,2})$/, 'expected true, false or a number of proxy hops')
      .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v)))
      .default(0),
    /** Invitation emails go through the EMAIL path: SMTP with this URL, otherwise stored in MailMessage. */
    SMTP_URL: z.string().min(1).optional(),
    /** The deployment's sender for tenants that set none (the worker reads the same variable). */
    EMAIL_FROM: z.string().min(3).optional(),
    /** Seals tenant secrets (32 bytes, base64), the same key as the worker's. Required in production. */
    SECRETS_KEY: z.string().min(1).optional(),
    SECRETS_KEY_PREVIOUS: z.string().min(1).optional(),
    // Input limits (LIMIT_TRPC_BODY_BYTES, LIMIT_TRPC_BATCH, LIMIT_START_INPUT_BYTES, ...), shared with the CLI and worker.
    ...inputLimitsEnvShape,
    // Request-rate limits per minute (RATE_LIMIT_TENANT_READS, RATE_LIMIT_CREDENTIAL_WRITES, RATE_LIMIT_WEBHOOK, ...).
    ...rateLimitsEnvShape,
  })
  .superRefine(refuseMissingSecretsKeyInProduction);

export type WebEnv = z.infer<typeof envSchema>;

/**
 * Development defaults that must never reach a real deployment, read from the raw environment so they are
 * reported together with any malformed value: each problem names the variable and the fix.
 */
function productionProblems(source: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const secret = source['AUTH_SECRET'];
  if (!secret) problems.push('AUTH_SECRET is not set (generate one: openssl rand -base64 32)');
  else if (/change-?me|development|example/i.test(secret) || new Set(secret).size < 10)
    problems.push('AUTH_SECRET is a placeholder or too uniform (generate one: openssl rand -base64 32)');
  if (!source['AUTH_URL'])
    problems.push("AUTH_URL is not set (the console's public URL, e.g. https://switchyard.example.com)");
  if (!source['DATABASE_URL'])
    problems.push('DATABASE_URL is not set (the development default is a passwordless local role)');
  if (!source['REDIS_URL']) problems.push('REDIS_URL is not set');
  return problems;
}

/** Parses an environment; throws one line naming every problem. Exported for tests. */
export function parseWebEnv(source: Record<string, string | undefined>): WebEnv {
  const parsed = envSchema.safeParse(source);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const production = source['NODE_ENV'] === 'production';
  if (production) problems.push(...productionProblems(source));
  if (problems.length > 0)
    throw new Error(
      `apps/web: ${production ? 'refusing to start in production' : 'invalid environment'}: ${problems.join('; ')}`,
    );
  if (!parsed.success) throw new Error('apps/web: invalid environment');
  return parsed.data;
}

let cached: WebEnv | undefined;

export function env(): WebEnv {
  cached ??= parseWebEnv(process.env);
  return cached;
}

/** True while `next build` runs: nothing is served, so the runtime configuration is not checked. */
export function isBuildPhase(): boolean {
  return process.env['NEXT_PHASE'] === 'phase-production-build';
}
