import { percentiles, type Percentiles, progressDone, type Stack } from '@switchyard/testkit';
import type { CommitListener } from './commit-listener';
import { openLoop } from './open-loop';
import { waitForInstances } from './instances';

export interface TaskLatency {
  targetPerSec: number;
  achievedPerSec: number;
  /** task.succeeded committed → the transition its completion event caused committed. */
  completionToTransition: Percentiles;
  /** startInstance called → instance completed (start, task, completion, done). */
  startToDone: Percentiles;
}

/** Starts hello instances at `ratePerSec` and measures task completion → next transition, from commit times. */
export async function measureTaskLatency(
  stack: Stack,
  listener: CommitListener,
  ratePerSec: number,
  durationMs: number,
): Promise<TaskLatency> {
  const startedAt = new Map<string, number>();
  const { rows: before } = await stack.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "WorkflowInstance" WHERE "definitionKey" = 'bench-hello' AND status = 'completed'`,
  );
  const { sent, achievedPerSec } = await openLoop(
    ratePerSec,
    durationMs,
    256,
    'latency: hello at half load',
    async () => {
      const at = performance.timeOrigin + performance.now();
      const { instanceId } = await stack.engine.service.startInstance(stack.ctx, { definitionKey: 'bench-hello' });
      startedAt.set(instanceId, at);
    },
  );
  await waitForInstances(
    stack,
    'bench-hello',
    `status = 'completed'`,
    (before[0]?.n ?? 0) + sent,
    'latency: hello at half load',
    60_000,
  );
  const { rows } = await stack.sql.query<{ instanceId: string; seq: number; type: string }>(
    `SELECT "instanceId", seq, type FROM "WorkflowEvent" WHERE "instanceId" = ANY($1::uuid[]) AND type IN ('task.succeeded', 'transition') ORDER BY "instanceId", seq`,
    [[...startedAt.keys()]],
  );
  const completion: number[] = [];
  const total: number[] = [];
  let succeeded: string | undefined;
  let current = '';
  let lastTransition: string | undefined;
  const flush = () => {
    if (!current) return;
    const done = lastTransition ? listener.commits.get(lastTransition) : undefined;
    if (done !== undefined) total.push(done - startedAt.get(current)!);
  };
  for (const row of rows) {
    if (row.instanceId !== current) {
      flush();
      current = row.instanceId;
      succeeded = undefined;
    }
    const key = `${row.instanceId}:${row.seq}`;
    if (row.type === 'task.succeeded') succeeded = key;
    else if (succeeded) {
      const from = listener.commits.get(succeeded);
      const to = listener.commits.get(key);
      if (from !== undefined && to !== undefined) completion.push(to - from);
      succeeded = undefined;
    }
    if (row.type === 'transition') lastTransition = key;
  }
  flush();
  const completionToTransition = percentiles(completion);
  const startToDone = percentiles(total);
  progressDone(
    'latency: hello at half load',
    `${Math.round(achievedPerSec)}/s started; completion→transition p99 ${completionToTransition.p99.toFixed(1)} ms`,
  );
  return { targetPerSec: ratePerSec, achievedPerSec, completionToTransition, startToDone };
}
