// `--wait`: poll until an instance ends or an event's outcome is in the timeline, or until --timeout.
import type { TenantContext } from '../contracts/actor';
import type { Engine } from '../runtime/engine';
import type { InstanceDetail, TimelineItem } from '../service';

const POLL_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The instance once it is no longer running, or `timedOut` with its last view. */
export async function waitForInstanceEnd(
  engine: Engine,
  ctx: TenantContext,
  instanceId: string,
  timeoutSeconds: number,
): Promise<{ instance: InstanceDetail; timedOut: boolean }> {
  const deadline = Date.now() + timeoutSeconds * 1_000;
  for (;;) {
    const instance = await engine.service.getInstance(ctx, { instanceId });
    if (instance.status !== 'running') return { instance, timedOut: false };
    if (Date.now() >= deadline) return { instance, timedOut: true };
    await sleep(POLL_MS);
  }
}

export type EventOutcome =
  | { outcome: 'applied'; from: string; to: string; seq: number }
  | { outcome: 'ignored'; reason: string; seq: number }
  | { outcome: 'rejected'; reason: string; seq: number }
  | { outcome: 'timed out' };

const outcomeTypes = ['event.received', 'event.ignored', 'event.rejected', 'transition'];

function outcomeAfter(received: TimelineItem, next: TimelineItem | undefined): EventOutcome | null {
  if (!next) return null;
  const p = (next.payload ?? {}) as Record<string, unknown>;
  const reason = typeof p['reason'] === 'string' ? p['reason'] : JSON.stringify(p['reason'] ?? p['error'] ?? null);
  if (next.type === 'transition')
    return { outcome: 'applied', from: String(p['from']), to: String(p['to']), seq: received.seq };
  if (next.type === 'event.ignored') return { outcome: 'ignored', reason, seq: received.seq };
  if (next.type === 'event.rejected') return { outcome: 'rejected', reason, seq: received.seq };
  return null;
}

/**
 * What became of one sent message: applied (a transition), ignored (with the engine's reason) or rejected. The
 * orchestrator writes `event.received` (carrying the message id) and its outcome in one transaction.
 */
export async function waitForEventOutcome(
  engine: Engine,
  ctx: TenantContext,
  instanceId: string,
  messageId: string,
  afterSeq: number,
  timeoutSeconds: number,
): Promise<EventOutcome> {
  const deadline = Date.now() + timeoutSeconds * 1_000;
  let from = afterSeq;
  for (;;) {
    const entries = await engine.service.getTimeline(ctx, {
      instanceId,
      afterSeq: from,
      types: outcomeTypes,
      limit: 1_000,
    });
    const index = entries.findIndex(
      (e) => e.type === 'event.received' && (e.payload as Record<string, unknown> | null)?.['messageId'] === messageId,
    );
    const received = entries[index];
    if (received) {
      const outcome = outcomeAfter(received, entries[index + 1]);
      if (outcome) return outcome;
      from = received.seq - 1; // its outcome fell past this page: read from the message on
    } else if (entries.length > 0) {
      from = entries.at(-1)?.seq ?? from;
    }
    if (Date.now() >= deadline) return { outcome: 'timed out' };
    await sleep(POLL_MS);
  }
}
