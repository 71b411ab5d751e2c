import { z } from 'zod';

/**
 * Why an operator acted: recorded in the timeline. Where an action takes a reason, this is its rule. The console
 * asks for one on every action (`requireReason`); the engine's API lets the CLI and scripts leave it out where
 * the action's input says `reason` is optional.
 */
export const reasonSchema = z
  .string()
  .trim()
  .min(1, 'a reason is required: it is recorded in the timeline')
  .max(2_000, 'expected a reason of at most 2000 characters');

/** The same input with the reason required: what the console asks of every operator action. */
export function requireReason<Shape extends { reason: z.ZodOptional<typeof reasonSchema> }>(input: z.ZodObject<Shape>) {
  return input.extend({ reason: reasonSchema });
}
