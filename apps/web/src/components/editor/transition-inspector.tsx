'use client';

import type { ActionSpec } from '@switchyard/engine/spec';
import { forwardRef } from 'react';
import { edgeTarget, type EditorEdge, type EditorGraph } from '~/lib/editor/graph-model';
import { deleteTransition, patchTransition, renameEvent, setActions } from '~/lib/editor/graph-ops';
import { ActionFields } from './action-fields';
import { TextField } from './text-field';

const newTask: ActionSpec = {
  type: 'createTask',
  task: { type: 'EMAIL', name: 'new-task', input: { to: 'someone@example.com', subject: 'Subject' } },
};
const newAssign: ActionSpec = { type: 'assign', path: 'field', value: null };

/** The selected transition: event, target, guard, description and its ordered actions. */
export const TransitionInspector = forwardRef<
  HTMLInputElement,
  { graph: EditorGraph; edge: EditorEdge; apply(edit: (g: EditorGraph) => EditorGraph): void }
>(function TransitionInspector({ graph, edge, apply }, eventRef) {
  const actions = edge.transition.actions ?? [];
  const guards = Object.keys((graph.meta['guards'] as Record<string, unknown> | undefined) ?? {});
  const update = (next: ActionSpec[]) => apply((g) => setActions(g, edge.uid, next));
  const move = (i: number, delta: -1 | 1) => {
    const j = i + delta;
    if (j < 0 || j >= actions.length) return;
    const next = [...actions];
    [next[i], next[j]] = [next[j]!, next[i]!];
    update(next);
  };
  return (
    <div className="inspector" data-testid="transition-inspector">
      <h3>
        Transition <span className="muted">from</span> <code>{edge.source}</code>
      </h3>
      <TextField
        ref={eventRef}
        label="Event (E to rename)"
        value={edge.event}
        onCommit={(v) => apply((g) => renameEvent(g, edge.uid, v))}
        mono
        testId="event-name"
        live={false}
      />
      <label className="field-label" htmlFor="edge-target">
        Target
      </label>
      <select
        id="edge-target"
        className="select select--block"
        value={typeof edge.transition.target === 'string' ? edge.transition.target : ''}
        onChange={(e) => apply((g) => patchTransition(g, edge.uid, { target: e.target.value || undefined }))}
      >
        <option value="">(stay in {edge.source})</option>
        {graph.nodes.map((n) => (
          <option key={n.id} value={n.id}>
            {n.id}
          </option>
        ))}
        {!graph.nodes.some((n) => n.id === edgeTarget(edge)) && (
          <option value={edgeTarget(edge)}>{edgeTarget(edge)} (missing)</option>
        )}
      </select>
      <label className="field-label" htmlFor="edge-guard">
        Guard <span className="muted">(a named guard from the workflow settings)</span>
      </label>
      <select
        id="edge-guard"
        className="select select--block"
        value={edge.transition.guard ?? ''}
        onChange={(e) => apply((g) => patchTransition(g, edge.uid, { guard: e.target.value || undefined }))}
      >
        <option value="">(always)</option>
        {guards.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
        {edge.transition.guard && !guards.includes(edge.transition.guard) && (
          <option value={edge.transition.guard}>{edge.transition.guard} (undefined)</option>
        )}
      </select>
      <TextField
        label="Description"
        value={edge.transition.description ?? ''}
        onCommit={(v) => apply((g) => patchTransition(g, edge.uid, { description: v || undefined }))}
      />
      <div className="inspector__section">
        <h4>
          Actions <span className="muted">(run in order)</span>
        </h4>
        {actions.map((a, i) => (
          <ActionFields
            key={i}
            action={a}
            index={i}
            onChange={(next) => update(actions.map((x, j) => (j === i ? next : x)))}
            onRemove={() => update(actions.filter((_, j) => j !== i))}
            onMove={(d) => move(i, d)}
          />
        ))}
        <div className="inspector__buttons">
          <button type="button" className="button button--small" onClick={() => update([...actions, newTask])}>
            + Create task
          </button>
          <button type="button" className="button button--small" onClick={() => update([...actions, newAssign])}>
            + Assign
          </button>
        </div>
      </div>
      <div className="inspector__buttons inspector__buttons--end">
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => apply((g) => deleteTransition(g, edge.uid))}
        >
          Delete transition
        </button>
      </div>
    </div>
  );
});
