import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { note, onCleanup, REDIS_URL, startScratchRedisCluster } from '@switchyard/testkit';
import type { Drill } from '../lib/result';
import { runDuplicateDelivery } from './duplicates';

const run = promisify(execFile);

/** Keys each master holds: the queues' hash tags should spread them over more than one. */
async function keysPerMaster(nodes: string[]): Promise<number[]> {
  return Promise.all(
    nodes.map(async (node) => {
      const [host, port] = node.split(':');
      const { stdout } = await run('redis-cli', ['-h', host!, '-p', port!, 'dbsize']);
      return Number(stdout.trim());
    }),
  );
}

/** The duplicates drill's load (task instances, counters, every message delivered again) on a three-master cluster. */
export const redisClusterDrill: Drill = {
  name: 'redis-cluster',
  quick: true,
  summary: 'task and duplicate-delivery load through a local three-master Redis Cluster',
  async run(options) {
    const cluster = await startScratchRedisCluster(3);
    onCleanup(() => cluster.stop());
    note(`redis-cluster: three masters on ${cluster.nodes.join(', ')}`);
    let spread: number[] = [];
    const result = await runDuplicateDelivery('redis-cluster', options, {
      redis: { url: REDIS_URL, clusterNodes: cluster.nodes },
      // Counted while the stack still exists: its cleanup obliterates the queues.
      inspect: async () => {
        spread = await keysPerMaster(cluster.nodes);
      },
    });
    const used = spread.filter((n) => n > 0).length;
    return {
      ...result,
      load: `${result.load}, through a 3-master Redis Cluster`,
      checks: [
        ...result.checks,
        {
          what: 'the queues live on more than one master (keys per master)',
          ok: used > 1,
          detail: spread.join(' / '),
        },
      ],
    };
  },
};
