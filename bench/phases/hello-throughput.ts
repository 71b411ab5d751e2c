import { progressDone, type Stack } from '@switchyard/testkit';
import { startInstances, waitForInstances } from './instances';

export interface HelloThroughput {
  instances: number;
  /** Completed instances per second, from the first start to the last completion (every transaction counted). */
  instancesPerSec: number;
  wallSeconds: number;
}

/**
 * Starts `count` hello instances, 32 at a time, and times start → task → done for all of them, from the first start
 * to the last completion. Starting applies WORKFLOW_START in its own transaction, so nothing is pre-queued: the
 * start is part of what is measured (the figure before batching left the start transaction out).
 */
export async function measureHelloThroughput(stack: Stack, count: number): Promise<HelloThroughput> {
  // Prisma stores UTC in timestamp-without-time-zone columns: keep the comparison in SQL, in UTC, as text.
  const { rows: clock } = await stack.sql.query<{ now: string }>(
    `SELECT (clock_timestamp() AT TIME ZONE 'UTC')::text AS now`,
  );
  const resumedAt = clock[0]!.now;
  const started = performance.now();
  await startInstances(stack, 'bench-hello', count, 32, 'engine: start hello instances');
  await waitForInstances(stack, 'bench-hello', `status = 'completed'`, count, 'engine: hello end to end', 300_000);
  const wallSeconds = (performance.now() - started) / 1000;
  const { rows } = await stack.sql.query<{ span: number }>(
    `
    SELECT extract(epoch FROM max("completedAt") - $1::timestamp)::float8 AS span FROM "WorkflowInstance" WHERE "definitionKey" = 'bench-hello'`,
    [resumedAt],
  );
  const instancesPerSec = count / Math.max(rows[0]?.span ?? wallSeconds, 0.001);
  progressDone(
    'engine: hello end to end',
    `${count} instances in ${wallSeconds.toFixed(2)} s wall → ${Math.round(instancesPerSec)} instances/s`,
  );
  return { instances: count, instancesPerSec, wallSeconds };
}
