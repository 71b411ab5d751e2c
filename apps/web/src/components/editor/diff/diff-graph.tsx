'use client';

import '@xyflow/react/dist/style.css';
import { Background, Controls, MarkerType, ReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { layoutGraph, type LaidOutGraph } from '~/components/graph/layout';
import { StateNode, type StateNodeType } from '~/components/graph/state-node';
import { TransitionEdge, type TransitionEdgeType } from '~/components/graph/transition-edge';
import type { DiffKind } from '@switchyard/engine/spec';
import type { DiffGraph } from './diff-graph-model';

const nodeTypes = { state: StateNode };
const edgeTypes = { transition: TransitionEdge };
const colour = { added: 'var(--green)', removed: 'var(--red)', changed: 'var(--amber)' } as const;

/** Class and `data-diff` attribute for a changed node or edge (tests find changes by the attribute). */
function marked(kind: DiffKind | undefined): { className?: string; domAttributes?: Record<string, string> } {
  return kind ? { className: `diff--${kind}`, domAttributes: { 'data-diff': kind } } : {};
}

/** The console's state graph with added / removed / changed states and transitions coloured (and tagged `data-diff`). */
export function DiffGraphView({ graph, height = 480 }: { graph: DiffGraph; height?: number }) {
  const [layout, setLayout] = useState<LaidOutGraph | null>(null);
  const shape = JSON.stringify({ nodes: graph.nodes, edges: graph.edges });
  useEffect(() => {
    let alive = true;
    // Laid out again only when the drawn shape changes, not on every new (equal) graph object.
    void layoutGraph(JSON.parse(shape) as Pick<DiffGraph, 'nodes' | 'edges'>).then((l) => alive && setLayout(l));
    return () => {
      alive = false;
    };
  }, [shape]);

  const nodes = useMemo<StateNodeType[]>(
    () =>
      layout
        ? graph.nodes.map((n) => {
            const box = layout.nodes.get(n.id) ?? { x: 0, y: 0, width: 120, height: 44 };
            const kind = graph.kinds.get(`state:${n.id}`);
            return {
              id: n.id,
              type: 'state',
              position: { x: box.x, y: box.y },
              width: box.width,
              height: box.height,
              draggable: false,
              selectable: false,
              connectable: false,
              ...marked(kind),
              data: { label: n.id, initial: n.initial, final: n.final, current: false, visited: false },
            };
          })
        : [],
    [layout, graph],
  );

  const edges = useMemo<TransitionEdgeType[]>(
    () =>
      layout
        ? graph.edges.map((e) => {
            const route = layout.edges.get(e.id);
            const kind = graph.kinds.get(e.id);
            return {
              id: e.id,
              source: e.source,
              target: e.target,
              type: 'transition',
              selectable: false,
              ...marked(kind),
              markerEnd: {
                type: MarkerType.ArrowClosed,
                width: 16,
                height: 16,
                color: kind ? colour[kind] : 'var(--edge)',
              },
              data: {
                event: e.event,
                ...(e.guard ? { guard: e.guard } : {}),
                tasks: e.tasks,
                points: route?.points ?? [],
                label: route?.label ?? { x: 0, y: 0, width: 0, height: 0 },
                taken: [],
                dimmed: false,
              },
            };
          })
        : [],
    [layout, graph],
  );

  if (!layout) return <div className="skeleton" style={{ height }} aria-busy="true" />;
  return (
    <div className="spec-graph" style={{ height }} data-testid="diff-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={{ padding: 0.08, maxZoom: 1.1 }}
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} size={1} color="var(--grid)" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
