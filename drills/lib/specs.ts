// Specs the drills load the system with; each final state is what "not lost" means for it.

import { counterSpec as counter, taskSpec as task } from '@switchyard/testkit/specs';

/** start → one task (DELAY `ms`, NOOP when 0) → done. Two transitions per instance. */
export const taskSpec = (ms: number) => task('drill-task', ms);

/** Self-transitions on TICK; FINISH ends it. Each applied TICK bumps the version once. */
export const counterSpec = counter('drill-counter');

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
