import { z } from 'zod';
import { jsonObjectSchema, jsonValueSchema } from './json';
import {
  batchIdSchema,
  businessKeySchema,
  deadLetterIdSchema,
  definitionKeySchema,
  instanceIdSchema,
  taskIdSchema,
} from './ids';
import { eventNameSchema } from './names';
import { reasonSchema } from './reason';

// The input of every operator action, as the engine's service validates it. The console's routers validate with
// the same schemas (with `requireReason` where the console asks for a reason), so a rule lives in one place.

export const startInstanceInput = z.object({
  definitionKey: definitionKeySchema,
  version: z.number().int().positive().optional(),
  input: jsonObjectSchema.optional(),
  businessKey: businessKeySchema.optional(),
});
export type StartInstanceInput = z.input<typeof startInstanceInput>;

export const sendEventInput = z.object({
  instanceId: instanceIdSchema,
  type: eventNameSchema,
  payload: jsonValueSchema.optional(),
  reason: reasonSchema.optional(),
  /** A batch step names its batch (service/batches); it is recorded on the action's timeline entry. */
  batchId: batchIdSchema.optional(),
});
export type SendEventInput = z.input<typeof sendEventInput>;

export const instanceActionInput = z.object({
  instanceId: instanceIdSchema,
  reason: reasonSchema.optional(),
  batchId: batchIdSchema.optional(),
});
export type InstanceActionInput = z.input<typeof instanceActionInput>;

/** Pause or resume an instance: always with a reason, and the batch when it is one step of a batch. */
export const pauseInstanceInput = z.object({
  instanceId: instanceIdSchema,
  reason: reasonSchema,
  batchId: batchIdSchema.optional(),
});
export type PauseInstanceInput = z.input<typeof pauseInstanceInput>;

export const taskActionInput = z.object({
  taskId: taskIdSchema,
  reason: reasonSchema.optional(),
  batchId: batchIdSchema.optional(),
});
export type TaskActionInput = z.input<typeof taskActionInput>;

export const raiseGuardInput = z.object({
  instanceId: instanceIdSchema,
  /** The new cap for the guard that tripped; absent: twice the cap that tripped. */
  limit: z.number().int('expected a whole number').positive('expected a positive number').max(1_000_000_000).optional(),
  reason: reasonSchema.optional(),
});
export type RaiseGuardInput = z.input<typeof raiseGuardInput>;

export const retryDeadLetterInput = z.object({ messageId: deadLetterIdSchema, reason: reasonSchema.optional() });
export type RetryDeadLetterInput = z.input<typeof retryDeadLetterInput>;
/** Discarding drops an event for good, so even the CLI must say why. */
export const discardDeadLetterInput = retryDeadLetterInput.extend({ reason: reasonSchema });
export type DiscardDeadLetterInput = z.input<typeof discardDeadLetterInput>;

/** Approve or reject a decision awaiting approval; the reason is what the audit trail shows for it. */
export const resolveDecisionInput = z.object({ taskId: taskIdSchema, reason: reasonSchema });
export type ResolveDecisionInput = z.input<typeof resolveDecisionInput>;

export const overrideDecisionInput = resolveDecisionInput.extend({
  event: eventNameSchema,
  /** Defaults to the proposed payload. */
  payload: jsonObjectSchema.optional(),
});
export type OverrideDecisionInput = z.input<typeof overrideDecisionInput>;
