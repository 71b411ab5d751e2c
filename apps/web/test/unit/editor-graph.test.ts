import { helloWorkflow, orderApprovalWorkflow } from '@switchyard/engine/fixtures';
import { describe, expect, it } from 'vitest';
import { edgeKeys, graphToSpec, specToGraph, type EditorGraph } from '../../src/lib/editor/graph-model';
import { addState, addTransition, deleteState, renameState, toggleFinal } from '../../src/lib/editor/graph-ops';
import { problemTarget } from '../../src/lib/editor/problem-target';

const guarded = {
  id: 'guarded',
  initial: 'waiting',
  context: { n: 0 },
  guards: { big: { gt: [{ $ref: 'event.payload.n' }, 10] }, small: { lte: [{ $ref: 'event.payload.n' }, 10] } },
  states: {
    waiting: {
      description: 'self-transitions and alternatives',
      on: {
        TICK: { actions: [{ type: 'assign', path: 'n', value: { $ref: 'event.payload.n' } }] },
        SIZE: [{ guard: 'big', target: 'large' }, { guard: 'small', target: 'waiting' }, { target: 'done' }],
        ONE: [{ target: 'done' }],
      },
    },
    large: { on: {} },
    done: { type: 'final' },
  },
};

const roundTrip = (spec: unknown) => graphToSpec(specToGraph(spec)!);

describe('graph ⇄ spec conversion', () => {
  it.each([
    ['hello-workflow', helloWorkflow],
    ['order-approval', orderApprovalWorkflow],
    ['guards, alternatives, self-transitions', guarded],
  ])('round-trips %s unchanged, key order included', (_name, spec) => {
    const back = roundTrip(spec);
    expect(back).toEqual(spec);
    expect(JSON.stringify(back)).toBe(JSON.stringify(spec));
  });

  it('draws one edge per alternative, a targetless transition as a loop, keyed like the engine', () => {
    const graph = specToGraph(guarded)!;
    expect([...edgeKeys(graph).values()]).toEqual([
      'waiting:TICK:0',
      'waiting:SIZE:0',
      'waiting:SIZE:1',
      'waiting:SIZE:2',
      'waiting:ONE:0',
    ]);
    expect(graph.edges[0]!.transition.target).toBeUndefined();
  });

  it('refuses JSON it cannot draw rather than dropping parts of it', () => {
    expect(specToGraph({ id: 'x' })).toBeNull();
    expect(specToGraph({ states: { a: { on: { GO: 5 } } } })).toBeNull();
  });
});

describe('graph edits', () => {
  const empty = (): EditorGraph => specToGraph({ id: 'w', initial: '', states: {} })!;

  it('builds a valid workflow from nothing', () => {
    let g = addState(addState(addState(empty(), 'start'), 'work'), 'done');
    g = addTransition(g, 'start', 'work', 'GO').graph;
    g = addTransition(g, 'work', 'done', 'FINISH').graph;
    g = toggleFinal(g, 'done');
    expect(graphToSpec(g)).toEqual({
      id: 'w',
      initial: 'start',
      states: {
        start: { on: { GO: { target: 'work' } } },
        work: { on: { FINISH: { target: 'done' } } },
        done: { type: 'final' },
      },
    });
  });

  it('renames a state everywhere it is referenced and deletes one with its transitions', () => {
    const g = renameState(specToGraph(helloWorkflow)!, 'notify', 'mail');
    const spec = graphToSpec(g) as typeof helloWorkflow;
    expect(Object.keys(spec.states)).toEqual(['start', 'mail', 'done']);
    expect((spec.states['start']!.on!['WORKFLOW_START'] as { target: string }).target).toBe('mail');
    const without = graphToSpec(deleteState(g, 'done')) as typeof helloWorkflow;
    expect(without.states['mail']).toEqual({});
  });

  it('maps problem paths to the state or transition at fault', () => {
    const g = specToGraph(guarded)!;
    const uid = (key: string) => [...edgeKeys(g)].find(([, k]) => k === key)![0];
    expect(problemTarget(g, '$.states.waiting.on.SIZE[1].guard')).toEqual({ kind: 'edge', uid: uid('waiting:SIZE:1') });
    expect(problemTarget(g, '$.states.waiting.on.TICK.actions[0].path')).toEqual({
      kind: 'edge',
      uid: uid('waiting:TICK:0'),
    });
    expect(problemTarget(g, '$.states.large')).toEqual({ kind: 'node', id: 'large' });
    expect(problemTarget(g, '$.initial')).toEqual({ kind: 'settings', field: 'initial' });
  });
});
