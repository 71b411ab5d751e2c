import { z } from 'zod';
import { instanceIdSchema } from './ids';
import { instanceStatusSchema, taskStatusSchema } from './statuses';

// Inputs of the lists the console, the CLI and the API page through.

export const listInstancesInput = z.object({
  definitionKey: z.string().optional(),
  definitionVersion: z.number().int().positive().optional(),
  status: instanceStatusSchema.optional(),
  stateValue: z.string().optional(),
  createdFrom: z.coerce.date().optional(),
  createdTo: z.coerce.date().optional(),
  /** An instance id (exact) or a business key prefix. */
  search: z.string().trim().min(1).optional(),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListInstancesInput = z.input<typeof listInstancesInput>;

export const listTasksInput = z.object({
  instanceId: instanceIdSchema.optional(),
  status: taskStatusSchema.optional(),
  type: z.string().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListTasksInput = z.input<typeof listTasksInput>;

export const timelineInput = z.object({
  instanceId: instanceIdSchema,
  types: z.array(z.string()).optional(),
  afterSeq: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(5_000).default(1_000),
});
export type TimelineInput = z.input<typeof timelineInput>;
