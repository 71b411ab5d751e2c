// Compiling a spec once and reusing it: the machine build is the costly part of a step.
import { compileMachine, type WorkflowMachine } from '../spec/compile-machine';
import type { WorkflowSpec } from '../spec/types';
import { assertValidSpec } from '../spec/validate-spec';

/** A validated spec with its XState machine. Pure data + functions; safe to cache per definition version. */
export interface CompiledWorkflow {
  readonly kind: 'compiled-workflow';
  readonly spec: WorkflowSpec;
  readonly machine: WorkflowMachine;
}

/** Validates and compiles a spec; throws EngineError('SPEC_INVALID') listing every problem. */
export function compileSpec(spec: WorkflowSpec): CompiledWorkflow {
  const valid = assertValidSpec(spec, { taskTypes: 'any' });
  return { kind: 'compiled-workflow', spec: valid, machine: compileMachine(valid) };
}

// Callers passing the same spec object repeatedly (tests, one-off steps) should not recompile;
// a WeakMap keeps this a pure memo that never outlives the spec.
const cache = new WeakMap<object, CompiledWorkflow>();

export function isCompiledWorkflow(value: WorkflowSpec | CompiledWorkflow): value is CompiledWorkflow {
  return (value as CompiledWorkflow).kind === 'compiled-workflow';
}

/** Returns the compiled form of a spec or passes a compiled workflow through. */
export function toCompiled(specOrCompiled: WorkflowSpec | CompiledWorkflow): CompiledWorkflow {
  if (isCompiledWorkflow(specOrCompiled)) return specOrCompiled;
  const cached = cache.get(specOrCompiled);
  if (cached) return cached;
  const compiled = compileSpec(specOrCompiled);
  cache.set(specOrCompiled, compiled);
  return compiled;
}
