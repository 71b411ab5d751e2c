// Specs the drills load the system with; each final state is what "not lost" means for it.

/** start → one task (DELAY `ms`, NOOP when 0) → done. Two transitions per instance. */
export function taskSpec(ms: number) {
  const task =
    ms > 0
      ? { type: 'DELAY', name: 'work', input: { ms }, completionEvent: 'WORKED' }
      : { type: 'NOOP', name: 'work', input: {}, completionEvent: 'WORKED' };
  return {
    id: 'drill-task',
    initial: 'start',
    context: {},
    states: {
      start: { on: { WORKFLOW_START: { target: 'working', actions: [{ type: 'createTask', task }] } } },
      working: { on: { WORKED: { target: 'done' } } },
      done: { type: 'final' },
    },
  };
}

/** Self-transitions on TICK; FINISH ends it. Each applied TICK bumps the version once. */
export const counterSpec = {
  id: 'drill-counter',
  initial: 'start',
  context: { last: null },
  states: {
    start: { on: { WORKFLOW_START: { target: 'counting' } } },
    counting: {
      on: {
        TICK: { target: 'counting', actions: [{ type: 'assign', path: 'last', value: { $ref: 'event.payload.n' } }] },
        FINISH: { target: 'finished' },
      },
    },
    finished: { type: 'final' },
  },
};

/** A task that always fails (`maxAttempts` tries); the spec handles TASK_FAILED by ending in `compensated`. */
export function poisonSpec(maxAttempts: number) {
  return {
    id: 'drill-poison',
    initial: 'start',
    context: {},
    states: {
      start: {
        on: {
          WORKFLOW_START: {
            target: 'working',
            actions: [
              {
                type: 'createTask',
                task: { type: 'POISON', name: 'always-fails', input: {}, maxAttempts, completionEvent: 'WORKED' },
              },
            ],
          },
        },
      },
      working: {
        on: {
          WORKED: { target: 'done' },
          TASK_FAILED: {
            target: 'compensated',
            actions: [{ type: 'assign', path: 'failure', value: { $ref: 'event.payload' } }],
          },
        },
      },
      done: { type: 'final' },
      compensated: { type: 'final' },
    },
  };
}
