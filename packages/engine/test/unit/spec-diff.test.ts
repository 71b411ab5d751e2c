import { describe, expect, it } from 'vitest';
import { affectedStates, diffSpecs, isEmptyDiff } from '../../src/spec';
import { helloWorkflow, orderApprovalWorkflow } from '../../src/workflows/fixtures';

const clone = <T>(v: T): T => structuredClone(v);

describe('diffSpecs', () => {
  it('reports nothing for identical specs, whatever the key order', () => {
    const reordered = {
      states: clone(helloWorkflow.states),
      initial: 'start',
      id: 'hello-workflow',
      context: { greeted: false },
    };
    expect(isEmptyDiff(diffSpecs(helloWorkflow, reordered))).toBe(true);
  });

  it('marks exactly one transition changed when only its target moves', () => {
    const next = clone(helloWorkflow);
    next.states['extra'] = {};
    (next.states['notify']!.on!['HELLO_SENT'] as { target: string }).target = 'extra';
    const diff = diffSpecs(helloWorkflow, next);
    expect(diff.transitions).toEqual([
      { key: 'notify:HELLO_SENT:0', state: 'notify', event: 'HELLO_SENT', index: 0, kind: 'changed' },
    ]);
    expect(diff.states).toEqual([{ state: 'extra', kind: 'added' }]);
    expect(affectedStates(diff)).toEqual(['notify']);
  });

  it('reports removed states with their transitions, and added guarded alternatives', () => {
    const next = clone(orderApprovalWorkflow);
    delete next.states['manual'];
    const reviewed = next.states['review']!.on!['REVIEWED'] as unknown[];
    reviewed.push({ target: 'rejected' });
    const diff = diffSpecs(orderApprovalWorkflow, next);
    expect(diff.states).toContainEqual({ state: 'manual', kind: 'removed' });
    expect(diff.transitions.filter((t) => t.kind === 'removed').map((t) => t.key)).toEqual([
      'manual:DECIDED:0',
      'manual:DECIDED:1',
      'manual:NOTE:0',
    ]);
    expect(diff.transitions.filter((t) => t.kind === 'added').map((t) => t.key)).toEqual(['review:REVIEWED:2']);
    expect(affectedStates(diff).sort()).toEqual(['manual', 'review']);
  });

  it('reports changed settings: initial, context and named guards', () => {
    const next = clone(orderApprovalWorkflow);
    next.guards!['isLarge'] = { gt: [{ $ref: 'context.order.amount', default: 0 }, 5000] };
    next.context = { order: null };
    const diff = diffSpecs(orderApprovalWorkflow, next);
    expect(diff.settings).toEqual([
      { key: 'context', kind: 'changed' },
      { key: 'guards.isLarge', kind: 'changed' },
    ]);
    expect(diff.transitions).toEqual([]);
  });

  it('marks a state changed when it becomes final, not when only its transitions change', () => {
    const next = clone(helloWorkflow);
    next.states['notify'] = { type: 'final' };
    const diff = diffSpecs(helloWorkflow, next);
    expect(diff.states).toEqual([{ state: 'notify', kind: 'changed' }]);
    expect(diff.transitions).toEqual([
      { key: 'notify:HELLO_SENT:0', state: 'notify', event: 'HELLO_SENT', index: 0, kind: 'removed' },
    ]);
  });

  it('tolerates drafts that are not specs yet', () => {
    expect(diffSpecs(helloWorkflow, { id: 'x' }).states).toHaveLength(3);
    expect(diffSpecs(null, 'nope')).toEqual({ states: [], transitions: [], settings: [] });
  });
});
