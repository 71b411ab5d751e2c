import type { WorkflowSpec } from '@switchyard/engine/spec';
import { describe, expect, it } from 'vitest';
import { quickEvents } from '../../src/server/quick-events';

const spec = {
  id: 'q',
  initial: 'start',
  states: {
    start: {
      on: {
        WORKFLOW_START: {
          target: 'calling',
          actions: [
            {
              type: 'createTask',
              task: { type: 'HTTP', name: 'call', input: {}, completionEvent: 'API_OK', failureEvent: 'API_DOWN' },
            },
          ],
        },
      },
    },
    calling: {
      on: {
        API_OK: { target: 'done' },
        API_DOWN: { target: 'done' },
        TASK_FAILED: { target: 'done' },
        SKIP: { target: 'done' },
        APPROVE: { target: 'done' },
        AI_DECISION_REJECTED: { target: 'done' },
      },
    },
    done: { type: 'final' },
  },
} as unknown as WorkflowSpec;
const accepted = ['API_OK', 'API_DOWN', 'TASK_FAILED', 'SKIP', 'APPROVE', 'AI_DECISION_REJECTED'];

describe('quickEvents', () => {
  it('never offers engine events or the completion and failure events of tasks', () => {
    expect(quickEvents(spec, accepted, [])).toEqual(['SKIP', 'APPROVE']);
  });

  it('does not offer an event an AI decision awaits approval for, but does once the decision is resolved', () => {
    const decision = (status: string) => ({
      type: 'AI_DECISION',
      status: 'succeeded',
      output: { policy: { allowedEvents: ['APPROVE'] }, approval: { status } },
    });
    expect(quickEvents(spec, accepted, [decision('pending')])).toEqual(['SKIP']);
    expect(quickEvents(spec, accepted, [decision('rejected')])).toEqual(['SKIP', 'APPROVE']);
  });
});
