import type { RedisTarget } from '../../packages/engine/src/queues/connection';
import { createStack, spawnWorker, type Stack, waitForWorkers, type WorkerProcess } from '@switchyard/testkit';

/** Short leases and a fast sweeper, so recovery from a fault takes seconds rather than the production minutes. */
export const DRILL_WORKER_ENV = {
  TASK_LEASE_MS: '1500',
  SWEEP_INTERVAL_MS: '200',
  SWEEP_GRACE_MS: '1000',
  TASK_BACKOFF_BASE_MS: '100',
  WORKER_ORCHESTRATOR_CONCURRENCY: '8',
  WORKER_TASK_CONCURRENCY: '8',
};

/** A dedicated database (`switchyard_drill_<name>`) and queue prefix with the drill's specs published. */
export function openDrillStack(name: string, specs: unknown[], redis?: string | RedisTarget): Promise<Stack> {
  return createStack(`switchyard_drill_${name.replace(/-/g, '_')}`, `drill-${name}`, specs, redis);
}

/** Spawns `count` worker processes and waits until all of them consume the orchestrator queue. */
export async function startWorkers(
  stack: Stack,
  count: number,
  env: Record<string, string> = {},
): Promise<WorkerProcess[]> {
  const workers = Array.from({ length: count }, () => spawnWorker(stack, { ...DRILL_WORKER_ENV, ...env }));
  await waitForWorkers(stack, count, 60_000);
  return workers;
}
