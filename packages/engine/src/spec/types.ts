// Static types of the workflow spec. The zod schemas in schema.ts are the runtime source of truth;
// the recursive shapes (JSON values, guard predicates) are spelled out here because zod needs a
// declared type to check a recursive schema against.
import type { InputLimits } from '../limits/input-limits';
import type { TaskInputSchemas } from './task-input-schemas';
import type { z } from 'zod';
import type {
  actionSchema,
  assignActionSchema,
  createTaskActionSchema,
  stateSchema,
  taskSpecSchema,
  transitionSchema,
  workflowSpecSchema,
} from './schema';

export type { JsonObject, JsonValue } from '../contracts/json';
import type { JsonValue } from '../contracts/json';

/** `{ "$ref": "context.a.b" }` — reads a value; a missing path yields `default`, or null without one. */
export interface Reference {
  $ref: string;
  default?: JsonValue;
}

/** `{ "$template": "Hello {{context.name}}" }` — renders a string from references. */
export interface Template {
  $template: string;
}

/** A guard operand: any JSON literal, or a reference / template resolved against context and event. */
export type Operand = JsonValue;

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in';

/** A declarative guard over `context` and `event`; never code. */
export type Predicate =
  | { eq: [Operand, Operand] }
  | { ne: [Operand, Operand] }
  | { gt: [Operand, Operand] }
  | { gte: [Operand, Operand] }
  | { lt: [Operand, Operand] }
  | { lte: [Operand, Operand] }
  | { in: [Operand, Operand] }
  | { exists: string }
  | { and: Predicate[] }
  | { or: Predicate[] }
  | { not: Predicate };

/** Relative delay: `"30s"`, `"5m"`, or a number of milliseconds. */
export interface RelativeRunAt {
  in: string | number;
}

export type RunAtSpec = string | RelativeRunAt | Reference | Template;

export type WorkflowSpec = z.infer<typeof workflowSpecSchema>;
export type StateSpec = z.infer<typeof stateSchema>;
export type TransitionSpec = z.infer<typeof transitionSchema>;
export type ActionSpec = z.infer<typeof actionSchema>;
export type AssignActionSpec = z.infer<typeof assignActionSchema>;
export type CreateTaskActionSpec = z.infer<typeof createTaskActionSchema>;
export type TaskSpec = z.infer<typeof taskSpecSchema>;

/**
 * One thing wrong with a spec, located by JSON path (e.g. `$.states.start.on.GO[1].target`). An error blocks
 * publishing; a warning (`severity: 'warning'`, about the graph's shape) is reported and publishing goes on.
 */
export interface SpecProblem {
  path: string;
  code: string;
  message: string;
  severity?: 'error' | 'warning';
}

/** With errors, `problems` lists them (warnings after them); without, the typed spec and any warnings. */
export type ValidateSpecResult =
  { ok: true; spec: WorkflowSpec; warnings: SpecProblem[] } | { ok: false; problems: SpecProblem[] };

export interface ValidateSpecOptions {
  /** Task types a worker can run (the handler registry's); the built-in types when omitted; 'any' skips the check. */
  taskTypes?: readonly string[] | 'any';
  /** Input schemas of custom task types (spec/task-input-schemas.ts); literal task inputs are checked against them. */
  taskInputs?: TaskInputSchemas;
  /** Size limits (LIMIT_SPEC_* and LIMIT_JSON_DEPTH); the defaults when omitted. */
  limits?: Pick<InputLimits, 'specBytes' | 'specStates' | 'specTransitions' | 'jsonDepth'>;
}
