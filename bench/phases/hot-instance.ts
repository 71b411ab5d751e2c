import { pollUntil, progress, progressDone, runPool, type Stack } from '@switchyard/testkit';

export interface HotInstance {
  events: number;
  /** Events applied per second to one instance, from the first send to the last applied (as the hot-instance drill). */
  eventsPerSec: number;
  /** Seconds until the last sendEvent returned (the sender's share of the time; applying goes on meanwhile). */
  sendSeconds: number;
}

/** Sends `events` TICKs at once to one counter instance and times them until all are applied on that one row. */
export async function measureHotInstance(stack: Stack, definitionKey: string, events: number): Promise<HotInstance> {
  const { instanceId } = await stack.engine.service.startInstance(stack.ctx, { definitionKey });
  const version = async () =>
    (await stack.sql.query<{ v: number }>('SELECT version AS v FROM "WorkflowInstance" WHERE id = $1', [instanceId]))
      .rows[0]?.v ?? 0;
  await pollUntil(async () => (await version()) >= 1, 'the hot instance to start', 30_000);
  const started = performance.now();
  const send = (n: number) => stack.engine.service.sendEvent(stack.ctx, { instanceId, type: 'TICK', payload: { n } });
  const burst = await Promise.allSettled(Array.from({ length: events }, (_, n) => send(n)));
  // A client retries what was refused (a busy pool): the rate counts the retries' time too.
  const refused = burst.flatMap((r, n) => (r.status === 'rejected' ? [n] : []));
  await runPool(refused.length, 16, async (i) => {
    await send(refused[i]!);
  });
  const sendSeconds = (performance.now() - started) / 1000;
  await pollUntil(
    async () => {
      const v = await version();
      progress('engine: hot instance', v - 1, events);
      return v >= events + 1;
    },
    `${events} events on one instance to be applied`,
    300_000,
  );
  const seconds = (performance.now() - started) / 1000;
  const eventsPerSec = events / seconds;
  progressDone(
    'engine: hot instance',
    `${events} events to one instance in ${seconds.toFixed(2)} s (sent in ${sendSeconds.toFixed(2)} s) → ${Math.round(eventsPerSec)}/s`,
  );
  return { events, eventsPerSec, sendSeconds };
}
