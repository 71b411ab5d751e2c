import { counterSpec as counter } from '@switchyard/testkit/specs';

// Small specs the integration tests publish: each exercises one engine feature through the real stack.

export const guardedSpec = {
  id: 'guarded',
  initial: 'waiting',
  context: { customer: { name: 'Ada' } },
  guards: { isBig: { gt: [{ $ref: 'event.payload.amount' }, 100] } },
  states: {
    waiting: { on: { WORKFLOW_START: { target: 'review' } } },
    review: {
      on: {
        SUBMIT: [
          {
            guard: 'isBig',
            target: 'big',
            actions: [
              { type: 'assign', path: 'decision.route.kind', value: 'manual' },
              { type: 'assign', path: 'decision.amount', value: { $ref: 'event.payload.amount' } },
              {
                type: 'createTask',
                task: {
                  type: 'NOOP',
                  name: 'notify-manager',
                  input: {
                    customer: { $ref: 'context.customer.name' },
                    amount: { $ref: 'event.payload.amount' },
                    note: { $template: 'Big order for {{context.customer.name}}' },
                  },
                  completionEvent: 'NOTIFIED',
                },
              },
            ],
          },
          { target: 'small', actions: [{ type: 'assign', path: 'decision.route.kind', value: 'auto' }] },
        ],
      },
    },
    big: { on: { NOTIFIED: { target: 'done' } } },
    small: { type: 'final' },
    done: { type: 'final' },
  },
};

export const delayedSpec = {
  id: 'delayed',
  initial: 'start',
  context: {},
  states: {
    start: {
      on: {
        WORKFLOW_START: {
          target: 'waiting',
          actions: [
            {
              type: 'createTask',
              task: {
                type: 'NOOP',
                name: 'later',
                input: { ok: true },
                runAt: { $ref: 'event.payload.delay' },
                completionEvent: 'RAN',
              },
            },
          ],
        },
      },
    },
    waiting: { on: { RAN: { target: 'done' } } },
    done: { type: 'final' },
  },
};

export const idempotentSpec = {
  id: 'idempotent',
  initial: 'start',
  context: {},
  states: {
    start: { on: { WORKFLOW_START: { target: 'collecting' } } },
    collecting: {
      on: {
        PING: {
          actions: [
            {
              type: 'createTask',
              task: {
                type: 'COUNTED',
                name: 'ping',
                input: { n: { $ref: 'event.payload.n' } },
                idempotencyKey: { $template: 'ping-{{event.payload.n}}' },
              },
            },
          ],
        },
        FINISH: { target: 'done' },
      },
    },
    done: { type: 'final' },
  },
};

/** A task that fails; `handled` decides whether the spec reacts to TASK_FAILED. */
export function failingSpec(handled: boolean) {
  return {
    id: handled ? 'failing-handled' : 'failing-unhandled',
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
                task: { type: 'FLAKY', name: 'flaky-call', input: {}, maxAttempts: 3, completionEvent: 'WORKED' },
              },
            ],
          },
        },
      },
      working: {
        on: {
          WORKED: { target: 'done' },
          ...(handled
            ? {
                TASK_FAILED: {
                  target: 'compensated',
                  actions: [{ type: 'assign', path: 'failure', value: { $ref: 'event.payload' } }],
                },
              }
            : {}),
        },
      },
      done: { type: 'final' },
      ...(handled ? { compensated: { type: 'final' } } : {}),
    },
  };
}

export const counterSpec = counter('counter');

/** A task that keeps its worker busy for as long as the server at `url` takes to answer (DELAY is a timer now). */
export function slowHttpSpec(url: string) {
  return {
    id: 'slow-task',
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
                task: { type: 'HTTP', name: 'slow', input: { method: 'GET', url }, completionEvent: 'SLEPT' },
              },
            ],
          },
        },
      },
      working: { on: { SLEPT: { target: 'done' } } },
      done: { type: 'final' },
    },
  };
}

export function slowTaskSpec(ms: number) {
  return {
    id: 'slow-task',
    initial: 'start',
    context: {},
    states: {
      start: {
        on: {
          WORKFLOW_START: {
            target: 'working',
            actions: [
              { type: 'createTask', task: { type: 'DELAY', name: 'slow', input: { ms }, completionEvent: 'SLEPT' } },
            ],
          },
        },
      },
      working: { on: { SLEPT: { target: 'done' } } },
      done: { type: 'final' },
    },
  };
}
