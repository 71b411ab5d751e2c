// Read-only views of a spec: what a state accepts, and the node/edge graph the console draws.
import type { TransitionSpec, WorkflowSpec } from './types';

export interface SpecGraphNode {
  id: string;
  initial: boolean;
  final: boolean;
}

export interface SpecGraphEdge {
  id: string;
  source: string;
  /** Equals `source` for a transition without a target (it stays in the state). */
  target: string;
  event: string;
  guard?: string;
  /** Index among the event's guarded alternatives (0 for a single transition). */
  alternative: number;
  tasks: { type: string; name: string }[];
  assigns: string[];
}

export interface SpecGraph {
  nodes: SpecGraphNode[];
  edges: SpecGraphEdge[];
}

/** The transitions of one event in one state, always as a list of alternatives. */
export function alternativesFor(spec: WorkflowSpec, state: string, event: string): TransitionSpec[] {
  const on = Object.hasOwn(spec.states, state) ? spec.states[state]?.on : undefined;
  const entry = on && Object.hasOwn(on, event) ? on[event] : undefined;
  if (entry === undefined) return [];
  return Array.isArray(entry) ? entry : [entry];
}

/** Events the given state has transitions for (none for a final or unknown state). */
export function acceptedEvents(spec: WorkflowSpec, stateValue: string): string[] {
  const state = Object.hasOwn(spec.states, stateValue) ? spec.states[stateValue] : undefined;
  if (!state || state.type === 'final') return [];
  return Object.keys(state.on ?? {});
}

/** Nodes and edges of the spec, one edge per guarded alternative, for drawing. */
export function describeSpecGraph(spec: WorkflowSpec): SpecGraph {
  const nodes: SpecGraphNode[] = Object.entries(spec.states).map(([id, state]) => ({
    id,
    initial: id === spec.initial,
    final: state.type === 'final',
  }));
  const edges: SpecGraphEdge[] = [];
  for (const [source, state] of Object.entries(spec.states)) {
    for (const event of Object.keys(state.on ?? {})) {
      alternativesFor(spec, source, event).forEach((t, alternative) => {
        const actions = t.actions ?? [];
        edges.push({
          id: `${source}:${event}:${alternative}`,
          source,
          target: t.target ?? source,
          event,
          ...(t.guard !== undefined ? { guard: t.guard } : {}),
          alternative,
          tasks: actions.flatMap((a) => (a.type === 'createTask' ? [{ type: a.task.type, name: a.task.name }] : [])),
          assigns: actions.flatMap((a) => (a.type === 'assign' ? [a.path] : [])),
        });
      });
    }
  }
  return { nodes, edges };
}
