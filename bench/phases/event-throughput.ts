import { pollUntil, progress, progressDone, runPool, type Stack } from '@switchyard/testkit';

export interface EventThroughput {
  events: number;
  instances: number;
  /** Applied events per second, from the first to the last applied event's timeline timestamp. */
  eventsPerSec: number;
  wallSeconds: number;
}

/**
 * Pre-queues `events` TICKs over the counter instances with the orchestrator queue paused, then resumes it and
 * measures how fast the workers apply them (each one its own durable transaction).
 */
export async function measureEventThroughput(
  stack: Stack,
  instanceIds: string[],
  events: number,
): Promise<EventThroughput> {
  const orchestrator = stack.engine.deps.publisher.queue('workflow-orchestrator');
  await orchestrator.pause();
  await runPool(
    events,
    32,
    async (i) => {
      await stack.engine.service.sendEvent(stack.ctx, {
        instanceId: instanceIds[i % instanceIds.length]!,
        type: 'TICK',
        payload: { n: i },
      });
    },
    (done) => progress('engine: queue TICK events', done, events),
  );
  const { rows: before } = await stack.sql.query<{ v: number }>(
    `SELECT coalesce(sum(version), 0)::int AS v FROM "WorkflowInstance" WHERE "definitionKey" = 'bench-counter'`,
  );
  const target = (before[0]?.v ?? 0) + events;
  const started = performance.now();
  await orchestrator.resume();
  await pollUntil(
    async () => {
      const { rows } = await stack.sql.query<{ v: number }>(
        `SELECT coalesce(sum(version), 0)::int AS v FROM "WorkflowInstance" WHERE "definitionKey" = 'bench-counter'`,
      );
      progress('engine: apply TICK events', (rows[0]?.v ?? 0) - target + events, events);
      return (rows[0]?.v ?? 0) >= target;
    },
    `${events} TICK events to be applied`,
    300_000,
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const { rows } = await stack.sql.query<{ n: number; span: number }>(`
    SELECT count(*)::int AS n, extract(epoch FROM max("createdAt") - min("createdAt"))::float8 AS span
    FROM "WorkflowEvent" WHERE type = 'event.received' AND payload->>'event' = 'TICK'`);
  const span = rows[0]?.span ?? wallSeconds;
  const eventsPerSec = events / Math.max(span, 0.001);
  progressDone(
    'engine: apply TICK events',
    `${events} events in ${wallSeconds.toFixed(2)} s wall → ${Math.round(eventsPerSec)} events/s`,
  );
  return { events, instances: instanceIds.length, eventsPerSec, wallSeconds };
}
