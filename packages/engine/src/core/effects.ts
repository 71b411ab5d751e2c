// Reads XState's resolved (never executed) custom actions back as plain data: the taken transition,
// context changes and effects, in the order the spec lists its actions.
import { EngineError } from '../errors';
import { machineActions, type ChangeParams, type CreateTaskParams, type TakenParams } from '../spec/compile-machine';
import { toTaskRunAt } from '../spec/run-at';
import type { JsonValue } from '../spec/types';
import type { ContextChange, CreateTaskEffect, Effect, TakenTransition } from './types';

interface ResolvedAction {
  type: string;
  params?: unknown;
}

export interface CollectedActions {
  taken: TakenTransition | null;
  contextChanges: ContextChange[];
  effects: Effect[];
}

function idempotencyKeyOf(value: JsonValue | undefined, task: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new EngineError(
    'BAD_INPUT',
    `task "${task}": idempotencyKey resolved to ${JSON.stringify(value)}; expected a string`,
  );
}

function toCreateTask(params: CreateTaskParams): CreateTaskEffect {
  const { runAt, idempotencyKey, ...rest } = params;
  const task: CreateTaskEffect['task'] = { ...rest };
  if (runAt !== undefined) {
    const resolved = toTaskRunAt(runAt);
    // A runAt from event data can be wrong only at run time; refusing the step beats a silent "run now".
    if (!resolved.ok) throw new EngineError('BAD_INPUT', `task "${params.name}": ${resolved.reason}`);
    if (resolved.runAt) task.runAt = resolved.runAt;
  }
  const key = idempotencyKeyOf(idempotencyKey, params.name);
  if (key !== undefined) task.idempotencyKey = key;
  return { type: 'createTask', task };
}

/** Turns the action list of one XState transition into the step's report. */
export function collectActions(actions: readonly ResolvedAction[]): CollectedActions {
  const out: CollectedActions = { taken: null, contextChanges: [], effects: [] };
  for (const action of actions) {
    if (action.type === machineActions.taken) {
      const { guard, ...rest } = action.params as TakenParams;
      out.taken = { ...rest, ...(guard !== undefined ? { guard } : {}) };
    } else if (action.type === machineActions.change) {
      const change = action.params as ChangeParams;
      out.contextChanges.push({ path: change.path, before: change.before, after: change.after });
    } else if (action.type === machineActions.createTask) {
      out.effects.push(toCreateTask(action.params as CreateTaskParams));
    }
  }
  return out;
}
