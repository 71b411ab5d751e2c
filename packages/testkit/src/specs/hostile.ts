import { randomBytes } from 'node:crypto';

// What a hostile (or careless) tenant publishes: runaway loops, a context that grows, a poison event, long work.
// The runaway-guard, fair-share and dead-letter tests and the noisy-neighbour drill all load these.

const tick = { type: 'createTask', task: { type: 'NOOP', name: 'tick', input: {}, completionEvent: 'TICK' } };
const twoTasks = [
  { type: 'createTask', task: { type: 'NOOP', name: 'left', input: {}, completionEvent: 'BOOM' } },
  { type: 'createTask', task: { type: 'NOOP', name: 'right', input: {}, completionEvent: 'BOOM' } },
];

/** TICK → NOOP task → TICK, forever. */
export const selfLoopSpec = {
  id: 'self-loop',
  initial: 'start',
  context: {},
  states: {
    start: { on: { WORKFLOW_START: { target: 'looping', actions: [tick] } } },
    looping: { on: { TICK: { actions: [tick] } } },
  },
};

/** Every transition creates two tasks that each come back: doubles every round. */
export const forkBombSpec = {
  id: 'fork-bomb',
  initial: 'start',
  context: {},
  states: {
    start: { on: { WORKFLOW_START: { target: 'forking', actions: twoTasks } } },
    forking: { on: { BOOM: { actions: twoTasks } } },
  },
};

/** Keeps whatever a KEEP event carries in its context. */
export const hoarderSpec = {
  id: 'hoarder',
  initial: 'start',
  context: {},
  states: {
    start: { on: { WORKFLOW_START: { target: 'keeping' } } },
    keeping: { on: { KEEP: { actions: [{ type: 'assign', path: 'kept', value: { $ref: 'event.payload' } }] } } },
  },
};

/**
 * POISON creates a task whose idempotencyKey comes from the event. A key of tens of kilobytes of random text is more
 * than Postgres can index ("index row requires … bytes, maximum size is 8191"): applying the event throws a
 * database error that no retry can fix (validation cannot see data). FINE moves on.
 */
export const poisonEventSpec = {
  id: 'poison-event',
  initial: 'start',
  context: {},
  states: {
    start: { on: { WORKFLOW_START: { target: 'waiting' } } },
    waiting: {
      on: {
        POISON: {
          actions: [
            {
              type: 'createTask',
              task: { type: 'NOOP', name: 'keyed', input: {}, idempotencyKey: { $ref: 'event.payload.key' } },
            },
          ],
        },
        FINE: { target: 'done' },
      },
    },
    done: { type: 'final' },
  },
};

/** An idempotency key Postgres cannot index: random, so compression cannot shrink it under the 8 KiB row limit. */
export function unindexableKey(): string {
  return randomBytes(12_000).toString('hex');
}

/**
 * One task tried once, then done whether it succeeds or fails: a DELAY (a timer), an HTTP call to a server that
 * answers late, or a test's own type (BLOCK holds its slot until released).
 */
export function singleTaskSpec(id: string, task: { type: string; input: Record<string, unknown> }) {
  return {
    id,
    initial: 'start',
    context: {},
    states: {
      start: {
        on: {
          WORKFLOW_START: {
            target: 'working',
            actions: [
              { type: 'createTask', task: { ...task, name: 'work', maxAttempts: 1, completionEvent: 'WORKED' } },
            ],
          },
        },
      },
      working: { on: { WORKED: { target: 'done' }, TASK_FAILED: { target: 'done' } } },
      done: { type: 'final' },
    },
  };
}
