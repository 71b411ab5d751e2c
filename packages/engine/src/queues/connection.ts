import { Cluster, Redis, type RedisOptions } from 'ioredis';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** One Redis at `url`, or a Redis Cluster reached through `clusterNodes` (`host:port` of some of its masters). */
export interface RedisTarget {
  url: string;
  clusterNodes?: string[];
}

/** A connection BullMQ and Switchyard's own scripts use alike: keys are hash-tagged (see keys.ts), so both work. */
export type RedisConnection = Redis | Cluster;

/** `REDIS_CLUSTER_NODES=127.0.0.1:7000,127.0.0.1:7001` → the list; blank means a single Redis. */
export function parseClusterNodes(value: string | undefined): string[] {
  const nodes = (value ?? '')
    .split(',')
    .map((node) => node.trim())
    .filter(Boolean);
  for (const node of nodes)
    if (!/^[^:\s]+:\d{1,5}$/.test(node)) throw new Error(`REDIS_CLUSTER_NODES: expected host:port, got "${node}"`);
  return nodes;
}

/**
 * BullMQ workers need `maxRetriesPerRequest: null` so a blocked read survives a Redis restart. With cluster nodes,
 * an ioredis Cluster: it discovers the other masters and follows slot moves; the URL still gives the credentials.
 */
export function createRedis(
  target: string | RedisTarget = DEFAULT_REDIS_URL,
  options: RedisOptions = {},
): RedisConnection {
  const { url, clusterNodes = [] } = typeof target === 'string' ? { url: target } : target;
  const redisOptions: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, ...options };
  if (clusterNodes.length === 0) return new Redis(url, redisOptions);
  const { username, password } = new URL(url);
  return new Cluster(
    clusterNodes.map((node) => {
      const at = node.lastIndexOf(':');
      return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
    }),
    {
      redisOptions: {
        ...redisOptions,
        ...(username ? { username: decodeURIComponent(username) } : {}),
        ...(password ? { password: decodeURIComponent(password) } : {}),
      },
    },
  );
}

export type { Redis };
