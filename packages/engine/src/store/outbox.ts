import { randomUUID } from 'node:crypto';
import {
  JOB_APPLY_EVENT,
  JOB_RUN_TASK,
  ORCHESTRATOR_QUEUE,
  TASK_RUNNER_QUEUE,
  type ApplyEventJob,
  type QueueName,
  type QueuePayloads,
  type RunTaskJob,
} from '../contracts/jobs';
import { currentTraceparent } from '../observability/tracing';

/** An outbox row as the relay needs it: the id becomes the BullMQ job id; the payload is the queue's job. */
export type OutboxMessage = { [Q in QueueName]: OutboxMessageOf<Q> }[QueueName];
interface OutboxMessageOf<Q extends QueueName> {
  id: string;
  tenantId: string;
  /** Set on orchestrator messages: the instance whose pending events they are (read and applied in batches). */
  instanceId?: string;
  queue: Q;
  jobName: string;
  payload: QueuePayloads[Q];
  availableAt: Date;
}

// Every message carries the trace it was created in (none when tracing is off), so its consumer continues it.
function withTrace<T extends { traceparent?: string | undefined }>(job: T): T {
  const traceparent = job.traceparent ?? currentTraceparent();
  return traceparent ? { ...job, traceparent } : job;
}

export function applyEventMessage(job: ApplyEventJob, availableAt: Date): OutboxMessageOf<typeof ORCHESTRATOR_QUEUE> {
  return {
    id: randomUUID(),
    tenantId: job.tenantId,
    instanceId: job.instanceId,
    queue: ORCHESTRATOR_QUEUE,
    jobName: JOB_APPLY_EVENT,
    payload: withTrace(job),
    availableAt,
  };
}

export function runTaskMessage(job: RunTaskJob, availableAt: Date): OutboxMessageOf<typeof TASK_RUNNER_QUEUE> {
  return {
    id: randomUUID(),
    tenantId: job.tenantId,
    queue: TASK_RUNNER_QUEUE,
    jobName: JOB_RUN_TASK,
    payload: withTrace(job),
    availableAt,
  };
}

/** Outbox rows as the plain-SQL writers send them (jsonb_to_recordset reads these keys as columns). */
export function outboxRows(messages: OutboxMessage[]): {
  id: string;
  tenantId: string;
  instanceId: string | null;
  queue: string;
  jobName: string;
  payload: unknown;
  availableAt: string;
}[] {
  return messages.map((m) => ({
    id: m.id,
    tenantId: m.tenantId,
    instanceId: m.instanceId ?? null,
    queue: m.queue,
    jobName: m.jobName,
    payload: m.payload,
    availableAt: m.availableAt.toISOString(),
  }));
}
