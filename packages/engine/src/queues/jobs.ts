import { z } from 'zod';
import { actorSchema } from '../actor';

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
});
export type ApplyEventJob = z.infer<typeof applyEventJobSchema>;

/** Payload of a `workflow-task-runner` job: run one attempt of one task. */
export const runTaskJobSchema = z.object({
  tenantId: z.string(),
  taskId: z.string().uuid(),
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
