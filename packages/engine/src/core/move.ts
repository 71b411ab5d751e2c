// move(): put an instance in any state with a given context, optionally entering it through one of its incoming
// transitions (whose actions then run: its assigns and the tasks it creates). Pure, like step().
import { EngineError } from '../errors';
import type { JsonObject, JsonValue } from '../spec/types';
import { toCompiled, type CompiledWorkflow } from './compile-spec';
import { persistSnapshot } from './snapshot';
import { step } from './step';
import type { StepResult, WorkflowSpec } from './types';

export interface MoveTarget {
  /** The state to put the instance in. */
  to: string;
  /** The context it will have there (before the entering transition's assigns, when `via` is given). */
  context: JsonObject;
  /** Enter `to` through the transition `from` takes on `event` (with this payload), running its actions. */
  via?: { from: string; event: string; payload?: JsonValue };
}

function stateIn(spec: WorkflowSpec, name: string, field: string): void {
  if (!Object.hasOwn(spec.states, name))
    throw new EngineError(
      'BAD_INPUT',
      `${field}: "${name}" is not a state of workflow "${spec.id}"; expected one of: ${Object.keys(spec.states).join(', ')}`,
      [{ path: field, message: 'not a state of this workflow' }],
    );
}

/** Where a move lands: snapshot, state, context, the entering transition's effects (tasks), done or not. */
export function move(specOrCompiled: WorkflowSpec | CompiledWorkflow, target: MoveTarget): StepResult {
  const compiled = toCompiled(specOrCompiled);
  const { spec, machine } = compiled;
  stateIn(spec, target.to, 'state');
  const done = spec.states[target.to]?.type === 'final';
  if (!target.via) {
    const snapshot = persistSnapshot(compiled, machine.resolveState({ value: target.to, context: target.context }));
    return {
      snapshot,
      value: target.to,
      context: target.context,
      status: done ? 'done' : 'active',
      accepted: true,
      transition: null,
      contextChanges: [],
      effects: done ? [{ type: 'complete', state: target.to }] : [],
    };
  }
  const { from, event, payload } = target.via;
  stateIn(spec, from, 'via.from');
  const before = persistSnapshot(compiled, machine.resolveState({ value: from, context: target.context }));
  const result = step(compiled, before, { type: event, payload: payload ?? null });
  if (!result.accepted)
    throw new EngineError('BAD_INPUT', `via: cannot enter "${target.to}" this way: ${result.ignoredReason ?? ''}`, [
      { path: 'via', message: result.ignoredReason ?? 'not accepted' },
    ]);
  if (result.value !== target.to)
    throw new EngineError(
      'BAD_INPUT',
      `via: "${from}" on "${event}" leads to "${result.value}" with this context, not to "${target.to}"`,
      [{ path: 'via', message: `leads to ${result.value}` }],
    );
  return result;
}
