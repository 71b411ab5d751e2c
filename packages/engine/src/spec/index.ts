// The workflow spec: schema, types, validation, declarative guards, references and the XState compile step.
export type {
  ActionSpec,
  AssignActionSpec,
  CreateTaskActionSpec,
  JsonObject,
  JsonValue,
  Operand,
  Predicate,
  Reference,
  RelativeRunAt,
  RunAtSpec,
  SpecProblem,
  StateSpec,
  TaskSpec,
  Template,
  TransitionSpec,
  ValidateSpecOptions,
  ValidateSpecResult,
  WorkflowSpec,
} from './types';
export { inputJsonSchema, taskInputSchemasFrom, type TaskInputSchemas, type TaskTypeInfo } from './task-input-schemas';
export {
  workflowSpecSchema,
  predicateSchema,
  actionSchema,
  transitionSchema,
  stateSchema,
  taskSpecSchema,
} from './schema';
export { validateSpec, assertValidSpec } from './validate-spec';
export {
  acceptedEvents,
  alternativesFor,
  describeSpecGraph,
  type SpecGraph,
  type SpecGraphEdge,
  type SpecGraphNode,
} from './graph';
export { evaluatePredicate, jsonEqual } from './guards';
export { resolveValue, renderTemplate, readPath, setIn, type EvaluationScope } from './references';
export { parseDuration, isIsoTimestamp, toTaskRunAt } from './run-at';
export { compileMachine, machineActions, type WorkflowMachine } from './compile-machine';
export { formatPath } from './json-path';
export {
  isSecretRef,
  maskSecretRefs,
  secretNameProblem,
  secretNamesIn,
  substituteSecrets,
  DEFANGED_SECRET,
  SECRET_NAME_PATTERN,
  SECRET_NAME_RULE,
  type SecretRef,
} from './secret-refs';
export {
  diffSpecs,
  affectedStates,
  isEmptyDiff,
  transitionsByKey,
  type DiffKind,
  type SpecDiff,
  type StateDiff,
  type TransitionDiff,
  type SettingDiff,
} from './diff';
export { parseJsonText, MAX_JSON_DEPTH, type JsonTextProblem, type JsonTextResult } from './json-text';
export { contextPathsRead } from './context-reads';
