import { z } from 'zod';

/** Every operator action on an instance says why; a batch step also names its batch. */
export const reasonSchema = z.string().trim().min(1, 'a reason is required').max(2_000);
export const instanceIdSchema = z.string().uuid('expected an instance id (a UUID)');
export const batchIdSchema = z.string().uuid('expected a batch id (a UUID)').optional();
