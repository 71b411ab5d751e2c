import { systemClock, type Clock } from '../clock';
import type { InputLimits } from '../limits/input-limits';
import type { Logger } from '../logger';
import { createRedis, type RedisConnection } from '../queues/connection';
import { QueuePublisher } from '../queues/publisher';
import { keyringFrom, type SecretsKeyConfig } from '../secrets/config';
import { DefinitionCache } from '../store/definition-cache';
import { createDatabase } from '../store/prisma';
import type { EngineDeps } from './engine-deps';

export interface EngineDepsConfig extends SecretsKeyConfig {
  databaseUrl: string;
  /** Connections in this process's pool (a worker needs one per orchestrator and task slot, plus a few). */
  poolSize: number;
  redisUrl: string;
  /** `host:port` of Redis Cluster masters: the queues then live on the cluster (REDIS_URL gives credentials). */
  redisClusterNodes?: string[];
  queuePrefix?: string;
  logger: Logger;
  clock?: Clock;
  /** Task types the workers run (built-in plus any a deployment registers); publishing refuses others. */
  taskTypes?: readonly string[];
  /** Input limits (from LIMIT_* variables); the defaults when absent. */
  limits?: InputLimits;
}

export interface EngineResources {
  deps: EngineDeps;
  /** The publisher's Redis connection: it fails a command fast, so a publish never hangs while Redis is away. */
  redis: RedisConnection;
  /** Closes the publisher, its Redis connection, Prisma and the pool, in that order; call it once. */
  close: () => Promise<void>;
}

/**
 * The resources every engine process holds once: the Postgres pool with Prisma over it, the queue publisher on its
 * own Redis connection, the definition cache and the secrets keyring. createEngine and the worker runtime both
 * start here, so both build and close them the same way.
 */
export function createEngineDeps(config: EngineDepsConfig): EngineResources {
  const { logger } = config;
  const { prisma, pool } = createDatabase({
    databaseUrl: config.databaseUrl,
    poolSize: config.poolSize,
    onIdleError: (error) => logger.warn({ err: error }, 'idle database connection lost; the pool replaces it'),
  });
  const redis = createRedis(
    { url: config.redisUrl, clusterNodes: config.redisClusterNodes },
    { maxRetriesPerRequest: 3 },
  );
  const publisher = new QueuePublisher({ connection: redis, prefix: config.queuePrefix, logger });
  const deps: EngineDeps = {
    prisma,
    pool,
    publisher,
    definitions: new DefinitionCache(),
    clock: config.clock ?? systemClock,
    logger,
    secrets: keyringFrom(config),
    ...(config.taskTypes ? { taskTypes: config.taskTypes } : {}),
    ...(config.limits ? { limits: config.limits } : {}),
  };
  return {
    deps,
    redis,
    close: async () => {
      await publisher.close();
      await redis.quit().catch(() => undefined);
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}
