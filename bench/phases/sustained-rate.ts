import { pollUntil, progress, progressDone, type Stack } from '@switchyard/testkit';
import type { CommitListener } from './commit-listener';

export interface SustainedRate {
  /** sendEvent calls completed per second by the bench's sender, 32 in flight, while the workers apply them. */
  sentPerSec: number;
  /** Transitions committed per second over the same window. */
  appliedPerSec: number;
}

const IN_FLIGHT = 32;

/**
 * The rate the whole system sustains, sender included: the bench sends TICKs as fast as it can (a closed loop, as
 * many in flight as the events phase queues with) for `durationMs` while the workers apply them, on the same cores.
 * The lower of what was sent and what was applied in that window is what it sustains; the latency phase runs at half
 * of it. (The events phase's rate leaves the sender out: its events are queued before the workers start.)
 */
export async function measureSustainedRate(
  stack: Stack,
  listener: CommitListener,
  instanceIds: string[],
  durationMs: number,
): Promise<SustainedRate> {
  const label = 'latency: sustained rate, sender included';
  const started = performance.timeOrigin + performance.now();
  const until = started + durationMs;
  let sent = 0;
  const lane = async () => {
    while (performance.timeOrigin + performance.now() < until) {
      const i = sent;
      await stack.engine.service.sendEvent(stack.ctx, {
        instanceId: instanceIds[i % instanceIds.length]!,
        type: 'TICK',
        payload: { n: i },
      });
      sent++;
      progress(label, Math.round(performance.timeOrigin + performance.now() - started), durationMs);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const ended = performance.timeOrigin + performance.now();
  const seconds = (ended - started) / 1000;
  // Every TICK commits one transition: let the backlog drain before counting and before the latency phase starts.
  const since = () => [...listener.commits.values()].filter((at) => at >= started).length;
  await pollUntil(async () => since() >= sent, 'the sustained-rate backlog to drain', 120_000);
  let applied = 0;
  for (const at of listener.commits.values()) if (at >= started && at <= ended) applied++;
  const figure = { sentPerSec: sent / seconds, appliedPerSec: applied / seconds };
  progressDone(
    label,
    `${Math.round(figure.sentPerSec)}/s sent, ${Math.round(figure.appliedPerSec)}/s applied in ${seconds.toFixed(1)} s`,
  );
  return figure;
}
