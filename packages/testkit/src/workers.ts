import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ORCHESTRATOR_QUEUE } from '@switchyard/engine';
import { onCleanup } from './cleanup';
import type { Stack } from './stack';

// The worker app runs from the repository root, as `pnpm --filter @switchyard/worker start` would (tsx resolves it).
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** One `apps/worker` process; its last stderr lines are kept so a crash explains itself. */
export interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  stderrTail(): string;
}

/** Spawns a real worker process (as in crash-recovery.test.ts) against the stack; cleanup SIGKILLs it. */
export function spawnWorker(
  stack: Pick<Stack, 'databaseUrl' | 'redisUrl' | 'redisClusterNodes' | 'queuePrefix'>,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): WorkerProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'apps/worker/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: stack.databaseUrl,
      REDIS_URL: stack.redisUrl,
      REDIS_CLUSTER_NODES: stack.redisClusterNodes.join(','),
      QUEUE_PREFIX: stack.queuePrefix,
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Keep the start of the output (the error and its stack) as well as the end (the exit), nothing in between.
  let head = '';
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (head.length < 1_500) head += chunk.toString();
    tail = (tail + chunk.toString()).slice(-1_500);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  return { child, exited, stderrTail: () => (head.length < 1_500 ? head : `${head.slice(0, 1_500)}\n…\n${tail}`) };
}

/** Stops a worker with SIGTERM (it finishes in-flight jobs and exits, so a --cpu-prof profile gets written). */
export async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGTERM');
  await worker.exited;
}

/** Kills a worker with SIGKILL and waits for it to be gone. */
export async function killWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGKILL');
  await worker.exited;
}

/** Waits until `count` worker processes have connected their orchestrator consumers to the stack's queue. */
export async function waitForWorkers(stack: Stack, count: number, timeoutMs = 30_000): Promise<void> {
  const queue = stack.engine.deps.publisher.queue(ORCHESTRATOR_QUEUE);
  const deadline = Date.now() + timeoutMs;
  while ((await queue.getWorkersCount()) < count) {
    if (Date.now() > deadline)
      throw new Error(
        `only ${await queue.getWorkersCount()} of ${count} worker processes connected within ${timeoutMs} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
