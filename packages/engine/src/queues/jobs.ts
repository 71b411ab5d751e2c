import { z } from 'zod';
import { actorSchema } from '../actor';

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
  event: z.object({ type: z.string().min(1), payload: z.unknown().optional() }),
  actor: actorSchema,
  /** Why an operator sent it; shown in the timeline. */
  reason: z.string().optional(),
  /** Set when the event reports a task's final failure, so an unhandled one marks the instance failed. */
  failedTaskId: z.string().uuid().optional(),
  /** The operator batch that sent it (recorded on its event.received entry). */
  batchId: z.string().uuid().optional(),
  /** The W3C trace context the event was sent in (tracing on), so applying it continues that trace. */
  traceparent: traceparentSchema,
});
export type ApplyEventJob = z.infer<typeof applyEventJobSchema>;

/** Payload of a `workflow-task-runner` job: run one attempt of one task. */
export const runTaskJobSchema = z.object({
  tenantId: z.string(),
  taskId: z.string().uuid(),
  /** The trace of the transition that created the task (tracing on). */
  traceparent: traceparentSchema,
});
export type RunTaskJob = z.infer<typeof runTaskJobSchema>;

/** Payload of a `switchyard-batches` job: run one batch until it is done, paused or aborted. */
export const runBatchJobSchema = z.object({ tenantId: z.string(), batchId: z.string().uuid() });
export type RunBatchJob = z.infer<typeof runBatchJobSchema>;

/** Every job carries the outbox row id (also its BullMQ job id), the consumer's de-duplication key. */
export interface OutboxJobData<T> {
  outboxId: string;
  data: T;
}
