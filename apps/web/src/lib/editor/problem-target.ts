// Maps a validation problem's JSON path to the thing on the canvas it is about.
import { edgeKeys, type EditorGraph } from './graph-model';

export type Selection =
  { kind: 'node'; id: string } | { kind: 'edge'; uid: string } | { kind: 'settings'; field: string } | null;

/** Splits `$.states.a.on["x y"][1].target` into ['states', 'a', 'on', 'x y', 1, 'target']. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /\.([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.replace(/^\$/, '').matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
  }
  return out;
}

/** The node or edge a problem path points at, or the settings field for top-level problems. */
export function problemTarget(graph: EditorGraph, path: string): Selection {
  const [root, state, on, event, index] = parsePath(path);
  if (root !== 'states' || typeof state !== 'string')
    return typeof root === 'string' ? { kind: 'settings', field: root } : null;
  if (on !== 'on' || typeof event !== 'string')
    return graph.nodes.some((n) => n.id === state) ? { kind: 'node', id: state } : null;
  const wanted = `${state}:${event}:${typeof index === 'number' ? index : 0}`;
  for (const [uid, key] of edgeKeys(graph)) if (key === wanted) return { kind: 'edge', uid };
  return { kind: 'node', id: state };
}
