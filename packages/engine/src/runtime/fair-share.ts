import { DelayedError, type Job } from 'bullmq';
import type { Logger } from '../logger';
import type { OutboxJobData } from '../queues/jobs';
import type { SlotKind, TenantSlots } from '../queues/tenant-slots';
import type { TenantCaps } from '../store/tenant-caps';

/** Everything a queue consumer needs to keep one tenant inside its share of slots. */
export interface FairShare {
  slots: TenantSlots;
  caps: TenantCaps;
  logger: Logger;
  /** How long a slot holds without a refresh (a crashed worker's slot frees itself after this). */
  leaseMs: number;
  /** A deferred job comes back after this long, plus up to as much again of jitter. */
  deferMs: number;
  /**
   * Over its cap, may a tenant use slots no other tenant wants? Right for short jobs (orchestrator: a borrowed slot
   * is back within milliseconds); wrong for tasks, which may hold a borrowed slot for minutes once others arrive.
   */
  borrowWhenAlone: boolean;
}

function tenantOf(job: Job<OutboxJobData<unknown>>): string | undefined {
  const data = job.data.data as { tenantId?: unknown } | undefined;
  return typeof data?.tenantId === 'string' ? data.tenantId : undefined;
}

/**
 * Wraps a queue processor so a tenant holds at most its cap of this kind of slot across all workers. A job of a
 * tenant at its cap does not wait in the slot: it goes back to BullMQ's delayed set for a moment (a timer) and
 * the slot serves whoever is next — another tenant's job. Works on open-source BullMQ (no group feature needed).
 */
export function withFairShare<R>(
  kind: SlotKind,
  fairShare: FairShare | undefined,
  processor: (job: Job<OutboxJobData<unknown>>) => Promise<R>,
): (job: Job<OutboxJobData<unknown>>, token?: string) => Promise<R> {
  if (!fairShare) return processor;
  const { slots, caps, leaseMs, deferMs, borrowWhenAlone } = fairShare;
  return async (job, token) => {
    const tenantId = tenantOf(job);
    const member = job.id;
    if (!tenantId || !member) return processor(job);
    const cap = await caps.cap(kind, tenantId);
    if (!(await slots.acquire(kind, tenantId, member, cap, leaseMs, { borrowWhenAlone }))) {
      await job.moveToDelayed(Date.now() + deferMs + Math.floor(Math.random() * deferMs), token);
      throw new DelayedError();
    }
    const refresh = setInterval(
      () => {
        slots
          .refresh(kind, tenantId, member, leaseMs)
          .catch((error: unknown) => fairShare.logger.warn({ err: error, tenantId }, 'tenant slot refresh failed'));
      },
      Math.max(100, Math.floor(leaseMs / 3)),
    );
    try {
      return await processor(job);
    } finally {
      clearInterval(refresh);
      await slots
        .release(kind, tenantId, member)
        .catch((error: unknown) =>
          fairShare.logger.warn({ err: error, tenantId }, 'tenant slot release failed; its lease will expire'),
        );
    }
  };
}
