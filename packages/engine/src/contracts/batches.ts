import { z } from 'zod';
import { batchIdSchema } from './ids';
import { migrationFields, moveViaSchema, stateNameSchema } from './instance-moves';
import { eventNameSchema } from './names';
import { reasonSchema } from './reason';

// Operator batches: what a batch does to each instance it matched, its statuses, and the inputs that read and
// steer one. The filter a batch matches with is the instance search filter (`search/filter-schema.ts`).

export const batchActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('cancel') }),
  /** Retry the instance's failed tasks (an instance without one is skipped). */
  z.object({ action: z.literal('retry') }),
  z.object({ action: z.literal('send'), event: eventNameSchema, payload: z.unknown().optional() }),
  z.object({ action: z.literal('move'), state: stateNameSchema, via: moveViaSchema.optional() }),
  z.object({ action: z.literal('pause') }),
  z.object({ action: z.literal('resume') }),
  /** Applied to every migrated instance (service/instance-ops/migrate.ts). */
  z.object({ action: z.literal('migrate'), ...migrationFields }),
]);
export type BatchAction = z.output<typeof batchActionSchema>;
export type BatchActionInput = z.input<typeof batchActionSchema>;
export type BatchActionName = BatchAction['action'];

export const batchStatuses = ['running', 'paused', 'aborted', 'completed'] as const;
export const batchStatusSchema = z.enum(batchStatuses);
export type BatchStatus = z.infer<typeof batchStatusSchema>;

/** Where one matched instance stands in its batch. */
export const batchItemStatuses = ['pending', 'running', 'succeeded', 'skipped', 'failed'] as const;
export const batchItemStatusSchema = z.enum(batchItemStatuses);
export type BatchItemStatus = z.infer<typeof batchItemStatusSchema>;

/** Instances acted on per second: how hard a batch may push the workers. */
export const batchRateSchema = z.number().int().min(1).max(500).default(20);

export const batchItemsInput = z.object({
  batchId: batchIdSchema,
  status: batchItemStatusSchema.optional(),
  limit: z.number().int().min(1).max(1_000).default(200),
});
export type BatchItemsInput = z.input<typeof batchItemsInput>;

/** Pause, resume or abort a batch: always with a reason. */
export const batchControlInput = z.object({ batchId: batchIdSchema, reason: reasonSchema });
export type BatchControlInput = z.input<typeof batchControlInput>;
export const batchCommands = ['pause', 'resume', 'abort'] as const;
export type BatchCommand = (typeof batchCommands)[number];
