// The instance search filter: one zod schema shared by the service (which turns it into parameterized SQL),
// the tRPC router and the console (which keeps it in the URL). Every tenant-controlled field is bounded here.
import { z } from 'zod';
import { instanceStatusSchema } from '../contracts/statuses';
import { parseDuration } from '../spec/run-at';

export const SEARCH_LIMITS = {
  /** Keys after the root (`context.a.b.c` has depth 3). */
  pathDepth: 8,
  keyLength: 64,
  conditions: 10,
  /** Characters of a compared value, a search text, an error text or a signature. */
  value: 500,
  states: 20,
  /** Counting stops here: above it the console shows "10,000+". */
  countCap: 10_000,
} as const;

export const searchRoots = ['context', 'input'] as const;
export type SearchRoot = (typeof searchRoots)[number];

// Letters, digits, `_` and `-` only: the path never reaches SQL as text (each key is a bound parameter), but a
// tight charset keeps the jsonpath we build for ordering comparisons trivially safe too.
const keyPattern = /^[A-Za-z0-9_-]+$/;
const indexPattern = /^(0|[1-9][0-9]{0,5})$/;

/** Splits `context.customer.tier` into its root and keys; the caller has validated it. */
export function splitPath(path: string): { root: SearchRoot; keys: string[] } {
  const [root, ...keys] = path.split('.');
  return { root: root as SearchRoot, keys };
}

/** True for a key that addresses an array element (`items.0.sku`). */
export const isIndexKey = (key: string) => indexPattern.test(key);

export const jsonPathSchema = z
  .string()
  .max(SEARCH_LIMITS.pathDepth * (SEARCH_LIMITS.keyLength + 1) + 8)
  .superRefine((path, issue) => {
    const [root, ...keys] = path.split('.');
    const fail = (message: string) => issue.addIssue({ code: 'custom', message });
    if (!searchRoots.includes(root as SearchRoot))
      return fail(
        `expected a path starting with context. or input. (e.g. context.customer.tier), got "${path.slice(0, 80)}"`,
      );
    if (keys.length === 0) return fail('expected at least one key after the root (e.g. context.amount)');
    if (keys.length > SEARCH_LIMITS.pathDepth)
      return fail(`a path may have at most ${SEARCH_LIMITS.pathDepth} keys after the root`);
    for (const key of keys) {
      if (key.length === 0 || key.length > SEARCH_LIMITS.keyLength)
        return fail(`each key must be 1–${SEARCH_LIMITS.keyLength} characters`);
      if (!keyPattern.test(key)) return fail(`key "${key.slice(0, 80)}": only letters, digits, _ and - are allowed`);
    }
  });

const text = z.string().max(SEARCH_LIMITS.value, `at most ${SEARCH_LIMITS.value} characters`);
export const scalarValue = z.union([text, z.number().finite(), z.boolean(), z.null()]);
export type ScalarValue = z.infer<typeof scalarValue>;

export const conditionOps = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists', 'missing'] as const;
export type ConditionOp = (typeof conditionOps)[number];

/** One test on a value inside an instance's context or input. */
export const conditionSchema = z.discriminatedUnion('op', [
  z.object({ path: jsonPathSchema, op: z.enum(['eq', 'ne']), value: scalarValue }),
  z.object({
    path: jsonPathSchema,
    op: z.enum(['gt', 'gte', 'lt', 'lte']),
    value: z.union([z.number().finite(), text.min(1)]),
  }),
  z.object({
    path: jsonPathSchema,
    op: z.literal('contains'),
    value: z.union([text.min(1), z.number().finite(), z.boolean()]),
  }),
  z.object({ path: jsonPathSchema, op: z.enum(['exists', 'missing']) }),
]);
export type Condition = z.infer<typeof conditionSchema>;

const duration = z
  .string()
  .max(20)
  .refine((v) => (parseDuration(v) ?? 0) > 0, 'expected a duration such as 30m, 1h or 2d (units ms, s, m, h, d)');
const name = z.string().trim().min(1).max(200, 'at most 200 characters');

/** Everything the instance list can be narrowed by; every field optional and combinable. */
export const instanceFilterSchema = z.object({
  definitionKey: name.optional(),
  definitionVersion: z.number().int().positive().optional(),
  status: instanceStatusSchema.optional(),
  /** The current state is any of these. */
  states: z.array(name).max(SEARCH_LIMITS.states, `at most ${SEARCH_LIMITS.states} states`).optional(),
  createdFrom: z.coerce.date().optional(),
  createdTo: z.coerce.date().optional(),
  updatedFrom: z.coerce.date().optional(),
  updatedTo: z.coerce.date().optional(),
  /** An instance id (exact) or a business key prefix. */
  search: name.optional(),
  /** Tests on context / input values, all of which must hold. */
  where: z
    .array(conditionSchema)
    .max(SEARCH_LIMITS.conditions, `at most ${SEARCH_LIMITS.conditions} conditions`)
    .optional(),
  /** Running and in its current state for longer than this ("1h"). */
  waitingLongerThan: duration.optional(),
  /** Has a task of this type. */
  taskType: name.optional(),
  /** Has a task whose last error contains this text (case-insensitive). */
  errorText: z.string().trim().min(1).max(SEARCH_LIMITS.value).optional(),
  /** Has a failed task whose normalised error signature is exactly this (see errorSignature). */
  errorSignature: z.string().min(1).max(SEARCH_LIMITS.value).optional(),
});
export type InstanceFilter = z.infer<typeof instanceFilterSchema>;

export const searchInstancesInput = instanceFilterSchema.extend({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type SearchInstancesInput = z.input<typeof searchInstancesInput>;
