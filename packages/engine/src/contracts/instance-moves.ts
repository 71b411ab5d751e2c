import { z } from 'zod';
import { batchIdSchema, instanceIdSchema } from './ids';
import { reasonSchema } from './reason';

// Moving an instance to a state and migrating it to another version: the input of the single action
// (service/instance-ops) and the fields a batch of them carries (batches.ts), declared once.

export const stateNameSchema = z.string().min(1, 'expected a state name').max(100);

/** The incoming transition a move enters through (its actions run, its tasks are created). */
export const moveViaSchema = z.object({ from: stateNameSchema, event: z.string().min(1).max(100) });

export const moveInput = z
  .object({
    instanceId: instanceIdSchema,
    /** The target state; or `backTo`, a transition entry's seq in the timeline ("move back to here"). */
    state: stateNameSchema.optional(),
    backTo: z.number().int().positive().optional(),
    /** Enter the state through this incoming transition, running its actions (its tasks are created). */
    via: moveViaSchema.extend({ payload: z.unknown().optional() }).optional(),
    /** The context the instance will have; absent: as it is now (or, with backTo, as it was before that transition). */
    context: z.record(z.string(), z.unknown()).optional(),
    reason: reasonSchema,
    batchId: batchIdSchema.optional(),
  })
  .refine((v) => (v.state === undefined) !== (v.backTo === undefined), {
    message: 'expected either state or backTo',
    path: ['state'],
  });
export type MoveInput = z.input<typeof moveInput>;

/** What happens to a migrated instance's tasks in flight: kept (nothing is lost), cancelled, or cancelled and re-created. */
export const migrationTaskModes = ['keep', 'cancel', 'recreate'] as const;
export const migrationTaskModeSchema = z.enum(migrationTaskModes);
export type MigrationTaskMode = z.infer<typeof migrationTaskModeSchema>;

/** What a migration does, whether to one instance or to each instance of a batch. */
export const migrationFields = {
  toVersion: z.number().int().positive(),
  /** Old state → new state, for states the new version removed (same names map themselves). */
  stateMap: z.record(z.string(), stateNameSchema).default({}),
  /** Context paths to set (dot path → JSON value). */
  contextSet: z.record(z.string(), z.unknown()).default({}),
  tasks: migrationTaskModeSchema.default('keep'),
};

export const migrateInput = z.object({
  instanceId: instanceIdSchema,
  ...migrationFields,
  reason: reasonSchema,
  batchId: batchIdSchema.optional(),
});
export type MigrateInput = z.input<typeof migrateInput>;
