// A Redis Cluster of three masters on loopback ports, started for one drill or test and stopped after it: the
// machine's own Redis is shared and never reconfigured.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { redisUp } from './faults';
import { sleep } from './stats';

const run = promisify(execFile);

export interface ScratchRedisCluster {
  /** `host:port` of each master, as `REDIS_CLUSTER_NODES` takes them. */
  nodes: string[];
  stop(): Promise<void>;
}

async function clusterState(port: number): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'cluster', 'info']);
  return /cluster_state:(\w+)/.exec(stdout)?.[1] ?? 'unknown';
}

/**
 * Starts `masters` cluster-enabled redis-servers (no persistence, each with its own nodes.conf in a temp dir), joins
 * them with `redis-cli --cluster create` (slots split evenly, no replicas) and waits for `cluster_state:ok`.
 */
export async function startScratchRedisCluster(masters = 3): Promise<ScratchRedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'sy-redis-cluster-'));
  // Cluster nodes talk on port + 10000 as well: stay below 55535 and away from the scratch Redis range.
  const base = 17_400 + Math.floor(Math.random() * 400) * 10;
  const ports = Array.from({ length: masters }, (_, i) => base + i);
  const servers: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      servers.map(async (server) => {
        if (server.exitCode !== null || server.signalCode !== null) return;
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      // Children of this process, not daemons: a Ctrl-C in the terminal reaches them too.
      const server = spawn(
        'redis-server',
        [
          '--bind',
          '127.0.0.1',
          '--port',
          String(port),
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(dir, `nodes-${port}.conf`),
          '--cluster-node-timeout',
          '5000',
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        { stdio: 'ignore' },
      );
      servers.push(server);
    }
    for (const port of ports) for (let i = 0; i < 100 && !(await redisUp(port)); i++) await sleep(50);
    const nodes = ports.map((port) => `127.0.0.1:${port}`);
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    for (let i = 0; i < 200 && (await clusterState(ports[0]!)) !== 'ok'; i++) await sleep(50);
    if ((await clusterState(ports[0]!)) !== 'ok')
      throw new Error(`Redis Cluster on ${nodes.join(',')} never became ok`);
    return { nodes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
