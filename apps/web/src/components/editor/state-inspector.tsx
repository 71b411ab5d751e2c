'use client';

import { forwardRef } from 'react';
import type { EditorGraph, EditorNode } from '~/lib/editor/graph-model';
import { deleteState, patchState, setInitial, toggleFinal } from '~/lib/editor/graph-ops';
import { TextField } from './text-field';

export interface StateInspectorProps {
  graph: EditorGraph;
  node: EditorNode;
  apply(edit: (g: EditorGraph) => EditorGraph): void;
  rename(from: string, to: string): void;
}

/** The selected state: name, initial, final, description. */
export const StateInspector = forwardRef<HTMLInputElement, StateInspectorProps>(function StateInspector(
  { graph, node, apply, rename },
  nameRef,
) {
  const isInitial = graph.meta['initial'] === node.id;
  const isFinal = node.state['type'] === 'final';
  const outgoing = graph.edges.filter((e) => e.source === node.id).length;
  return (
    <div className="inspector" data-testid="state-inspector">
      <h3>State</h3>
      <TextField
        ref={nameRef}
        label="Name (E to rename)"
        value={node.id}
        onCommit={(v) => rename(node.id, v)}
        mono
        testId="state-name"
        live={false}
      />
      <div className="inspector__checks">
        <label>
          <input
            type="checkbox"
            checked={isInitial}
            disabled={isInitial}
            onChange={() => apply((g) => setInitial(g, node.id))}
          />{' '}
          Initial <kbd>I</kbd>
        </label>
        <label>
          <input type="checkbox" checked={isFinal} onChange={() => apply((g) => toggleFinal(g, node.id))} /> Final{' '}
          <kbd>F</kbd>
        </label>
      </div>
      {isFinal && outgoing > 0 && (
        <p className="form-error">
          A final state accepts no events: remove its {outgoing} outgoing transition(s) or unmark it.
        </p>
      )}
      <TextField
        label="Description"
        value={typeof node.state['description'] === 'string' ? node.state['description'] : ''}
        onCommit={(v) => apply((g) => patchState(g, node.id, { description: v || undefined }))}
      />
      <div className="inspector__buttons inspector__buttons--end">
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => apply((g) => deleteState(g, node.id))}
        >
          Delete state
        </button>
      </div>
    </div>
  );
});
