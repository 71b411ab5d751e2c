import { randomUUID } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client';
import { JOB_APPLY_EVENT, JOB_RUN_TASK, ORCHESTRATOR_QUEUE, TASK_RUNNER_QUEUE, type QueueName } from '../queues/names';
import type { ApplyEventJob, RunTaskJob } from '../queues/jobs';
import { toPrismaJson } from '../json';

/** An outbox row as the relay needs it: the id becomes the BullMQ job id. */
export interface OutboxMessage {
  id: string;
  tenantId: string;
  queue: QueueName;
  jobName: string;
  payload: unknown;
  availableAt: Date;
}

export function applyEventMessage(job: ApplyEventJob, availableAt: Date): OutboxMessage {
  return {
    id: randomUUID(),
    tenantId: job.tenantId,
    queue: ORCHESTRATOR_QUEUE,
    jobName: JOB_APPLY_EVENT,
    payload: job,
    availableAt,
  };
}

export function runTaskMessage(job: RunTaskJob, availableAt: Date): OutboxMessage {
  return {
    id: randomUUID(),
    tenantId: job.tenantId,
    queue: TASK_RUNNER_QUEUE,
    jobName: JOB_RUN_TASK,
    payload: job,
    availableAt,
  };
}

/** Writes outbox rows inside the caller's transaction, so they commit or vanish with the change. */
export async function insertOutbox(tx: Prisma.TransactionClient, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.outbox.createMany({
    data: messages.map((m) => ({
      id: m.id,
      tenantId: m.tenantId,
      queue: m.queue,
      jobName: m.jobName,
      payload: toPrismaJson(m.payload),
      availableAt: m.availableAt,
    })),
  });
}

/** Settles pending messages of a task that will never run (cancelled), so the sweeper leaves them alone. */
export async function settleTaskMessages(tx: Prisma.TransactionClient, taskId: string, now: Date): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`UPDATE "Outbox" SET "processedAt" = ${now}
    WHERE "processedAt" IS NULL AND "queue" = ${TASK_RUNNER_QUEUE} AND "payload"->>'taskId' = ${taskId}
    RETURNING id`;
  return rows.map((row) => row.id);
}

/** Outbox rows as the plain-SQL writers send them (jsonb_to_recordset reads these keys as columns). */
export function outboxRows(
  messages: OutboxMessage[],
): { id: string; tenantId: string; queue: string; jobName: string; payload: unknown; availableAt: string }[] {
  return messages.map((m) => ({
    id: m.id,
    tenantId: m.tenantId,
    queue: m.queue,
    jobName: m.jobName,
    payload: m.payload,
    availableAt: m.availableAt.toISOString(),
  }));
}
