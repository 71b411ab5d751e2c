import type { PrismaClient } from '../generated/prisma/client';
import type { Actor } from '../actor';
import type { QueueName } from '../queues/names';
import { insertOutbox, runTaskMessage, type OutboxMessage } from './outbox';
import { lockTaskAndInstance } from './locks';
import { lostTaskFailure, MAX_LOST_ATTEMPTS } from './lost-attempts';
import { appendTimeline } from './timeline';

/**
 * Claims outbox rows that should have been consumed by now but were not: never published (a crash between
 * commit and publish), or lost from Redis (a restart, a FLUSHALL). SKIP LOCKED lets several sweepers share.
 * A dead-lettered row (a poison event) is never republished: it waits for an operator.
 */
export async function claimStaleOutbox(
  prisma: PrismaClient,
  params: { now: Date; graceMs: number; republishAfterMs: number; limit: number },
): Promise<OutboxMessage[]> {
  const dueBefore = new Date(params.now.getTime() - params.graceMs);
  const republishBefore = new Date(params.now.getTime() - params.republishAfterMs);
  const rows = await prisma.$queryRaw<
    { id: string; tenantId: string; queue: string; jobName: string; payload: unknown; availableAt: Date }[]
  >`
    UPDATE "Outbox" SET "publishedAt" = ${params.now}
    WHERE id IN (
      SELECT id FROM "Outbox"
      WHERE "processedAt" IS NULL AND "deadLetteredAt" IS NULL AND "availableAt" <= ${dueBefore}
        AND ("publishedAt" IS NULL OR "publishedAt" <= ${republishBefore})
      ORDER BY "availableAt" LIMIT ${params.limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, "tenantId", queue, "jobName", payload, "availableAt"`;
  return rows.map((row) => ({ ...row, queue: row.queue as QueueName }));
}

/**
 * Tasks whose worker died mid-attempt (lease expired) go back to the queue. The lost attempt is not counted
 * against the task's attempt limit (the handler did not fail, its process did) but as a lost attempt: after
 * MAX_LOST_ATTEMPTS the task fails and its instance hears the failure event. The timeline says which.
 */
export async function requeueExpiredLeases(
  prisma: PrismaClient,
  params: { now: Date; worker: Actor; limit: number },
): Promise<OutboxMessage[]> {
  const candidates = await prisma.task.findMany({
    where: { status: 'running', leaseExpiresAt: { lt: params.now } },
    select: { id: true, tenantId: true },
    orderBy: { leaseExpiresAt: 'asc' },
    take: params.limit,
  });
  const outbox: OutboxMessage[] = [];
  for (const candidate of candidates) {
    // One small transaction per task, locking instance then task like every other writer.
    const messages = await prisma.$transaction(async (tx) => {
      if (!(await lockTaskAndInstance(tx, candidate.tenantId, candidate.id))) return [];
      const task = await tx.task.findUnique({ where: { id: candidate.id } });
      // Another sweeper got here first, or the worker finished after all.
      if (!task || task.status !== 'running' || !task.leaseExpiresAt || task.leaseExpiresAt >= params.now) return [];
      const lost = task.lostAttempts + 1;
      const expired = {
        type: 'task.lease_expired' as const,
        actor: params.worker,
        taskId: task.id,
        payload: {
          taskId: task.id,
          name: task.name,
          attempt: task.attempts,
          lostAttempts: lost,
          maxLostAttempts: MAX_LOST_ATTEMPTS,
          leaseExpiredAt: task.leaseExpiresAt.toISOString(),
        },
      };
      if (lost >= MAX_LOST_ATTEMPTS) {
        const failure = lostTaskFailure(task, lost, params.worker, params.now);
        await tx.task.update({
          where: { id: task.id },
          data: {
            status: 'failed',
            lostAttempts: lost,
            finishedAt: params.now,
            leaseExpiresAt: null,
            lastError: failure.error,
          },
        });
        await appendTimeline(
          tx,
          { tenantId: task.tenantId, instanceId: task.instanceId },
          [
            expired,
            {
              type: 'task.failed',
              actor: params.worker,
              taskId: task.id,
              payload: {
                taskId: task.id,
                name: task.name,
                type: task.type,
                attempt: task.attempts,
                maxAttempts: task.maxAttempts,
                error: failure.error,
                retriable: false,
                event: failure.event,
              },
            },
          ],
          params.now,
        );
        await insertOutbox(tx, failure.outbox);
        return failure.outbox;
      }
      await tx.task.update({
        where: { id: task.id },
        data: {
          status: 'queued',
          attempts: task.attempts - 1,
          lostAttempts: lost,
          nextRunAt: params.now,
          leaseExpiresAt: null,
          lastError: `worker lost during the attempt (lease expired; ${lost} of at most ${MAX_LOST_ATTEMPTS} lost attempts)`,
        },
      });
      await appendTimeline(tx, { tenantId: task.tenantId, instanceId: task.instanceId }, [expired], params.now);
      const msg = runTaskMessage({ tenantId: task.tenantId, taskId: task.id }, params.now);
      await insertOutbox(tx, [msg]);
      return [msg];
    });
    outbox.push(...messages);
  }
  return outbox;
}

/** Consumed outbox rows are only history; keep an hour of them for debugging. */
export async function pruneProcessedOutbox(
  prisma: PrismaClient,
  params: { now: Date; keepMs: number },
): Promise<number> {
  const { count } = await prisma.outbox.deleteMany({
    where: { processedAt: { lt: new Date(params.now.getTime() - params.keepMs) } },
  });
  return count;
}
