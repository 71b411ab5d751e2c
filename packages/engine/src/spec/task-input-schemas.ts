// Input schemas of task types a deployment adds (custom handlers). A handler declares a zod schema; the worker
// stores it as JSON Schema (store/task-types.ts) so that any process, and the console's editor in the browser,
// can turn it back into a zod schema here and check a spec's literal task inputs before publish.
import { z } from 'zod';
import type { PathSegment } from './json-path';
import type { Report } from './problem-sink';
import { isPlainObject, isReference, isTemplate } from './references';

/** Task type → the zod schema its input must satisfy (after references are resolved). */
export type TaskInputSchemas = Readonly<Record<string, z.ZodType>>;

/** A registered task type as the database and the console carry it. */
export interface TaskTypeInfo {
  type: string;
  description: string | null;
  /** JSON Schema of the input; null when the handler accepts any input. */
  inputSchema: Record<string, unknown> | null;
}

/** The JSON Schema stored for a handler's zod schema: the input side (before any transform). */
export function inputJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

/**
 * Rebuilds zod schemas from stored JSON Schemas. A schema zod cannot read is left out (its inputs are then only
 * checked by the handler at run time) rather than blocking every publish.
 */
export function taskInputSchemasFrom(types: readonly TaskTypeInfo[]): Record<string, z.ZodType> {
  const schemas: Record<string, z.ZodType> = {};
  for (const { type, inputSchema } of types) {
    if (!inputSchema) continue;
    try {
      schemas[type] = z.fromJSONSchema(inputSchema);
    } catch {
      // Unreadable here: the worker's own zod schema still checks the input when the task runs.
    }
  }
  return schemas;
}

// A $ref, $template or $secret is only known at run time.
export const isDynamicValue = (value: unknown): boolean =>
  isReference(value) || isTemplate(value) || (isPlainObject(value) && Object.hasOwn(value, '$secret'));

/** True when the value at `path` inside `input`, or any value on the way there, is resolved at run time. */
function reachesDynamic(input: unknown, path: readonly PropertyKey[]): boolean {
  let value = input;
  for (const segment of path) {
    if (isDynamicValue(value)) return true;
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isPlainObject(value) && typeof segment === 'string') value = value[segment];
    else return false;
  }
  return isDynamicValue(value);
}

/**
 * Checks the literal parts of a task input against its type's schema. A problem at or below a $ref, $template or
 * $secret is left to run time, where the resolved input is checked again and a failure names the field.
 */
export function checkTaskInputSchema(
  type: string,
  schema: z.ZodType,
  input: unknown,
  at: readonly PathSegment[],
  report: Report,
): void {
  if (isDynamicValue(input)) return;
  const parsed = schema.safeParse(input);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    if (reachesDynamic(input, issue.path)) continue;
    const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
    const field = path.length > 0 ? `input.${path.join('.')}` : 'input';
    report([...at, ...path], 'INVALID_TASK_INPUT', `${type} task ${field}: ${issue.message}`);
  }
}
