// Specs the operator-modification tests publish (pause, move, migrate, batches).

/** Counts what it hears: TICK records its payload's n (so order shows), WORK starts a task that runs a second later. */
export const counterSpec = {
  id: 'counter',
  initial: 'new',
  context: { last: 0 },
  states: {
    new: { on: { WORKFLOW_START: { target: 'counting' } } },
    counting: {
      on: {
        TICK: { actions: [{ type: 'assign', path: 'last', value: { $ref: 'event.payload.n' } }] },
        WORK: {
          target: 'working',
          actions: [
            {
              type: 'createTask',
              task: { type: 'NOOP', name: 'work', input: { ok: true }, runAt: { in: '1s' }, completionEvent: 'WORKED' },
            },
          ],
        },
        STOP: { target: 'done' },
      },
    },
    working: { on: { WORKED: { target: 'counting' }, TICK: { actions: [] } } },
    done: { type: 'final' },
  },
};
