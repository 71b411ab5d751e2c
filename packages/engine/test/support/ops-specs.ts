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

/** Pushes to a ledger over HTTP; the egress policy refuses the loopback URL, so the task fails at once. */
export const ledgerSpec = {
  id: 'ledger',
  initial: 'new',
  context: {},
  guards: { hold: { eq: [{ $ref: 'event.payload.mode' }, 'hold'] } },
  states: {
    new: {
      on: {
        WORKFLOW_START: [
          { guard: 'hold', target: 'holding' },
          {
            target: 'pushing',
            actions: [
              {
                type: 'createTask',
                task: {
                  type: 'HTTP',
                  name: 'push-to-ledger',
                  input: { method: 'POST', url: 'http://127.0.0.1:9/ledger' },
                  maxAttempts: 1,
                  completionEvent: 'PUSHED',
                },
              },
            ],
          },
        ],
      },
    },
    pushing: { on: { PUSHED: { target: 'done' } } },
    holding: { on: { PUSHED: { target: 'done' } } },
    done: { type: 'final' },
  },
};

/** v1 waits in `review`; v2 renamed it `checking` (so `review` is a removed state a migration must map). */
export const flowV1 = {
  id: 'flow',
  initial: 'new',
  context: {},
  states: {
    new: { on: { WORKFLOW_START: { target: 'review' } } },
    review: { on: { APPROVE: { target: 'done' } } },
    done: { type: 'final' },
  },
};
export const flowV2 = {
  ...flowV1,
  context: { checked: false },
  states: {
    new: { on: { WORKFLOW_START: { target: 'checking' } } },
    checking: { on: { APPROVE: { target: 'approved', actions: [{ type: 'assign', path: 'checked', value: true }] } } },
    approved: { type: 'final' },
    done: { type: 'final' },
  },
};
