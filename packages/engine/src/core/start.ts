// start(): the first snapshot of an instance.
import { initialTransition } from 'xstate';
import type { WorkflowSpec } from '../spec/types';
import { toCompiled, type CompiledWorkflow } from './compile-spec';
import { persistSnapshot } from './snapshot';
import type { JsonValue, StepResult } from './types';

export interface StartInput {
  /** Shallow-merged over the spec's context; these keys win. */
  context?: Record<string, JsonValue>;
}

/** Computes an instance's initial snapshot: spec context merged with input context, in the initial state. */
export function start(specOrCompiled: WorkflowSpec | CompiledWorkflow, input: StartInput = {}): StepResult {
  const compiled = toCompiled(specOrCompiled);
  const [snapshot] = initialTransition(compiled.machine, input);
  const value = compiled.spec.initial;
  const done = snapshot.status === 'done';
  return {
    snapshot: persistSnapshot(compiled, snapshot),
    value,
    context: snapshot.context,
    status: done ? 'done' : 'active',
    accepted: true,
    transition: null,
    contextChanges: [],
    effects: done ? [{ type: 'complete', state: value }] : [],
  };
}
