import { z } from 'zod';
import { actorSchema } from './actor';
import { batchIdSchema } from './ids';
import { jsonValueSchema } from './json';

// What travels through BullMQ. Producers build these (store/outbox.ts), consumers parse them again on arrival
// (runtime/orchestrator.ts, runtime/task-runner.ts): Redis is outside the transaction, so a job is checked, not trusted.

export const ORCHESTRATOR_QUEUE = 'workflow-orchestrator';
export const TASK_RUNNER_QUEUE = 'workflow-task-runner';
/** Operator batches: one job runs a batch until it is done, paused or aborted (service/batches). */
export const BATCH_QUEUE = 'switchyard-batches';
export type QueueName = typeof ORCHESTRATOR_QUEUE | typeof TASK_RUNNER_QUEUE | typeof BATCH_QUEUE;

export const JOB_APPLY_EVENT = 'apply-event';
/** The orchestrator's one job kind: an instance has pending events (deduplicated per instance). */
export const JOB_INSTANCE_WORK = 'instance-has-work';
export const JOB_RUN_TASK = 'run-task';
export const JOB_RUN_BATCH = 'run-batch';

// version-traceid-spanid-flags; anything else is dropped rather than failing the job (it only links a trace).
const traceparentSchema = z
  .string()
  .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
  .optional()
  .catch(undefined);

/** Payload of a `workflow-orchestrator` job: one event for one instance. */
export const applyEventJobSchema = z.object({
  tenantId: z.string(),
  instanceId: z.string().uuid(),
  event: z.object({ type: z.string().min(1), payload: jsonValueSchema.optional() }),
  actor: actorSchema,
  /** Why an operator sent it; shown in the timeline. */
  reason: z.string().optional(),
  /** Set when the event reports a task's final failure, so an unhandled one marks the instance failed. */
  failedTaskId: z.string().uuid().optional(),
  /** The operator batch that sent it (recorded on its event.received entry). */
  batchId: batchIdSchema.optional(),
  /** The W3C trace context the event was sent in (tracing on), so applying it continues that trace. */
  traceparent: traceparentSchema,
});
export type ApplyEventJob = z.infer<typeof applyEventJobSchema>;

/**
 * Payload of a `workflow-orchestrator` job: "this instance has work". The events themselves wait in the outbox, in
 * commit order; the orchestrator applies whatever is pending for the instance. An older job carrying one event
 * (ApplyEventJob) parses as this too: it wakes the same instance.
 */
export const instanceWorkJobSchema = z.object({
  tenantId: z.string(),
  instanceId: z.string().uuid(),
});
export type InstanceWorkJob = z.infer<typeof instanceWorkJobSchema>;

/** Payload of a `workflow-task-runner` job: run one attempt of one task. */
export const runTaskJobSchema = z.object({
  tenantId: z.string(),
  taskId: z.string().uuid(),
  /** The trace of the transition that created the task (tracing on). */
  traceparent: traceparentSchema,
});
export type RunTaskJob = z.infer<typeof runTaskJobSchema>;

/** Payload of a `switchyard-batches` job: run one batch until it is done, paused or aborted. */
export const runBatchJobSchema = z.object({ tenantId: z.string(), batchId: batchIdSchema });
export type RunBatchJob = z.infer<typeof runBatchJobSchema>;

/**
 * Every task job carries the outbox row id (also its BullMQ job id), the consumer's de-duplication key. A wake-up
 * of an instance carries none: the messages it stands for are read from the outbox.
 */
export interface OutboxJobData<T> {
  outboxId?: string;
  data: T;
}

/** The two kinds of work a tenant holds fair-share slots for: task attempts and orchestrator jobs. */
export type SlotKind = 'task' | 'orchestrator';

/** The payload each queue carries. */
export interface QueuePayloads {
  [ORCHESTRATOR_QUEUE]: ApplyEventJob;
  [TASK_RUNNER_QUEUE]: RunTaskJob;
  [BATCH_QUEUE]: RunBatchJob;
}
