// Which processes do a stack's work: its worker processes, the Postgres backends on its database (plus the shared
// WAL writer, checkpointer and background writer, which write its commits), and every Redis server its queues use
// (each master of a cluster).
import { readFileSync } from 'node:fs';
import { createRedis } from '@switchyard/engine';
import pg from 'pg';
import type { CpuGroup } from './cpu';
import type { Stack } from './stack';
import type { WorkerProcess } from './workers';

const POSTGRES_AUXILIARY = ['walwriter', 'checkpointer', 'background writer', 'autovacuum launcher'];

/** The CPU groups of a stack: `workers`, `postgres` and `redis`. Call `close` when done measuring. */
export async function stackCpuGroups(
  stack: Pick<Stack, 'ownerUrl' | 'redisUrl' | 'redisClusterNodes'>,
  workers: WorkerProcess[],
): Promise<{ groups: CpuGroup[]; close(): Promise<void> }> {
  // One client for the whole measurement: its own backend is left out of the count.
  const client = new pg.Client({ connectionString: stack.ownerUrl });
  await client.connect();
  const redisNodes = stack.redisClusterNodes.length
    ? stack.redisClusterNodes.map((node) => `redis://${node}`)
    : [stack.redisUrl];
  const redisPids = await Promise.all(redisNodes.map(localRedisPid));
  const groups: CpuGroup[] = [
    { name: 'workers', pids: () => workers.flatMap((w) => (w.child.pid === undefined ? [] : [w.child.pid])) },
    {
      name: 'postgres',
      pids: async () => {
        const { rows } = await client.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
           WHERE (datname = current_database() AND pid <> pg_backend_pid()) OR backend_type = ANY($1::text[])`,
          [POSTGRES_AUXILIARY],
        );
        return rows.map((r) => r.pid);
      },
    },
    { name: 'redis', pids: () => redisPids.filter((pid): pid is number => pid !== undefined) },
  ];
  return { groups, close: () => client.end() };
}

/** The pid of a Redis server if it runs on this machine (its INFO names a local redis-server process). */
async function localRedisPid(url: string): Promise<number | undefined> {
  const redis = createRedis(url);
  try {
    const info = await redis.info('server');
    const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8');
    return comm.startsWith('redis') ? pid : undefined;
  } catch {
    return undefined;
  } finally {
    redis.disconnect();
  }
}
