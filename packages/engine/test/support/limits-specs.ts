import { randomBytes } from 'node:crypto';

// Specs a hostile tenant would publish: runaway loops, a context that grows, a poison event, blocking work.

/** TICK → NOOP task → TICK, forever. */
export const selfLoopSpec = {
  id: 'self-loop',
  initial: 'start',
  context: {},
  states: {
    start: {
      on: {
        WORKFLOW_START: {
          target: 'looping',
          actions: [{ type: 'createTask', task: { type: 'NOOP', name: 'tick', input: {}, completionEvent: 'TICK' } }],
        },
      },
    },
    looping: {
      on: {
        TICK: {
          actions: [{ type: 'createTask', task: { type: 'NOOP', name: 'tick', input: {}, completionEvent: 'TICK' } }],
        },
      },
    },
  },
};

const twoTasks = [
  { type: 'createTask', task: { type: 'NOOP', name: 'left', input: {}, completionEvent: 'BOOM' } },
  { type: 'createTask', task: { type: 'NOOP', name: 'right', input: {}, completionEvent: 'BOOM' } },
];

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

/** Keeps whatever an event carries in its context. */
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
 * database error that no retry can fix. FINE moves on.
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

/** One task of a type the test controls (BLOCK holds its slot until released), then done. */
export function oneTaskSpec(id: string, type: string) {
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
              { type: 'createTask', task: { type, name: 'work', input: { ms: 60_000 }, completionEvent: 'WORKED' } },
            ],
          },
        },
      },
      working: { on: { WORKED: { target: 'done' } } },
      done: { type: 'final' },
    },
  };
}
