import { createEngine, createRedis, type Engine } from '@switchyard/engine';
import { inputLimitsFromEnv } from '@switchyard/engine/limits';
import { env } from '~/env';
import { createAuth, type Auth } from './auth';
import { clientAddress } from './client-address';
import { rateLimitsFromEnv, RequestRateLimiter, tenantRatesFrom } from './rate-limits';
import { SignInThrottle } from './sign-in-throttle';
import { allowedOrigins, publicUrl } from './urls';

export { allowedOrigins } from './urls';

// One engine (Prisma pool + Redis connection) and one auth instance per server process. Kept on globalThis so
// that dev-mode hot reloads reuse them instead of leaking a pool per edit.
const holder = globalThis as typeof globalThis & {
  __switchyardEngine?: Engine;
  __switchyardAuth?: Auth;
  __switchyardThrottle?: SignInThrottle;
  __switchyardRateLimiter?: RequestRateLimiter;
  __switchyardLimitsRedis?: ReturnType<typeof createRedis>;
};

export function getEngine(): Engine {
  if (!holder.__switchyardEngine) {
    const { DATABASE_URL, REDIS_URL, REDIS_CLUSTER_NODES, QUEUE_PREFIX, SECRETS_KEY, SECRETS_KEY_PREVIOUS } = env();
    holder.__switchyardEngine = createEngine({
      databaseUrl: DATABASE_URL,
      redisUrl: REDIS_URL,
      redisClusterNodes: REDIS_CLUSTER_NODES,
      ...(QUEUE_PREFIX ? { queuePrefix: QUEUE_PREFIX } : {}),
      secretsKey: SECRETS_KEY,
      secretsKeyPrevious: SECRETS_KEY_PREVIOUS,
      limits: inputLimitsFromEnv(env()),
    });
  }
  return holder.__switchyardEngine;
}

export function getAuth(): Auth {
  if (!holder.__switchyardAuth) {
    const { AUTH_SECRET, AUTH_OPEN_SIGNUP } = env();
    holder.__switchyardAuth = createAuth(getEngine(), {
      secret: AUTH_SECRET,
      baseURL: publicUrl(),
      trustedOrigins: allowedOrigins(),
      openSignUp: AUTH_OPEN_SIGNUP,
    });
  }
  return holder.__switchyardAuth;
}

/** The connection the sign-in throttle and the request-rate limits count on (their own: a slow limit never queues behind the engine). */
function limitsRedis(): ReturnType<typeof createRedis> {
  const { REDIS_URL, REDIS_CLUSTER_NODES } = env();
  holder.__switchyardLimitsRedis ??= createRedis(
    { url: REDIS_URL, clusterNodes: REDIS_CLUSTER_NODES },
    { maxRetriesPerRequest: 3 },
  );
  return holder.__switchyardLimitsRedis;
}

const limitsKeyPrefix = () => `switchyard:${env().QUEUE_PREFIX ?? 'bull'}`;

/** Shared by every console process through Redis. */
export function getThrottle(): SignInThrottle {
  holder.__switchyardThrottle ??= new SignInThrottle(limitsRedis(), limitsKeyPrefix());
  return holder.__switchyardThrottle;
}

/** The request-rate budgets (RATE_LIMIT_*), shared by every console process through Redis. */
export function getRateLimiter(): RequestRateLimiter {
  holder.__switchyardRateLimiter ??= new RequestRateLimiter(
    limitsRedis(),
    limitsKeyPrefix(),
    rateLimitsFromEnv(env()),
    tenantRatesFrom(getEngine()),
  );
  return holder.__switchyardRateLimiter;
}

export function requestClientAddress(headers: Headers): string {
  return clientAddress(headers, env().TRUST_PROXY);
}
