import type pg from 'pg';
import type { PrismaClient } from '../generated/prisma/client';
import type { Actor } from '../contracts/actor';
import { runTaskMessage, type OutboxMessage } from './outbox';
import { failLostTask, leaseExpiredEntry, MAX_LOST_ATTEMPTS } from './lost-attempts';
import { lockTask, writeTaskStep } from './sql/task-statements';
import { inTransaction } from './sql/transaction';
import { numbered } from './timeline';

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
  // Rows insertOutbox wrote from typed messages; each consumer parses its job again when it arrives.
  return prisma.$queryRaw<OutboxMessage[]>`
    UPDATE "Outbox" SET "publishedAt" = ${params.now}
    WHERE id IN (
      SELECT id FROM "Outbox"
      WHERE "processedAt" IS NULL AND "deadLetteredAt" IS NULL AND "availableAt" <= ${dueBefore}
        AND ("publishedAt" IS NULL OR "publishedAt" <= ${republishBefore})
      ORDER BY "availableAt" LIMIT ${params.limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, "tenantId", queue, "jobName", payload, "availableAt"`;
}

/**
 * Tasks whose worker died mid-attempt (lease expired) go back to the queue. The lost attempt is not counted
 * against the task's attempt limit (the handler did not fail, its process did) but as a lost attempt: after
 * MAX_LOST_ATTEMPTS the task fails and its instance hears the failure event. The timeline says which.
 */
export async function requeueExpiredLeases(
  db: { prisma: PrismaClient; pool: pg.Pool },
  params: { now: Date; worker: Actor; limit: number },
): Promise<OutboxMessage[]> {
  const { now, worker } = params;
  const candidates = await db.prisma.task.findMany({
    where: { status: 'running', leaseExpiresAt: { lt: now } },
    select: { id: true, tenantId: true },
    orderBy: { leaseExpiresAt: 'asc' },
    take: params.limit,
  });
  const outbox: OutboxMessage[] = [];
  for (const candidate of candidates) {
    // One small transaction per task, through the same lock and write as the task runner's.
    const messages = await inTransaction(db.pool, async (client): Promise<OutboxMessage[]> => {
      const task = await lockTask(client, { tenantId: candidate.tenantId, taskId: candidate.id, now });
      // Another sweeper got here first, or the worker finished after all.
      if (!task?.leaseLost) return [];
      const lost = task.lostAttempts + 1;
      if (lost >= MAX_LOST_ATTEMPTS) return (await failLostTask(client, task, lost, worker, now)).outbox;
      const msg = runTaskMessage({ tenantId: task.tenantId, taskId: task.id }, now);
      await writeTaskStep(client, {
        task,
        now,
        ...numbered(task, [leaseExpiredEntry(task, lost, worker)]),
        outbox: [msg],
        change: {
          kind: 'retry',
          nextRunAt: now,
          attempts: task.attempts - 1,
          lostAttempts: lost,
          error: `worker lost during the attempt (lease expired; ${lost} of at most ${MAX_LOST_ATTEMPTS} lost attempts)`,
        },
      });
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
