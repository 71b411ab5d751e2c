// An HTTP task to a private address fails at once (the egress policy), and nothing handles TASK_FAILED.
export const breakingSpec = (id: string) => ({
  id,
  initial: 'waiting',
  states: {
    waiting: {
      on: {
        BREAK: {
          target: 'charging',
          actions: [
            { type: 'createTask', task: { type: 'HTTP', name: 'charge', input: { url: 'http://10.9.9.9/charge' } } },
          ],
        },
        DONE: { target: 'done' },
      },
    },
    charging: { on: { DONE: { target: 'done' } } },
    done: { type: 'final' },
  },
});
