// The specs the benchmark runs. NOOP tasks measure the engine, not an SMTP server.

/** A self-transition with an assign: every TICK is one applied event, one snapshot write, one version bump. */
export const counterSpec = {
  id: 'bench-counter',
  initial: 'start',
  context: { last: null },
  states: {
    start: { on: { WORKFLOW_START: { target: 'counting' } } },
    counting: {
      on: {
        TICK: { target: 'counting', actions: [{ type: 'assign', path: 'last', value: { $ref: 'event.payload.n' } }] },
      },
    },
  },
};

/** hello-workflow with its EMAIL task swapped for NOOP: start → task → completion event → done. */
export const helloNoopSpec = {
  id: 'bench-hello',
  initial: 'start',
  context: { greeted: false },
  states: {
    start: {
      on: {
        WORKFLOW_START: {
          target: 'notify',
          actions: [
            {
              type: 'createTask',
              task: {
                type: 'NOOP',
                name: 'send-hello',
                input: { to: 'user@example.com', subject: 'Hello' },
                completionEvent: 'HELLO_SENT',
              },
            },
          ],
        },
      },
    },
    notify: { on: { HELLO_SENT: { target: 'done', actions: [{ type: 'assign', path: 'greeted', value: true }] } } },
    done: { type: 'final' },
  },
};
