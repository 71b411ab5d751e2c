// The union of two specs' graphs, each node and edge tagged with how the new version differs.
import { transitionsByKey, type DiffKind, type SpecDiff } from '@switchyard/engine/spec';
import type { GraphInput } from '~/components/graph/layout';
import { isObject } from '~/lib/editor/graph-model';

export interface DiffGraph extends GraphInput {
  kinds: Map<string, DiffKind>;
}

function stateNames(spec: unknown): string[] {
  return isObject(spec) && isObject(spec['states']) ? Object.keys(spec['states']) : [];
}

function finalStates(spec: unknown): Set<string> {
  const states = isObject(spec) && isObject(spec['states']) ? spec['states'] : {};
  return new Set(
    Object.entries(states)
      .filter(([, s]) => isObject(s) && s['type'] === 'final')
      .map(([k]) => k),
  );
}

/** Nodes and edges of `after` plus what `before` had and `after` removed, with the diff kind of each. */
export function diffGraph(before: unknown, after: unknown, diff: SpecDiff): DiffGraph {
  const kinds = new Map<string, DiffKind>();
  for (const s of diff.states) kinds.set(`state:${s.state}`, s.kind);
  for (const t of diff.transitions) kinds.set(t.key, t.kind);
  const names = [...new Set([...stateNames(after), ...stateNames(before)])];
  const finals = new Set([...finalStates(before), ...finalStates(after)]);
  const initial = isObject(after) ? after['initial'] : undefined;
  const edgesAfter = transitionsByKey(after);
  const edgesBefore = transitionsByKey(before);
  const all = new Map([...edgesAfter, ...[...edgesBefore].filter(([k]) => !edgesAfter.has(k))]);
  const edges: GraphInput['edges'] = [...all].map(([key, t]) => {
    const body = isObject(t.transition) ? t.transition : {};
    const target = typeof body['target'] === 'string' && names.includes(body['target']) ? body['target'] : t.state;
    const actions = Array.isArray(body['actions']) ? body['actions'] : [];
    const tasks = actions.flatMap((a) =>
      isObject(a) && a['type'] === 'createTask' && isObject(a['task'])
        ? [{ type: String(a['task']['type']), name: String(a['task']['name']) }]
        : [],
    );
    return {
      id: key,
      source: t.state,
      target,
      event: t.event,
      ...(typeof body['guard'] === 'string' ? { guard: body['guard'] } : {}),
      tasks,
    };
  });
  return { nodes: names.map((id) => ({ id, initial: id === initial, final: finals.has(id) })), edges, kinds };
}
