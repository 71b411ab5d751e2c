import { createEngine, type Engine } from '@switchyard/engine';
import { inputLimitsFromEnv } from '@switchyard/engine/limits';
import { env } from '~/env';
import { createAuth, type Auth } from './auth';

// One engine (Prisma pool + Redis connection) and one auth instance per server process. Kept on globalThis so
// that dev-mode hot reloads reuse them instead of leaking a pool per edit.
const holder = globalThis as typeof globalThis & { __switchyardEngine?: Engine; __switchyardAuth?: Auth };

export function getEngine(): Engine {
  if (!holder.__switchyardEngine) {
    const { DATABASE_URL, REDIS_URL, QUEUE_PREFIX, SECRETS_KEY, SECRETS_KEY_PREVIOUS } = env();
    holder.__switchyardEngine = createEngine({ databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, ...(QUEUE_PREFIX ? { queuePrefix: QUEUE_PREFIX } : {}), secretsKey: SECRETS_KEY, secretsKeyPrevious: SECRETS_KEY_PREVIOUS, limits: inputLimitsFromEnv(env()) });
  }
  return holder.__switchyardEngine;
}

export function getAuth(): Auth {
  if (!holder.__switchyardAuth) {
    const { AUTH_SECRET, AUTH_URL, PORT } = env();
    const baseURL = AUTH_URL ?? `http://localhost:${PORT}`;
    holder.__switchyardAuth = createAuth(getEngine(), {
      secret: AUTH_SECRET,
      baseURL,
      trustedOrigins: [baseURL, `http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`],
    });
  }
  return holder.__switchyardAuth;
}
