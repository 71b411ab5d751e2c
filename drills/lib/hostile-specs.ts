// What a hostile (or careless) tenant publishes in the noisy-neighbour drill.

const tick = { type: 'createTask', task: { type: 'NOOP', name: 'tick', input: {}, completionEvent: 'TICK' } };
const twoTasks = [
  { type: 'createTask', task: { type: 'NOOP', name: 'left', input: {}, completionEvent: 'BOOM' } },
  { type: 'createTask', task: { type: 'NOOP', name: 'right', input: {}, completionEvent: 'BOOM' } },
];

/** TICK → NOOP task → TICK, forever. */
export const selfLoopSpec = {
  id: 'hostile-self-loop',
  initial: 'start',
  context: {},
  states: {
    start: { on: { WORKFLOW_START: { target: 'looping', actions: [tick] } } },
    looping: { on: { TICK: { actions: [tick] } } },
  },
};

/** A transition creating two tasks that each come back: doubles every round. */
export const forkBombSpec = {
  id: 'hostile-fork-bomb',
  initial: 'start',
  context: {},
  states: {
    start: { on: { WORKFLOW_START: { target: 'forking', actions: twoTasks } } },
    forking: { on: { BOOM: { actions: twoTasks } } },
  },
};

/** One long task: a DELAY (a timer) or an HTTP call to a server that answers late (a held slot). */
export function longTaskSpec(id: string, task: { type: string; input: Record<string, unknown> }) {
  return {
    id,
    initial: 'start',
    context: {},
    states: {
      start: {
        on: {
          WORKFLOW_START: {
            target: 'working',
            actions: [{ type: 'createTask', task: { ...task, name: 'long', maxAttempts: 1, completionEvent: 'DONE' } }],
          },
        },
      },
      working: { on: { DONE: { target: 'done' }, TASK_FAILED: { target: 'done' } } },
      done: { type: 'final' },
    },
  };
}

/** Keeps whatever arrives: its context grows with each input. */
export const hoarderSpec = {
  id: 'hostile-hoarder',
  initial: 'start',
  context: {},
  states: {
    start: {
      on: {
        WORKFLOW_START: {
          target: 'keeping',
          actions: [{ type: 'assign', path: 'kept', value: { $ref: 'event.payload' } }],
        },
      },
    },
    keeping: { on: { KEEP: { actions: [{ type: 'assign', path: 'kept', value: { $ref: 'event.payload' } }] } } },
  },
};

/**
 * POISON creates a task keyed by the event: a key of tens of kilobytes of random text is more than Postgres can index,
 * so applying the event throws a database error that no retry can fix (validation cannot see data).
 */
export const poisonEventSpec = {
  id: 'hostile-poison',
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
      },
    },
  },
};
