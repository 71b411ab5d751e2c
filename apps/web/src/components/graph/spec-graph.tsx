'use client';

import '@xyflow/react/dist/style.css';
import { Background, Controls, MarkerType, ReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { layoutGraph, type GraphInput, type LaidOutGraph } from './layout';
import { StateNode, type StateNodeType } from './state-node';
import { TransitionEdge, type TransitionEdgeType } from './transition-edge';

const nodeTypes = { state: StateNode };
const edgeTypes = { transition: TransitionEdge };

export interface SpecGraphProps {
  graph: GraphInput;
  current?: string | null;
  visited?: Set<string>;
  takenEdges?: Map<string, number[]>;
  height?: number;
}

/** The spec as a state diagram, laid out by ELK; optionally with the path an instance took. */
export function SpecGraph({ graph, current = null, visited, takenEdges, height = 360 }: SpecGraphProps) {
  const [layout, setLayout] = useState<LaidOutGraph | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shape = JSON.stringify(graph);

  useEffect(() => {
    let alive = true;
    layoutGraph(JSON.parse(shape) as GraphInput).then(
      (l) => alive && setLayout(l),
      (e: unknown) => alive && setError(String(e)),
    );
    return () => { alive = false; };
  }, [shape]);

  const tracing = takenEdges !== undefined;
  const nodes = useMemo<StateNodeType[]>(() => {
    if (!layout) return [];
    return graph.nodes.map((n) => {
      const box = layout.nodes.get(n.id) ?? { x: 0, y: 0, width: 120, height: 44 };
      return {
        id: n.id, type: 'state', position: { x: box.x, y: box.y }, width: box.width, height: box.height,
        draggable: false, selectable: false, connectable: false,
        data: { label: n.id, initial: n.initial, final: n.final, current: n.id === current, visited: visited?.has(n.id) ?? false },
      };
    });
  }, [layout, graph.nodes, current, visited]);

  const edges = useMemo<TransitionEdgeType[]>(() => {
    if (!layout) return [];
    return graph.edges.map((e) => {
      const route = layout.edges.get(e.id);
      const taken = takenEdges?.get(e.id) ?? [];
      return {
        id: e.id, source: e.source, target: e.target, type: 'transition', selectable: false,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: taken.length ? 'var(--accent)' : 'var(--edge)' },
        data: { event: e.event, ...(e.guard ? { guard: e.guard } : {}), tasks: e.tasks, points: route?.points ?? [], label: route?.label ?? { x: 0, y: 0, width: 0, height: 0 }, taken, dimmed: tracing && taken.length === 0 },
      };
    });
  }, [layout, graph.edges, takenEdges, tracing]);

  if (error) return <div className="error-box">Could not lay out the graph: {error}</div>;
  if (!layout) return <div className="skeleton" style={{ height }} aria-busy="true" />;
  return (
    <div className="spec-graph" style={{ height }} data-testid="spec-graph">
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
