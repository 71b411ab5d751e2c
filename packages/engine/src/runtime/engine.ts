import { systemClock, type Clock } from '../clock';
import type { InputLimits } from '../limits/input-limits';
import { createLogger, type Logger } from '../logger';
import { createRedis } from '../queues/connection';
import { QueuePublisher } from '../queues/publisher';
import { createEngineService, type EngineService } from '../service';
import { DefinitionCache } from '../store/definition-cache';
import { keyringFrom, type SecretsKeyConfig } from '../secrets/config';
import { createDatabase } from '../store/prisma';
import type { EngineDeps } from '../deps/engine-deps';

export interface EngineConfig extends SecretsKeyConfig {
  databaseUrl: string;
  redisUrl: string;
  /** `host:port` of Redis Cluster masters: the queues then live on the cluster (REDIS_URL gives credentials). */
  redisClusterNodes?: string[];
  queuePrefix?: string;
  logger?: Logger;
  clock?: Clock;
  poolSize?: number;
  /** Task types the workers run (built-in plus any a deployment registers); publishing refuses others. */
  taskTypes?: readonly string[];
  /** Input limits (from LIMIT_* variables); the defaults when absent. */
  limits?: InputLimits;
}

export interface Engine {
  deps: EngineDeps;
  service: EngineService;
  close(): Promise<void>;
}

/** The engine without workers: what the console and the CLI use to read and to send commands. */
export function createEngine(config: EngineConfig): Engine {
  const logger = config.logger ?? createLogger();
  const { prisma, pool } = createDatabase({
    databaseUrl: config.databaseUrl,
    poolSize: config.poolSize ?? 10,
    onIdleError: (error) => logger.warn({ err: error }, 'idle database connection lost'),
  });
  const connection = createRedis(
    { url: config.redisUrl, clusterNodes: config.redisClusterNodes },
    { maxRetriesPerRequest: 3 },
  );
  const publisher = new QueuePublisher({ connection, prefix: config.queuePrefix, logger });
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
    service: createEngineService(deps),
    async close() {
      await publisher.close();
      await connection.quit().catch(() => undefined);
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}
