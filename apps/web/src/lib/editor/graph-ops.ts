// Pure edits of the editor graph. Each returns a new graph; the caller records it in history.
import type { ActionSpec, TransitionSpec } from '@switchyard/engine/spec';
import { edgeTarget, newUid, type EditorEdge, type EditorGraph, type Loose } from './graph-model';

/** A state name not yet used: `state_1`, `state_2`, … */
export function freshStateName(graph: EditorGraph, prefix = 'state'): string {
  for (let i = graph.nodes.length + 1; ; i++) {
    const name = `${prefix}_${i}`;
    if (!graph.nodes.some((n) => n.id === name)) return name;
  }
}

/** Adds a state; the first state of an empty workflow becomes its initial state. */
export function addState(graph: EditorGraph, name: string): EditorGraph {
  const meta = graph.nodes.length === 0 && !graph.meta['initial'] ? { ...graph.meta, initial: name } : graph.meta;
  return { ...graph, meta, nodes: [...graph.nodes, { id: name, state: {} }] };
}

/** Renames a state and every reference to it (initial, targets); refuses a name already taken. */
export function renameState(graph: EditorGraph, from: string, to: string): EditorGraph {
  if (from === to || !to || graph.nodes.some((n) => n.id === to)) return graph;
  const edges = graph.edges.map((e): EditorEdge => {
    const transition = e.transition.target === from ? { ...e.transition, target: to } : e.transition;
    return { ...e, source: e.source === from ? to : e.source, transition };
  });
  return {
    meta: graph.meta['initial'] === from ? { ...graph.meta, initial: to } : graph.meta,
    nodes: graph.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)),
    edges,
    emptyOn: graph.emptyOn.map((s) => (s === from ? to : s)),
  };
}

/** Deletes a state with the transitions from and to it. */
export function deleteState(graph: EditorGraph, id: string): EditorGraph {
  return {
    ...graph,
    meta:
      graph.meta['initial'] === id
        ? { ...graph.meta, initial: graph.nodes.find((n) => n.id !== id)?.id ?? '' }
        : graph.meta,
    nodes: graph.nodes.filter((n) => n.id !== id),
    edges: graph.edges.filter((e) => e.source !== id && edgeTarget(e) !== id),
    emptyOn: graph.emptyOn.filter((s) => s !== id),
  };
}

/** Makes a state the initial one. */
export function setInitial(graph: EditorGraph, id: string): EditorGraph {
  return { ...graph, meta: { ...graph.meta, initial: id } };
}

/** Toggles `type: "final"` on a state. */
export function toggleFinal(graph: EditorGraph, id: string): EditorGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      if (n.id !== id) return n;
      const { type, ...rest } = n.state;
      return { ...n, state: type === 'final' ? rest : { type: 'final', ...rest } };
    }),
  };
}

/** Patches a state's own fields (description, …); undefined removes a field. */
export function patchState(graph: EditorGraph, id: string, patch: Loose): EditorGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => (n.id === id ? { ...n, state: dropUndefined({ ...n.state, ...patch }) } : n)),
  };
}

/** Adds a transition from `source` to `target` on `event`; returns the graph and the new edge's uid. */
export function addTransition(
  graph: EditorGraph,
  source: string,
  target: string,
  event: string,
): { graph: EditorGraph; uid: string } {
  const uid = newUid();
  return {
    graph: { ...graph, edges: [...graph.edges, { uid, source, event, transition: { target }, listed: false }] },
    uid,
  };
}

/** Deletes one transition (one guarded alternative). */
export function deleteTransition(graph: EditorGraph, uid: string): EditorGraph {
  return { ...graph, edges: graph.edges.filter((e) => e.uid !== uid) };
}

/** Renames the event of one transition (it joins that event's alternatives if the state already has it). */
export function renameEvent(graph: EditorGraph, uid: string, event: string): EditorGraph {
  return { ...graph, edges: graph.edges.map((e) => (e.uid === uid ? { ...e, event } : e)) };
}

/** Patches a transition's fields (target, guard, description); undefined removes a field. */
export function patchTransition(
  graph: EditorGraph,
  uid: string,
  patch: Partial<Record<keyof TransitionSpec, unknown>>,
): EditorGraph {
  return {
    ...graph,
    edges: graph.edges.map((e) =>
      e.uid === uid
        ? { ...e, transition: dropUndefined({ ...e.transition, ...patch }) as EditorEdge['transition'] }
        : e,
    ),
  };
}

/** Replaces a transition's action list (an empty list removes `actions`). */
export function setActions(graph: EditorGraph, uid: string, actions: ActionSpec[]): EditorGraph {
  return patchTransition(graph, uid, { actions: actions.length ? actions : undefined });
}

/** Sets (or with undefined removes) a top-level field: context, guards, name, id, … */
export function patchMeta(graph: EditorGraph, field: string, value: unknown): EditorGraph {
  return { ...graph, meta: dropUndefined({ ...graph.meta, [field]: value }) };
}

function dropUndefined<T extends Loose>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
