export * from './contracts';
export * from './clock';
export * from './errors';
export type { JsonValue } from './json';
export * from './logger';
export {
  createRedis,
  DEFAULT_REDIS_URL,
  parseClusterNodes,
  type RedisConnection,
  type RedisTarget,
} from './queues/connection';
export { redisClusterNodesEnv } from './queues/cluster-env';
export { DEFAULT_QUEUE_PREFIX, queueKeyPrefix, switchyardKeyPrefix } from './queues/keys';
export { QueuePublisher } from './queues/publisher';
export type { EngineDeps } from './deps/engine-deps';
export { createEngine, type Engine, type EngineConfig } from './runtime/engine';
export { startWorkerRuntime, type WorkerRuntime, type WorkerRuntimeConfig } from './runtime/worker-runtime';
export { sweepOnce } from './runtime/sweeper';
export * from './service';
export type { TimelineEntryType } from './store/timeline';
export { createDatabase } from './store/prisma';
export { TaskHandlerRegistry, NonRetriableTaskError, type TaskHandler, type TaskContext } from './tasks/registry';
export { seedDemo } from './seed';
export { receiveInboundWebhook, type InboundAnswer } from './service/hooks/inbound';
export { signWebhook, verifyWebhook } from './hooks/signing';
export { hashPassword, verifyPassword } from './access/password';
export { refuseMissingSecretsKeyInProduction } from './secrets/env-check';
export { SECRETS_KEY_HINT } from './secrets/keyring';
