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

/** Waits with two reminders due in an hour; APPROVE goes to notify (a task that completes at once) unless big. */
export const reviewSpec = {
  id: 'review',
  initial: 'new',
  context: { amount: 10 },
  guards: { big: { gt: [{ $ref: 'context.amount' }, 100] } },
  states: {
    new: {
      on: {
        WORKFLOW_START: {
          target: 'waiting',
          actions: [
            { type: 'createTask', task: { type: 'NOOP', name: 'reminder', input: {}, runAt: { in: '1h' } } },
            { type: 'createTask', task: { type: 'NOOP', name: 'audit', input: {}, runAt: { in: '1h' } } },
          ],
        },
      },
    },
    waiting: {
      on: {
        APPROVE: [
          { guard: 'big', target: 'manual' },
          {
            target: 'notify',
            actions: [
              {
                type: 'createTask',
                task: {
                  type: 'NOOP',
                  name: 'notify',
                  input: { amount: { $ref: 'context.amount' } },
                  completionEvent: 'NOTIFIED',
                },
              },
            ],
          },
        ],
      },
    },
    notify: { on: { NOTIFIED: { target: 'done' } } },
    manual: { on: { APPROVE: { target: 'done' } } },
    done: { type: 'final' },
  },
};
