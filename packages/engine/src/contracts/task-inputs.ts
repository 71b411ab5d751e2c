// Inputs of built-in task types that the engine reads outside their handler: the store turns a DELAY task's wait
// into the time the task becomes due, the handler checks the same input when it runs.
import { z } from 'zod';

/** DELAY's input: how long to wait, at most an hour. */
export const delayInputSchema = z.object({ ms: z.number().int().min(0).max(3_600_000) }).passthrough();
export type DelayInput = z.infer<typeof delayInputSchema>;
