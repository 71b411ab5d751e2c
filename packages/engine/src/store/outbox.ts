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

/** The WORKFLOW_START row startInstance writes through Prisma; every other writer uses store/sql's INSERT_OUTBOX. */
export async function insertStartMessage(tx: Prisma.TransactionClient, message: OutboxMessage): Promise<void> {
  const { id, tenantId, queue, jobName, payload, availableAt } = message;
  await tx.outbox.create({ data: { id, tenantId, queue, jobName, payload: toPrismaJson(payload), availableAt } });
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
