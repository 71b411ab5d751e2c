import { describe, expect, it } from 'vitest';
import { acceptedEvents, describeSpecGraph } from '../../src/spec';
import { helloWorkflow, orderApprovalWorkflow } from '../../src/workflows/fixtures';

describe('spec graph', () => {
  it('lists the events a state accepts, and none for a final state', () => {
    expect(acceptedEvents(orderApprovalWorkflow, 'manual')).toEqual(['DECIDED', 'NOTE']);
    expect(acceptedEvents(orderApprovalWorkflow, 'done')).toEqual([]);
    expect(acceptedEvents(orderApprovalWorkflow, 'no-such-state')).toEqual([]);
  });

  it('describes hello-workflow as nodes and edges with the tasks each edge creates', () => {
    expect(describeSpecGraph(helloWorkflow)).toEqual({
      nodes: [
        { id: 'start', initial: true, final: false },
        { id: 'notify', initial: false, final: false },
        { id: 'done', initial: false, final: true },
      ],
      edges: [
        {
          id: 'start:WORKFLOW_START:0',
          source: 'start',
          target: 'notify',
          event: 'WORKFLOW_START',
          alternative: 0,
          tasks: [{ type: 'EMAIL', name: 'send-hello' }],
          assigns: [],
        },
        {
          id: 'notify:HELLO_SENT:0',
          source: 'notify',
          target: 'done',
          event: 'HELLO_SENT',
          alternative: 0,
          tasks: [],
          assigns: [],
        },
      ],
    });
  });

  it('draws one edge per guarded alternative and a self-loop for a targetless transition', () => {
    const { edges } = describeSpecGraph(orderApprovalWorkflow);
    expect(edges.filter((e) => e.source === 'review')).toEqual([
      expect.objectContaining({ target: 'manual', guard: 'isLarge', alternative: 0, assigns: ['approval.route'] }),
      expect.objectContaining({
        target: 'approved',
        alternative: 1,
        assigns: ['approval.route', 'approval.by'],
        tasks: [{ type: 'EMAIL', name: 'send-confirmation' }],
      }),
    ]);
    expect(edges.find((e) => e.event === 'NOTE')).toMatchObject({ source: 'manual', target: 'manual' });
  });
});
