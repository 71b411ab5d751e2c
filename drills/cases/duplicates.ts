import { randomUUID } from 'node:crypto';
import { note, pollUntil, progressDone, runCleanup, runPool, sleep, type Stack } from '@switchyard/testkit';
import { ORCHESTRATOR_QUEUE, TASK_RUNNER_QUEUE } from '../../packages/engine/src/contracts/jobs';
import type { OutboxMessage } from '../../packages/engine/src/store/outbox';
import { verifyInstances, waitForFinal } from '../lib/checks';
import { openDrillStack, startWorkers } from '../lib/fixture';
import type { Drill, DrillResult } from '../lib/result';
import type { RedisTarget } from '../../packages/engine/src/queues/connection';
import { counterSpec, taskSpec } from '../lib/specs';

const TICKS = 5;

async function versionsReached(stack: Stack, ids: string[], version: number): Promise<boolean> {
  const { rows } = await stack.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "WorkflowInstance" WHERE id = ANY($1::uuid[]) AND version >= $2`,
    [ids, version],
  );
  return (rows[0]?.n ?? 0) === ids.length;
}

async function drained(stack: Stack): Promise<boolean> {
  for (const name of [ORCHESTRATOR_QUEUE, TASK_RUNNER_QUEUE] as const) {
    const counts = await stack.engine.deps.publisher
      .queue(name)
      .getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).some((n) => n > 0)) return false;
  }
  return true;
}

/**
 * Delivers every already-processed message again, twice: once republished under its own job id (what the sweeper
 * does) and once as a new job carrying the same outboxId (what a BullMQ retry or a double publish looks like).
 */
async function redeliverAll(stack: Stack, ids: string[]): Promise<number> {
  const { rows } = await stack.sql.query<{
    id: string;
    tenantId: string;
    queue: string;
    jobName: string;
    payload: unknown;
  }>(
    `
    SELECT id, "tenantId", queue, "jobName", payload FROM "Outbox"
    WHERE "processedAt" IS NOT NULL AND (payload->>'instanceId' = ANY($1::text[]) OR queue = $2)`,
    [ids, TASK_RUNNER_QUEUE],
  );
  const now = new Date();
  await runPool(rows.length, 16, async (i) => {
    const row = rows[i]!;
    // Rows the engine wrote from typed messages, replayed as they are.
    const message = { ...row, availableAt: now } as OutboxMessage;
    await stack.engine.deps.publisher.publish([message], now);
    await stack.engine.deps.publisher
      .queue(message.queue)
      .add(row.jobName, { outboxId: row.id, data: row.payload }, { jobId: randomUUID() });
  });
  return rows.length;
}

/**
 * Counters and task instances under load, then every processed message delivered again; nothing may apply twice.
 * `redis` moves the queues elsewhere (the redis-cluster drill runs the same load through a Redis Cluster);
 * `inspect` looks at the system once everything is verified, before cleanup removes it.
 */
export async function runDuplicateDelivery(
  name: string,
  { instances }: { instances: number },
  setup: { redis?: RedisTarget; inspect?: (stack: Stack) => Promise<void> } = {},
): Promise<DrillResult> {
  try {
    const stack = await openDrillStack(name, [counterSpec, taskSpec(0)], setup.redis);
    await startWorkers(stack, 2);
    const half = Math.max(1, Math.floor(instances / 2));
    const counters: string[] = [];
    const tasks: string[] = [];
    await runPool(half, 16, async () => {
      counters.push(
        (await stack.engine.service.startInstance(stack.ctx, { definitionKey: 'drill-counter' })).instanceId,
      );
      tasks.push((await stack.engine.service.startInstance(stack.ctx, { definitionKey: 'drill-task' })).instanceId);
    });
    await pollUntil(() => versionsReached(stack, counters, 1), 'counters to start', 60_000);
    await runPool(half * TICKS, 16, async (i) => {
      await stack.engine.service.sendEvent(stack.ctx, {
        instanceId: counters[i % half]!,
        type: 'TICK',
        payload: { n: i },
      });
    });
    await pollUntil(() => versionsReached(stack, counters, 1 + TICKS), 'ticks to apply', 60_000);
    await waitForFinal(stack, tasks, ['done'], 60_000, `${name}: tasks`);
    const started = Date.now();
    const redelivered = await redeliverAll(stack, [...counters, ...tasks]);
    note(`${name}: ${redelivered} processed messages delivered again (×2 each)`);
    await pollUntil(() => drained(stack), 'the redelivered jobs to drain', 60_000, 200);
    await sleep(500);
    // FINISH only after the ticks: an event racing ahead of them would legitimately leave them ignored.
    await runPool(half, 16, async (i) => {
      await stack.engine.service.sendEvent(stack.ctx, { instanceId: counters[i]!, type: 'FINISH' });
    });
    await waitForFinal(stack, counters, ['finished'], 60_000, `${name}: finish`);
    const recoverySeconds = (Date.now() - started) / 1000;
    progressDone(`${name}: drained`, `in ${recoverySeconds.toFixed(1)} s`);
    const a = await verifyInstances(stack, counters, { finalStates: ['finished'], transitions: 2 + TICKS });
    const b = await verifyInstances(stack, tasks, { finalStates: ['done'], transitions: 2 });
    const { rows } = await stack.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "WorkflowEvent" WHERE "instanceId" = ANY($1::uuid[]) AND type = 'event.ignored'`,
      [[...counters, ...tasks]],
    );
    await setup.inspect?.(stack);
    return {
      name,
      load: `${half} counters × ${TICKS} TICKs + ${half} task instances, 2 workers`,
      faults: `${redelivered} processed messages redelivered twice each (same job id, and new job id + same outboxId)`,
      recoverySeconds,
      lost: a.lost + b.lost,
      duplicates: a.duplicates + b.duplicates,
      checks: [
        ...a.checks.map((c) => ({ ...c, what: `counters: ${c.what}` })),
        ...b.checks.map((c) => ({ ...c, what: `tasks: ${c.what}` })),
        {
          what: 'no redelivery reached the timeline (no event.ignored)',
          ok: rows[0]?.n === 0,
          detail: `${rows[0]?.n} ignored`,
        },
      ],
    };
  } finally {
    await runCleanup();
  }
}

/** Duplicate delivery: every completion event, orchestrator job and task job delivered again; nothing applies twice. */
export const duplicatesDrill: Drill = {
  name: 'duplicates',
  quick: true,
  summary: 'redeliver every orchestrator, completion and task message (same id and new id)',
  run: (options) => runDuplicateDelivery('duplicates', options),
};
