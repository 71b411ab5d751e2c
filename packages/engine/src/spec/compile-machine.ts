// Compiles a validated spec into an XState v5 machine. Guards and actions are named in setup()
// and the spec only refers to them by name, as XState intends for JSON-defined machines.
// Custom actions are never executed: the core reads their resolved params as effects.
import { assign, setup } from 'xstate';
import { evaluatePredicate } from './guards';
import { resolveValue, setIn, getIn, type EvaluationScope } from './references';
import { resolveTaskInput } from './secret-refs';
import type { ActionSpec, JsonObject, JsonValue, TransitionSpec, WorkflowSpec } from './types';

/** Names of the machine's built-in actions; the core looks for these in XState's action list. */
export const machineActions = {
  /** Marks which alternative was taken; params are TakenParams. */
  taken: 'switchyard.taken',
  /** Records an assign's before/after just before it is applied; params are ChangeParams. */
  change: 'switchyard.change',
  assign: 'switchyard.assign',
  /** A task to create; params are CreateTaskParams (runAt and idempotencyKey resolved but not yet typed). */
  createTask: 'switchyard.createTask',
} as const;

export interface TakenParams {
  event: string;
  from: string;
  to: string;
  guard?: string;
  alternative: number;
}

export interface ChangeParams {
  path: string;
  before: JsonValue | undefined;
  after: JsonValue;
}

export interface CreateTaskParams {
  type: string;
  name: string;
  input: JsonValue;
  runAt?: JsonValue;
  idempotencyKey?: JsonValue;
  completionEvent?: string;
  failureEvent?: string;
  maxAttempts?: number;
}

interface AssignParams {
  path: string;
  value: JsonValue;
}

export interface MachineEvent {
  type: string;
  payload?: JsonValue;
}

export interface MachineInput {
  context?: Record<string, JsonValue>;
}

interface ActionArgs {
  context: JsonObject;
  event: MachineEvent;
}

function scopeOf({ context, event }: ActionArgs): EvaluationScope {
  return { context, event: { type: event.type, payload: event.payload ?? null } };
}

interface CompiledAction {
  type: string;
  params: object | ((args: ActionArgs) => object);
}

function compileAction(action: ActionSpec): CompiledAction[] {
  if (action.type === 'assign') {
    const segments = action.path.split('.');
    const value = (args: ActionArgs): JsonValue => resolveValue(action.value, scopeOf(args));
    return [
      {
        type: machineActions.change,
        params: (args: ActionArgs): ChangeParams => ({
          path: action.path,
          before: getIn(args.context, segments),
          after: value(args),
        }),
      },
      {
        type: machineActions.assign,
        params: (args: ActionArgs): AssignParams => ({ path: action.path, value: value(args) }),
      },
    ];
  }
  const { task } = action;
  return [
    {
      type: machineActions.createTask,
      params: (args: ActionArgs): CreateTaskParams => {
        const scope = scopeOf(args);
        return {
          type: task.type,
          name: task.name,
          input: resolveTaskInput(task.input, scope),
          ...(task.runAt !== undefined ? { runAt: resolveValue(task.runAt as JsonValue, scope) } : {}),
          ...(task.idempotencyKey !== undefined
            ? { idempotencyKey: resolveValue(task.idempotencyKey as JsonValue, scope) }
            : {}),
          ...(task.completionEvent !== undefined ? { completionEvent: task.completionEvent } : {}),
          ...(task.failureEvent !== undefined ? { failureEvent: task.failureEvent } : {}),
          ...(task.maxAttempts !== undefined ? { maxAttempts: task.maxAttempts } : {}),
        };
      },
    },
  ];
}

function compileTransition(from: string, event: string, t: TransitionSpec, alternative: number) {
  const taken: TakenParams = { event, from, to: t.target ?? from, alternative, ...(t.guard ? { guard: t.guard } : {}) };
  const actions: CompiledAction[] = [
    { type: machineActions.taken, params: taken },
    ...(t.actions ?? []).flatMap(compileAction),
  ];
  return {
    // No target: XState's targetless transition, which stays put without exit/entry.
    ...(t.target !== undefined ? { target: t.target } : {}),
    ...(t.guard !== undefined ? { guard: t.guard } : {}),
    actions,
  };
}

function compileStates(spec: WorkflowSpec) {
  const states: Record<string, object> = {};
  for (const [name, state] of Object.entries(spec.states)) {
    if (state.type === 'final') {
      states[name] = { type: 'final' };
      continue;
    }
    const on: Record<string, object[]> = {};
    for (const [event, entry] of Object.entries(state.on ?? {})) {
      on[event] = (Array.isArray(entry) ? entry : [entry]).map((t, i) => compileTransition(name, event, t, i));
    }
    states[name] = { on };
  }
  return states;
}

/** Builds the XState machine for an already validated spec. Pure; the result can be cached. */
export function compileMachine(spec: WorkflowSpec) {
  const guards: Record<string, (args: ActionArgs) => boolean> = {};
  for (const [name, predicate] of Object.entries(spec.guards ?? {})) {
    guards[name] = (args) => evaluatePredicate(predicate, scopeOf(args));
  }
  const noop = () => undefined;
  const machineSetup = setup({
    types: {},
    guards,
    actions: {
      [machineActions.taken]: noop,
      [machineActions.change]: noop,
      [machineActions.createTask]: noop,
      [machineActions.assign]: assign(({ context }, params: AssignParams) => setIn(context, params.path, params.value)),
    },
  });
  const config = {
    id: spec.id,
    initial: spec.initial,
    // Input wins over the spec's defaults, key by key (a shallow merge).
    context: ({ input }: { input: MachineInput | undefined }) => ({
      ...(spec.context ?? {}),
      ...(input?.context ?? {}),
    }),
    states: compileStates(spec),
  };
  // The config is built from data, so its literal types cannot be inferred; validateSpec vouches for its shape.
  return machineSetup.createMachine(config);
}

export type WorkflowMachine = ReturnType<typeof compileMachine>;
