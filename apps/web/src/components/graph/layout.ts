import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';

export interface GraphInput {
  nodes: { id: string; initial: boolean; final: boolean }[];
  edges: {
    id: string;
    source: string;
    target: string;
    event: string;
    guard?: string;
    tasks: { type: string; name: string }[];
  }[];
}

export interface Point {
  x: number;
  y: number;
}

export interface LaidOutGraph {
  nodes: Map<string, { x: number; y: number; width: number; height: number }>;
  edges: Map<string, { points: Point[]; label: { x: number; y: number; width: number; height: number } }>;
  width: number;
  height: number;
}

const elk = new ELK();
// Approximate width of one character of the labels' 12 px monospace font.
const CHAR = 7.6;

export function nodeSize(id: string): { width: number; height: number } {
  return { width: Math.max(110, id.length * 9 + 58), height: 46 };
}

/** Label box size for an edge: the event line (with guard), plus one line per task chip. */
export function labelSize(edge: GraphInput['edges'][number]): { width: number; height: number } {
  const head = edge.event.length + (edge.guard ? edge.guard.length + 3 : 0);
  const chips = edge.tasks.map((t) => t.type.length + t.name.length + 5);
  return { width: Math.max(head, ...chips) * CHAR + 40, height: 24 + edge.tasks.length * 23 };
}

/** Runs ELK's layered layout with edge labels as obstacles, so labels never sit on top of nodes. */
export async function layoutGraph(graph: GraphInput): Promise<LaidOutGraph> {
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'POLYLINE',
      // Generous spacing: labels are layout obstacles, and edges must route around them, not through them.
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.layered.spacing.edgeNodeBetweenLayers': '28',
      'elk.layered.spacing.edgeEdgeBetweenLayers': '16',
      'elk.spacing.nodeNode': '48',
      'elk.spacing.edgeEdge': '16',
      'elk.spacing.edgeLabel': '8',
      'elk.spacing.edgeNode': '28',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.edgeLabels.inline': 'false',
      'elk.layered.edgeLabels.sideSelection': 'ALWAYS_UP',
      'elk.padding': '[top=24,left=24,bottom=24,right=24]',
    },
    children: graph.nodes.map((n) => ({ id: n.id, ...nodeSize(n.id) })),
    edges: graph.edges.map((e): ElkExtendedEdge => ({
      id: e.id,
      sources: [e.source],
      targets: [e.target],
      labels: [
        {
          id: `${e.id}#label`,
          text: e.event,
          ...labelSize(e),
          layoutOptions: { 'elk.edgeLabels.placement': 'CENTER' },
        },
      ],
    })),
  };
  const result = await elk.layout(root);
  const nodes: LaidOutGraph['nodes'] = new Map();
  for (const child of result.children ?? []) {
    nodes.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
  }
  const edges: LaidOutGraph['edges'] = new Map();
  for (const edge of result.edges ?? []) {
    const section = edge.sections?.[0];
    const label = edge.labels?.[0];
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    edges.set(edge.id, {
      points,
      label: {
        x: label?.x ?? points[0]?.x ?? 0,
        y: label?.y ?? points[0]?.y ?? 0,
        width: label?.width ?? 0,
        height: label?.height ?? 0,
      },
    });
  }
  return { nodes, edges, width: result.width ?? 0, height: result.height ?? 0 };
}
