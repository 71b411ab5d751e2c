import { createEngine, type Engine } from '@switchyard/engine';
import { env } from '~/env';

// One engine (Prisma pool + Redis connection) per server process. Kept on globalThis so that
// dev-mode hot reloads reuse it instead of leaking a pool per edit.
const holder = globalThis as typeof globalThis & { __switchyardEngine?: Engine };

export function getEngine(): Engine {
  if (!holder.__switchyardEngine) {
    const { DATABASE_URL, REDIS_URL, QUEUE_PREFIX } = env();
    holder.__switchyardEngine = createEngine({ databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, ...(QUEUE_PREFIX ? { queuePrefix: QUEUE_PREFIX } : {}) });
  }
  return holder.__switchyardEngine;
}
