import { onCleanup, type Percentiles, percentiles, progressDone, runCleanup, type Stack } from '@switchyard/testkit';
import { createLogger } from '../../packages/engine/src/logger';
import { startWorkerRuntime } from '../../packages/engine/src/runtime/worker-runtime';
import { verifyInstances, waitForFinal } from '../lib/checks';
import { openDrillStack } from '../lib/fixture';
import { startLoad } from '../lib/load';
import type { Drill, DrillResult } from '../lib/result';
import { poisonSpec, taskSpec } from '../lib/specs';

const MAX_ATTEMPTS = 4;
const BACKOFF = { baseMs: 100, maxMs: 10_000 };
const EXPECTED_WAITS = [100, 200, 400];

/** Start → completed latency of healthy instances, from the database's own timestamps. */
async function latencies(stack: Stack, ids: string[]): Promise<Percentiles> {
  const { rows } = await stack.sql.query<{ ms: number }>(
    `SELECT extract(epoch FROM "completedAt" - "createdAt")::float8 * 1000 AS ms FROM "WorkflowInstance" WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return percentiles(rows.map((r) => r.ms));
}

interface AttemptEntry {
  type: string;
  at: number;
  payload: { retryInMs?: number };
}

/** Checks one poison instance's timeline against its retry policy; returns a problem or undefined. */
async function checkPolicy(stack: Stack, instanceId: string): Promise<string | undefined> {
  const { rows } = await stack.sql.query<{ type: string; at: Date; payload: { retryInMs?: number } }>(
    `
    SELECT type, "createdAt" AS at, payload FROM "WorkflowEvent" WHERE "instanceId" = $1 AND type IN ('task.started', 'task.attempt_failed', 'task.failed') ORDER BY seq`,
    [instanceId],
  );
  const entries: AttemptEntry[] = rows.map((r) => ({ type: r.type, at: r.at.getTime(), payload: r.payload }));
  const expected = [
    ...Array.from({ length: MAX_ATTEMPTS - 1 }, () => ['task.started', 'task.attempt_failed']).flat(),
    'task.started',
    'task.failed',
  ];
  if (entries.map((e) => e.type).join() !== expected.join()) return `timeline ${entries.map((e) => e.type).join(' ')}`;
  const waits = entries.filter((e) => e.type === 'task.attempt_failed').map((e) => e.payload.retryInMs);
  if (waits.join() !== EXPECTED_WAITS.join())
    return `retryInMs ${waits.join(',')} (expected ${EXPECTED_WAITS.join(',')})`;
  for (let i = 1; i < entries.length - 1; i += 2) {
    const gap = entries[i + 1]!.at - entries[i]!.at;
    if (gap < EXPECTED_WAITS[(i - 1) / 2]!)
      return `attempt ${(i + 1) / 2 + 1} started ${gap} ms after the failure (policy ${EXPECTED_WAITS[(i - 1) / 2]} ms)`;
  }
  return undefined;
}

/** A task that always fails: attempts and backoff follow the policy, the instance hears TASK_FAILED, others are not slowed. */
export const poisonDrill: Drill = {
  name: 'poison',
  quick: true,
  summary: 'a task that always fails, next to healthy load',
  async run({ instances }): Promise<DrillResult> {
    try {
      const stack = await openDrillStack('poison', [taskSpec(0), poisonSpec(MAX_ATTEMPTS)]);
      const runtime = startWorkerRuntime({
        databaseUrl: stack.databaseUrl,
        redisUrl: stack.redisUrl,
        queuePrefix: stack.queuePrefix,
        logger: createLogger({ level: 'silent' }),
        backoff: BACKOFF,
        sweepIntervalMs: 200,
        sweepGraceMs: 1_000,
        extendRegistry: (registry) =>
          registry.register('POISON', async () => {
            throw new Error('upstream refused the connection (drill poison)');
          }),
      });
      onCleanup(() => runtime.stop());
      const healthy = Math.max(50, Math.floor(instances / 4));
      // Well under saturation on a 2-core machine, so a slowdown would be the poison's doing, not the extra load's.
      const baselineLoad = startLoad(stack, 'drill-task', healthy, 10, 'poison: baseline load');
      await baselineLoad.done;
      await waitForFinal(stack, baselineLoad.ids, ['done'], 60_000, 'poison: baseline');
      const baseline = await latencies(stack, baselineLoad.ids);

      const poisoned = startLoad(stack, 'drill-poison', 20, 2, 'poison: poison load');
      const during = startLoad(stack, 'drill-task', healthy, 10, 'poison: load beside poison');
      const started = Date.now();
      await Promise.all([poisoned.done, during.done]);
      await waitForFinal(stack, during.ids, ['done'], 60_000, 'poison: healthy beside poison');
      await waitForFinal(stack, poisoned.ids, ['compensated'], 60_000, 'poison: poison instances');
      const recoverySeconds = (Date.now() - started) / 1000;
      const beside = await latencies(stack, during.ids);
      progressDone(
        'poison: done',
        `healthy p95 ${baseline.p95.toFixed(0)} ms alone, ${beside.p95.toFixed(0)} ms beside poison`,
      );

      const policyProblems: string[] = [];
      for (const id of poisoned.ids) {
        const problem = await checkPolicy(stack, id);
        if (problem) policyProblems.push(`${id}: ${problem}`);
      }
      const { rows: heard } = await stack.sql.query<{ n: number }>(
        `
        SELECT count(*)::int AS n FROM "WorkflowInstance" WHERE id = ANY($1::uuid[]) AND context->'failure'->>'attempts' = $2`,
        [poisoned.ids, String(MAX_ATTEMPTS)],
      );
      const healthyCheck = await verifyInstances(stack, [...baselineLoad.ids, ...during.ids], {
        finalStates: ['done'],
        transitions: 2,
      });
      const poisonCheck = await verifyInstances(stack, poisoned.ids, { finalStates: ['compensated'], transitions: 2 });
      // Generous bound: the point is that a failing task's retries do not queue healthy work behind them.
      const slowdownOk = beside.p95 <= Math.max(2 * baseline.p95, baseline.p95 + 150);
      return {
        name: 'poison',
        load: `${baselineLoad.ids.length} healthy alone, then ${during.ids.length} healthy + ${poisoned.ids.length} poison, 1 in-process worker`,
        faults: `${poisoned.ids.length} tasks failing every attempt (${MAX_ATTEMPTS} attempts, backoff ${EXPECTED_WAITS.join('/')} ms)`,
        recoverySeconds,
        lost: healthyCheck.lost + poisonCheck.lost,
        duplicates: healthyCheck.duplicates + poisonCheck.duplicates,
        checks: [
          ...healthyCheck.checks.map((c) => ({ ...c, what: `healthy: ${c.what}` })),
          ...poisonCheck.checks.map((c) => ({ ...c, what: `poison: ${c.what}` })),
          {
            what: `poison: ${MAX_ATTEMPTS} attempts with gaps ≥ ${EXPECTED_WAITS.join('/')} ms, then task.failed`,
            ok: policyProblems.length === 0,
            detail: policyProblems.slice(0, 2).join('; ') || undefined,
          },
          {
            what: 'poison: the instance heard TASK_FAILED (context.failure.attempts)',
            ok: heard[0]?.n === poisoned.ids.length,
            detail: `${heard[0]?.n}/${poisoned.ids.length}`,
          },
          {
            what: `healthy p95 beside poison ≤ max(2× alone, alone + 150 ms)`,
            ok: slowdownOk,
            detail: `p50/p95 alone ${baseline.p50.toFixed(0)}/${baseline.p95.toFixed(0)} ms, beside poison ${beside.p50.toFixed(0)}/${beside.p95.toFixed(0)} ms`,
          },
        ],
      };
    } finally {
      await runCleanup();
    }
  },
};
