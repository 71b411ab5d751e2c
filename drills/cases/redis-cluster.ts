import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { note, onCleanup, REDIS_URL, startScratchRedisCluster, type Stack } from '@switchyard/testkit';
import type { Drill } from '../lib/result';
import { runDuplicateDelivery } from './duplicates';

const run = promisify(execFile);

/** Every key each master holds (the drill's keys are a few thousand: a SCAN per master is cheap). */
async function keysByMaster(nodes: string[]): Promise<string[][]> {
  return Promise.all(
    nodes.map(async (node) => {
      const [host, port] = node.split(':');
      const { stdout } = await run('redis-cli', ['-h', host!, '-p', port!, '--scan'], { maxBuffer: 64 * 1024 * 1024 });
      return stdout.split('\n').filter(Boolean);
    }),
  );
}

/** The part of a key Redis Cluster places it by: the text inside its first {…}. */
const hashTag = (key: string) => /\{([^}]+)\}/.exec(key)?.[1];

/** The duplicates drill's load (task instances, counters, every message delivered again) on a three-master cluster. */
export const redisClusterDrill: Drill = {
  name: 'redis-cluster',
  quick: true,
  summary: 'task and duplicate-delivery load through a local three-master Redis Cluster',
  async run(options) {
    const cluster = await startScratchRedisCluster(3);
    onCleanup(() => cluster.stop());
    note(`redis-cluster: three masters on ${cluster.nodes.join(', ')}`);
    let keys: string[][] = [];
    let stack: Stack | undefined;
    // Half the duplicates drill's load: what it proves (every script runs on a cluster) does not grow with it, and
    // the quick set has a time budget.
    const result = await runDuplicateDelivery(
      'redis-cluster',
      { instances: Math.ceil(options.instances / 2) },
      {
        redis: { url: REDIS_URL, clusterNodes: cluster.nodes },
        // Read while the stack still exists: its cleanup obliterates the queues.
        inspect: async (s) => {
          stack = s;
          keys = await keysByMaster(cluster.nodes);
        },
      },
    );
    // Which master a queue lands on depends on the random prefix; that every key carries a tag does not, and is
    // what lets every script run on a cluster: `{prefix:<queue>}` for a queue's keys, `{prefix}` for Switchyard's.
    const prefix = stack?.queuePrefix ?? '?';
    const tagged = (key: string) => {
      const tag = hashTag(key);
      return tag === prefix || tag?.startsWith(`${prefix}:`) === true;
    };
    const untagged = keys.flat().filter((key) => !tagged(key));
    return {
      ...result,
      load: `${result.load}, through a 3-master Redis Cluster`,
      checks: [
        ...result.checks,
        {
          what: `every key carries its queue's or Switchyard's hash tag (keys per master: ${keys.map((k) => k.length).join(' / ')})`,
          ok: keys.flat().length > 0 && untagged.length === 0,
          detail: untagged.length ? `${untagged.length} keys, e.g. ${untagged[0]}` : undefined,
        },
      ],
    };
  },
};
