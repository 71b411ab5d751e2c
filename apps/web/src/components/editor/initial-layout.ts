'use client';

import { layoutGraph } from '~/components/graph/layout';
import { edgeTarget, type EditorGraph } from '~/lib/editor/graph-model';
import type { Point } from './use-editor';

/** Positions for every state, from the console's ELK layout (the same one the read-only graph uses). */
export async function initialPositions(graph: EditorGraph): Promise<Record<string, Point>> {
  const laid = await layoutGraph({
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      initial: graph.meta['initial'] === n.id,
      final: n.state['type'] === 'final',
    })),
    edges: graph.edges.map((e) => ({
      id: e.uid,
      source: e.source,
      target: graph.nodes.some((n) => n.id === edgeTarget(e)) ? edgeTarget(e) : e.source,
      event: e.event,
      tasks: [],
    })),
  });
  // Extra vertical room: editor labels sit on curves rather than ELK's reserved label slots.
  return Object.fromEntries([...laid.nodes].map(([id, box]) => [id, { x: box.x * 1.1, y: box.y * 1.5 }]));
}
