import { DelayedError, type Job, type Queue } from 'bullmq';
import type { Logger } from '../logger';
import type { OutboxJobData } from '../contracts/jobs';
import type { SlotKind } from '../contracts/jobs';
import type { TenantSlots } from '../queues/tenant-slots';
import type { TenantCaps } from '../store/tenant-caps';

/** Everything a queue consumer needs to keep one tenant inside its share of slots. */
export interface FairShare {
  slots: TenantSlots;
  caps: TenantCaps;
  logger: Logger;
  /** The queue the wrapped consumer reads, to wake a parked job. */
  queue: Pick<Queue, 'getJob'>;
  /** How long a slot holds without a refresh (a crashed worker's slot frees itself after this). */
  leaseMs: number;
  /**
   * A job refused a slot is parked: the release of one of its tenant's slots brings it back at once. This is only
   * the backstop (a wake-up that found the job still moving, a crashed slot holder): it comes back after this long,
   * plus up to as much again of jitter.
   */
  parkMs: number;
  /**
   * Over its cap, may a tenant use slots no other tenant wants? Right for short jobs (orchestrator: a borrowed slot
   * is back within milliseconds); wrong for tasks, which may hold a borrowed slot for minutes once others arrive.
   */
  borrowWhenAlone: boolean;
}

/**
 * The BullMQ priority of a parked job. Fresh jobs carry none (0) and sit in the wait list, which a worker empties
 * before it looks at the prioritized set; any priority above 0 puts a job in that set, behind all fresh work.
 */
export const PARKED_PRIORITY = 1;

function tenantOf(job: Job<OutboxJobData<unknown>>): string | undefined {
  const data = job.data.data as { tenantId?: unknown } | undefined;
  return typeof data?.tenantId === 'string' ? data.tenantId : undefined;
}

/** Moves a parked job from the delayed set to the wait list; a job not (or no longer) delayed is left alone. */
async function wake(queue: FairShare['queue'], jobId: string, logger: Logger): Promise<void> {
  try {
    const parked = await queue.getJob(jobId);
    if (parked && (await parked.isDelayed())) await parked.promote();
  } catch (error) {
    logger.debug({ err: error, jobId }, 'parked job not woken; its timer brings it back');
  }
}

/**
 * Wraps a queue processor so a tenant holds at most its cap of this kind of slot across all workers. A job of a
 * tenant at its cap does not wait in the slot: it is parked in BullMQ's delayed set and the slot serves whoever is
 * next — another tenant's job. When one of the tenant's own slots frees, the job that finished wakes the tenant's
 * longest-parked job, so a tenant far over its cap costs one park and one wake-up per job instead of a retry every
 * few hundred milliseconds. Works on open-source BullMQ (no group feature needed).
 */
export function withFairShare<R>(
  kind: SlotKind,
  fairShare: FairShare | undefined,
  processor: (job: Job<OutboxJobData<unknown>>) => Promise<R>,
): (job: Job<OutboxJobData<unknown>>, token?: string) => Promise<R> {
  if (!fairShare) return processor;
  const { slots, caps, leaseMs, parkMs, borrowWhenAlone } = fairShare;
  return async (job, token) => {
    const tenantId = tenantOf(job);
    const member = job.id;
    if (!tenantId || !member) return processor(job);
    const cap = await caps.cap(kind, tenantId);
    if (!(await slots.acquire(kind, tenantId, member, cap, leaseMs, { borrowWhenAlone }))) {
      await slots.park(kind, tenantId, member, parkMs * 4);
      // From now on the job is deferred work: whether a release wakes it or its timer fires, it returns to the
      // prioritized set, which workers serve only when no fresh job waits — never in front of another tenant's.
      if (job.priority !== PARKED_PRIORITY) await job.changePriority({ priority: PARKED_PRIORITY });
      await job.moveToDelayed(Date.now() + parkMs + Math.floor(Math.random() * parkMs), token);
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
      const next = await slots.release(kind, tenantId, member).catch((error: unknown) => {
        fairShare.logger.warn({ err: error, tenantId }, 'tenant slot release failed; its lease will expire');
        return undefined;
      });
      if (next) await wake(fairShare.queue, next, fairShare.logger);
    }
  };
}
