import { describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env';
import { workerConfigFromEnv } from '../../src/runtime/worker-config';
import { queueKeyPrefix, switchyardKeyPrefix } from '../../src/queues/keys';
import { activeTenantsKey } from '../../src/queues/tenant-slots';

/** The hash tag Redis Cluster places a key by: the part inside the first {…}. */
const hashTag = (key: string) => /\{([^}]+)\}/.exec(key)?.[1];

describe('Redis Cluster configuration', () => {
  it('reads REDIS_CLUSTER_NODES into the worker configuration, and a single Redis when it is unset', () => {
    const env = readEnv({ REDIS_CLUSTER_NODES: ' 127.0.0.1:7000, redis-b.internal:7001 ,' });
    expect(workerConfigFromEnv(env).redisClusterNodes).toEqual(['127.0.0.1:7000', 'redis-b.internal:7001']);
    expect(workerConfigFromEnv(readEnv({})).redisClusterNodes).toEqual([]);
  });

  it('refuses a node that is not host:port, naming the variable and the node', () => {
    expect(() => readEnv({ REDIS_CLUSTER_NODES: '127.0.0.1:7000,redis://b:7001' })).toThrow(
      'REDIS_CLUSTER_NODES: expected host:port, got "redis://b:7001"',
    );
  });

  it('gives each queue its own hash tag and Switchyard its own, under the deployment prefix', () => {
    const orchestrator = queueKeyPrefix('sy', 'workflow-orchestrator');
    const tasks = queueKeyPrefix('sy', 'workflow-task-runner');
    expect(hashTag(`${orchestrator}:workflow-orchestrator:wait`)).toBe('sy:workflow-orchestrator');
    expect(hashTag(`${tasks}:workflow-task-runner:active`)).toBe('sy:workflow-task-runner');
    // The fair-share script reads the active-tenant set and a tenant's slot set in one call: one tag for both.
    expect(hashTag(activeTenantsKey('sy'))).toBe(hashTag(`${switchyardKeyPrefix('sy')}:sy-slots:task:acme`));
    expect(queueKeyPrefix(undefined, 'workflow-orchestrator')).toBe('{bull:workflow-orchestrator}');
  });
});
