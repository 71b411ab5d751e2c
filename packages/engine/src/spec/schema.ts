// Zod schemas of the JSON workflow spec. Objects are strict so a typo ("tagret") is reported, not ignored.
// Reference/template validity, guard structure and cross-references are checked in semantic-checks.ts.
import { z } from 'zod';
import type { JsonValue, Predicate, Reference, RunAtSpec, Template } from './types';

export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValueSchema),
    z.record(z.string(), jsonValueSchema),
  ]),
);

export const referenceSchema: z.ZodType<Reference> = z.strictObject({
  $ref: z.string(),
  default: jsonValueSchema.optional(),
});

export const templateSchema: z.ZodType<Template> = z.strictObject({ $template: z.string() });

const pair = z.tuple([jsonValueSchema, jsonValueSchema]);

export const predicateSchema: z.ZodType<Predicate> = z.lazy(() =>
  z.union([
    z.strictObject({ eq: pair }),
    z.strictObject({ ne: pair }),
    z.strictObject({ gt: pair }),
    z.strictObject({ gte: pair }),
    z.strictObject({ lt: pair }),
    z.strictObject({ lte: pair }),
    z.strictObject({ in: pair }),
    z.strictObject({ exists: z.string() }),
    z.strictObject({ and: z.array(predicateSchema) }),
    z.strictObject({ or: z.array(predicateSchema) }),
    z.strictObject({ not: predicateSchema }),
  ]),
);

export const runAtSchema: z.ZodType<RunAtSpec> = z.union([
  z.string(),
  z.strictObject({ in: z.union([z.string(), z.number()]) }),
  referenceSchema,
  templateSchema,
]);

export const taskSpecSchema = z.strictObject({
  type: z.string().min(1),
  name: z.string().min(1),
  input: jsonValueSchema,
  runAt: runAtSchema.optional(),
  idempotencyKey: z.union([z.string(), referenceSchema, templateSchema]).optional(),
  completionEvent: z.string().optional(),
  failureEvent: z.string().optional(),
  maxAttempts: z.number().int().min(1).max(100).optional(),
});

export const assignActionSchema = z.strictObject({
  type: z.literal('assign'),
  path: z.string(),
  value: jsonValueSchema,
});

export const createTaskActionSchema = z.strictObject({
  type: z.literal('createTask'),
  task: taskSpecSchema,
});

export const actionSchema = z.discriminatedUnion('type', [assignActionSchema, createTaskActionSchema]);

export const transitionSchema = z.strictObject({
  target: z.string().optional(),
  guard: z.string().optional(),
  actions: z.array(actionSchema).optional(),
  description: z.string().optional(),
});

/** One transition, or guarded alternatives tried in order (the first whose guard holds wins). */
export const transitionEntrySchema = z.union([transitionSchema, z.array(transitionSchema)]);

export const stateSchema = z.strictObject({
  type: z.literal('final').optional(),
  description: z.string().optional(),
  on: z.record(z.string(), transitionEntrySchema).optional(),
});

export const workflowSpecSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  initial: z.string(),
  context: z.record(z.string(), jsonValueSchema).optional(),
  guards: z.record(z.string(), predicateSchema).optional(),
  states: z.record(z.string(), stateSchema),
});

/** Allowed keys per object kind, so "unknown key" messages can list what was expected. */
export const allowedKeys = {
  spec: Object.keys(workflowSpecSchema.shape),
  state: Object.keys(stateSchema.shape),
  transition: Object.keys(transitionSchema.shape),
  assign: Object.keys(assignActionSchema.shape),
  createTask: Object.keys(createTaskActionSchema.shape),
  task: Object.keys(taskSpecSchema.shape),
  reference: ['$ref', 'default'],
  template: ['$template'],
  relativeRunAt: ['in'],
} as const;
