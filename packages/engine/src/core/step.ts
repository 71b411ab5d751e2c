// step(): apply one event to a persisted snapshot. Pure: same inputs, same result, nothing executed.
import { transition } from 'xstate';
import { alternativesFor, acceptedEvents } from '../spec/graph';
import type { WorkflowSpec } from '../spec/types';
import { toCompiled, type CompiledWorkflow } from './compile-spec';
import { collectActions } from './effects';
import { persistSnapshot, restoreSnapshot, type RestoredSnapshot } from './snapshot';
import type { PersistedSnapshot, StepResult, WorkflowEventInput } from './types';

function ignored(persisted: PersistedSnapshot, restored: RestoredSnapshot, done: boolean, reason: string): StepResult {
  return {
    snapshot: persisted,
    value: restored.value,
    context: restored.context,
    status: done ? 'done' : 'active',
    accepted: false,
    ignoredReason: reason,
    transition: null,
    contextChanges: [],
    effects: [],
  };
}

function rejectionReason(spec: WorkflowSpec, state: string, event: string): string | null {
  if (spec.states[state]?.type === 'final') return `state "${state}" is final; it accepts no events`;
  const alternatives = alternativesFor(spec, state, event);
  if (alternatives.length > 0) return null;
  const accepts = acceptedEvents(spec, state);
  return `state "${state}" does not accept "${event}"; ${accepts.length ? `it accepts: ${accepts.join(', ')}` : 'it accepts no events'}`;
}

/**
 * Applies an event to a snapshot. An event the state does not accept (or whose guards all fail)
 * leaves snapshot and context unchanged, has no effects, and says why in `ignoredReason`.
 */
export function step(
  specOrCompiled: WorkflowSpec | CompiledWorkflow,
  snapshot: PersistedSnapshot,
  event: WorkflowEventInput,
): StepResult {
  const compiled = toCompiled(specOrCompiled);
  const { spec, machine } = compiled;
  const restored = restoreSnapshot(compiled, snapshot);
  const done = spec.states[restored.value]?.type === 'final';
  const reason = rejectionReason(spec, restored.value, event.type);
  if (reason) return ignored(snapshot, restored, done, reason);

  const [next, actions] = transition(machine, restored.snapshot, { type: event.type, payload: event.payload ?? null });
  const collected = collectActions(actions);
  if (!collected.taken) {
    const tried = alternativesFor(spec, restored.value, event.type).map((t) => t.guard ?? '(unguarded)');
    return ignored(
      snapshot,
      restored,
      done,
      `no guard held for "${event.type}" in state "${restored.value}" (tried: ${tried.join(', ')})`,
    );
  }
  const value = collected.taken.to;
  const finished = next.status === 'done';
  return {
    snapshot: persistSnapshot(compiled, next),
    value,
    context: next.context,
    status: finished ? 'done' : 'active',
    accepted: true,
    transition: collected.taken,
    contextChanges: collected.contextChanges,
    effects: finished ? [...collected.effects, { type: 'complete', state: value }] : collected.effects,
  };
}
