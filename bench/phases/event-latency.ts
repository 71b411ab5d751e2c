import { type Percentiles, percentiles, pollUntil, progressDone, type Stack } from '@switchyard/testkit';
import type { CommitListener } from './commit-listener';
import { openLoop } from './open-loop';

export interface EventLatency {
  targetPerSec: number;
  achievedPerSec: number;
  /** sendEvent called → the transition it caused committed. */
  sendToCommit: Percentiles;
}

/** Sends TICKs at `ratePerSec` to random counter instances and measures send → committed transition. */
export async function measureEventLatency(
  stack: Stack,
  listener: CommitListener,
  instanceIds: string[],
  ratePerSec: number,
  durationMs: number,
): Promise<EventLatency> {
  const sentAt = new Map<string, number>();
  const { achievedPerSec } = await openLoop(ratePerSec, durationMs, 256, 'latency: TICK at half load', async (i) => {
    const at = performance.timeOrigin + performance.now();
    const instanceId = instanceIds[Math.floor(Math.random() * instanceIds.length)]!;
    const { messageId } = await stack.engine.service.sendEvent(stack.ctx, {
      instanceId,
      type: 'TICK',
      payload: { n: i },
    });
    sentAt.set(messageId, at);
  });
  const ids = [...sentAt.keys()];
  let received: { instanceId: string; seq: number; m: string }[] = [];
  await pollUntil(
    async () => {
      const { rows } = await stack.sql.query<{ instanceId: string; seq: number; m: string }>(
        `SELECT "instanceId", seq, payload->>'messageId' AS m FROM "WorkflowEvent" WHERE type = 'event.received' AND payload->>'messageId' = ANY($1::text[])`,
        [ids],
      );
      received = rows;
      return rows.length >= ids.length && rows.every((r) => listener.commits.has(`${r.instanceId}:${r.seq + 1}`));
    },
    'every latency probe to be applied',
    60_000,
    200,
  );
  const samples = received.map((r) => listener.commits.get(`${r.instanceId}:${r.seq + 1}`)! - sentAt.get(r.m)!);
  const sendToCommit = percentiles(samples);
  progressDone(
    'latency: TICK at half load',
    `${Math.round(achievedPerSec)}/s sent; p50 ${sendToCommit.p50.toFixed(1)} ms, p99 ${sendToCommit.p99.toFixed(1)} ms`,
  );
  return { targetPerSec: ratePerSec, achievedPerSec, sendToCommit };
}
