// The pure core's contract: plain data in, plain data out. No I/O, no clock, no randomness.
import type { TaskRunAt } from '../spec/run-at';
import type { JsonValue, WorkflowSpec } from '../spec/types';

export type { JsonValue, TaskRunAt, WorkflowSpec };

/** An event sent to an instance. `payload` is whatever the sender attached (task output, operator JSON, …). */
export interface WorkflowEventInput {
  type: string;
  payload?: JsonValue;
}

/** XState's persisted snapshot: plain JSON that round-trips through Postgres. */
export type PersistedSnapshot = Record<string, JsonValue>;

export interface CreateTaskEffect {
  type: 'createTask';
  task: {
    type: string;
    name: string;
    input: JsonValue;
    runAt?: TaskRunAt;
    idempotencyKey?: string;
    completionEvent?: string;
    failureEvent?: string;
    maxAttempts?: number;
  };
}

export interface CompleteEffect {
  type: 'complete';
  /** The final state reached. */
  state: string;
}

export type Effect = CreateTaskEffect | CompleteEffect;

export interface ContextChange {
  /** Dot path inside context, e.g. "customer.address.city". */
  path: string;
  before: JsonValue | undefined;
  after: JsonValue;
}

export interface TakenTransition {
  event: string;
  from: string;
  to: string;
  /** Name of the guard that held, when the chosen alternative had one. */
  guard?: string;
  /** Index of the chosen alternative in the event's transition list (0 for a single transition). */
  alternative: number;
}

export interface StepResult {
  snapshot: PersistedSnapshot;
  /** Current state name (specs are flat: one active state). */
  value: string;
  context: Record<string, JsonValue>;
  /** 'done' once a final state is reached. */
  status: 'active' | 'done';
  /** False when the current state has no transition for the event, or no guard held. */
  accepted: boolean;
  /** Why an event was not accepted, in words an operator understands. */
  ignoredReason?: string;
  transition: TakenTransition | null;
  contextChanges: ContextChange[];
  effects: Effect[];
}
