import { z } from 'zod';

// Ids as they arrive from the console, the CLI and the API: each says which id it expected, so a pasted
// instance id in a task field is named as such.

export const instanceIdSchema = z.string().uuid('expected an instance id (a UUID)');
export const taskIdSchema = z.string().uuid('expected a task id (a UUID)');
/** A dead letter is its outbox message: the id is the message's. */
export const deadLetterIdSchema = z.string().uuid('expected a dead letter id (a UUID)');
export const definitionKeySchema = z
  .string()
  .min(1, 'expected a definition key')
  .max(200, 'expected a definition key of at most 200 characters');
/** A batch an operator action belongs to, when it is one step of a batch. */
export const batchIdSchema = z.string().uuid('expected a batch id (a UUID)');
export const businessKeySchema = z.string().min(1).max(200);
