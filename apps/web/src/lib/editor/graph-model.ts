// The editor's document: a spec seen as a graph (states = nodes, one edge per guarded alternative).
// Conversion both ways keeps every key, order and shape, so spec → graph → spec is the identity.
import type { TransitionSpec } from '@switchyard/engine/spec';

export type Loose = Record<string, unknown>;

export interface EditorNode {
  id: string;
  /** The state's own fields except `on` (type, description, and anything unknown, kept verbatim). */
  state: Loose;
}

export interface EditorEdge {
  /** Stable while editing, so selection survives renames and reorders. */
  uid: string;
  source: string;
  event: string;
  transition: TransitionSpec & Loose;
  /** The event was written as a list of alternatives even with one entry. */
  listed: boolean;
}

export interface EditorGraph {
  /** Every top-level field except `states` (id, initial, context, guards, …). */
  meta: Loose;
  nodes: EditorNode[];
  edges: EditorEdge[];
  /** State order entries whose `on` was present but empty, kept so `"on": {}` survives. */
  emptyOn: string[];
}

export const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

let counter = 0;
/** A fresh edge uid (unique within the page's life; never persisted). */
export function newUid(): string {
  counter += 1;
  return `t${counter}`;
}

/** Where an edge points: its target, or its own state for a targetless (stay) transition. */
export function edgeTarget(edge: EditorEdge): string {
  return typeof edge.transition.target === 'string' ? edge.transition.target : edge.source;
}

/** Reads a spec-shaped object as a graph; returns null when it has no `states` object to draw. */
export function specToGraph(spec: unknown): EditorGraph | null {
  if (!isObject(spec) || !isObject(spec['states'])) return null;
  const { states, ...meta } = spec;
  const graph: EditorGraph = { meta, nodes: [], edges: [], emptyOn: [] };
  for (const [id, body] of Object.entries(states)) {
    if (!isObject(body)) return null;
    const { on, ...state } = body;
    graph.nodes.push({ id, state });
    if (on === undefined) continue;
    if (!isObject(on)) return null;
    if (Object.keys(on).length === 0) graph.emptyOn.push(id);
    for (const [event, entry] of Object.entries(on)) {
      const list = Array.isArray(entry) ? entry : [entry];
      for (const t of list) {
        if (!isObject(t)) return null;
        graph.edges.push({ uid: newUid(), source: id, event, transition: t, listed: Array.isArray(entry) });
      }
    }
  }
  return graph;
}

/** Writes the graph back as a spec: states in node order, events in first-edge order, alternatives in edge order. */
export function graphToSpec(graph: EditorGraph): Loose {
  const states: Loose = {};
  for (const node of graph.nodes) {
    const on: Record<string, EditorEdge[]> = {};
    for (const edge of graph.edges) if (edge.source === node.id) (on[edge.event] ??= []).push(edge);
    const events = Object.entries(on);
    const body: Loose = { ...node.state };
    if (events.length > 0 || graph.emptyOn.includes(node.id)) {
      body['on'] = Object.fromEntries(
        events.map(([event, list]) => [
          event,
          list.length === 1 && !list[0]!.listed ? list[0]!.transition : list.map((e) => e.transition),
        ]),
      );
    }
    states[node.id] = body;
  }
  return { ...graph.meta, states };
}

/** The `state:EVENT:index` key of every edge (the ids validation paths and diffs use). */
export function edgeKeys(graph: EditorGraph): Map<string, string> {
  const seen = new Map<string, number>();
  const out = new Map<string, string>();
  for (const node of graph.nodes) {
    for (const edge of graph.edges) {
      if (edge.source !== node.id) continue;
      const base = `${edge.source}:${edge.event}`;
      const index = seen.get(base) ?? 0;
      seen.set(base, index + 1);
      out.set(edge.uid, `${base}:${index}`);
    }
  }
  return out;
}
