// The pure interpreter: start() and step() over a compiled spec; effects are plain data.
export type {
  CompleteEffect,
  ContextChange,
  CreateTaskEffect,
  Effect,
  JsonValue,
  PersistedSnapshot,
  StepResult,
  TakenTransition,
  TaskRunAt,
  WorkflowEventInput,
  WorkflowSpec,
} from './types';
export { compileSpec, isCompiledWorkflow, toCompiled, type CompiledWorkflow } from './compile-spec';
export { start, type StartInput } from './start';
export { step } from './step';
export { move, type MoveTarget } from './move';
