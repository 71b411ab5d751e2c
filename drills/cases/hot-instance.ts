import { pollUntil, progress, progressDone, runCleanup, runPool } from '@switchyard/testkit';
import { isEngineError } from '../../packages/engine/src/errors';
import { verifyInstances, waitForFinal } from '../lib/checks';
import { openDrillStack, startWorkers } from '../lib/fixture';
import type { Drill } from '../lib/result';
import { counterSpec } from '../lib/specs';

const EVENTS = 1_000;

/** 1,000 events sent at once to one instance: every one applied once, in a gap-free sequence. */
export const hotInstanceDrill: Drill = {
  name: 'hot-instance',
  quick: true,
  summary: `${EVENTS} concurrent events to one instance`,
  async run() {
    try {
      const stack = await openDrillStack('hot-instance', [counterSpec]);
      await startWorkers(stack, 2);
      const { instanceId } = await stack.engine.service.startInstance(stack.ctx, { definitionKey: 'drill-counter' });
      const version = async () =>
        (
          await stack.sql.query<{ v: number }>('SELECT version AS v FROM "WorkflowInstance" WHERE id = $1', [
            instanceId,
          ])
        ).rows[0]?.v ?? 0;
      await pollUntil(async () => (await version()) >= 1, 'the instance to start', 30_000);
      const started = Date.now();
      const send = (n: number) =>
        stack.engine.service.sendEvent(stack.ctx, { instanceId, type: 'TICK', payload: { n } });
      const burst = await Promise.allSettled(Array.from({ length: EVENTS }, (_, n) => send(n)));
      const refused = burst.flatMap((r, n) => (r.status === 'rejected' ? [{ n, error: r.reason as unknown }] : []));
      const unclear = refused.filter((r) => !isEngineError(r.error));
      // A client retries what was refused; the orchestrator side must still apply each event exactly once.
      await runPool(refused.length, 16, async (i) => {
        await send(refused[i]!.n);
      });
      await pollUntil(
        async () => {
          const v = await version();
          progress('hot-instance: applying', v - 1, EVENTS);
          return v >= EVENTS + 1;
        },
        `${EVENTS} events to apply`,
        120_000,
        100,
      );
      const seconds = (Date.now() - started) / 1000;
      progressDone(
        'hot-instance: applied',
        `${EVENTS} events in ${seconds.toFixed(1)} s (${Math.round(EVENTS / seconds)}/s on one row)`,
      );
      await stack.engine.service.sendEvent(stack.ctx, { instanceId, type: 'FINISH' });
      await waitForFinal(stack, [instanceId], ['finished'], 30_000, 'hot-instance: finish');
      const verdict = await verifyInstances(stack, [instanceId], {
        finalStates: ['finished'],
        transitions: EVENTS + 2,
      });
      const sample = unclear[0]?.error;
      verdict.checks.push({
        what: `the burst of ${EVENTS} sendEvent calls was accepted, or refused with an EngineError`,
        ok: unclear.length === 0,
        detail: refused.length
          ? `${refused.length} refused (retried), ${unclear.length} not as EngineError, e.g. ${sample instanceof Error ? `${sample.name}: ${sample.message.split('\n')[0]}` : String(sample)}`
          : undefined,
      });
      return {
        name: 'hot-instance',
        load: `${EVENTS} sendEvent calls in parallel to 1 instance, 2 workers`,
        faults: `lock contention on one row (${Math.round(EVENTS / seconds)} events/s)`,
        recoverySeconds: seconds,
        ...verdict,
      };
    } finally {
      await runCleanup();
    }
  },
};
