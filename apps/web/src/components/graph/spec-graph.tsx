'use client';

import '@xyflow/react/dist/style.css';
import { Background, Controls, MarkerType, ReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { layoutGraph, type GraphInput, type LaidOutGraph } from './layout';
import { StateNode, type CurrentTone, type StateNodeType } from './state-node';
import { TransitionEdge, type TransitionEdgeType } from './transition-edge';
import { useFullscreen } from './use-fullscreen';

const nodeTypes = { state: StateNode };
const edgeTypes = { transition: TransitionEdge };
// Fit the whole graph, but never below this zoom: past it labels are unreadable, so the view pans instead.
const MIN_FIT_ZOOM = 0.65;

export interface SpecGraphProps {
  graph: GraphInput;
  current?: string | null;
  /** How the current state is drawn: running (accent), failed (red), completed (green), cancelled (grey). */
  currentTone?: CurrentTone;
  visited?: Set<string>;
  takenEdges?: Map<string, number[]>;
  /** The transition whose task failed and that task's name: badged on the graph. */
  failedEdge?: { edgeId: string; taskName: string } | null;
  height?: number;
}

/** The spec as a state diagram, laid out by ELK; optionally with the path an instance took. Full screen with F or the button. */
export function SpecGraph({
  graph,
  current = null,
  currentTone = 'running',
  visited,
  takenEdges,
  failedEdge = null,
  height = 360,
}: SpecGraphProps) {
  const [layout, setLayout] = useState<LaidOutGraph | null>(null);
  const [error, setError] = useState<string | null>(null);
  const flow = useRef<ReactFlowInstance<StateNodeType, TransitionEdgeType> | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const { fullscreen, toggle, close } = useFullscreen(() =>
    requestAnimationFrame(() => void flow.current?.fitView({ padding: 0.12, maxZoom: 1.4, minZoom: MIN_FIT_ZOOM })),
  );
  const shape = JSON.stringify(graph);

  useEffect(() => {
    let alive = true;
    layoutGraph(JSON.parse(shape) as GraphInput).then(
      (l) => alive && setLayout(l),
      (e: unknown) => alive && setError(String(e)),
    );
    return () => {
      alive = false;
    };
  }, [shape]);

  // When the whole graph does not fit at a readable zoom, show the part that matters: the current state (or the
  // initial one), without leaving empty space beside the graph's ends.
  const focus = (f: ReactFlowInstance<StateNodeType, TransitionEdgeType>) => {
    const width = box.current?.clientWidth ?? 0;
    if (!layout || width === 0 || f.getZoom() > MIN_FIT_ZOOM + 0.001) return;
    const target = layout.nodes.get(current ?? graph.nodes.find((n) => n.initial)?.id ?? '');
    if (!target) return;
    const zoom = f.getZoom();
    const pad = 24;
    let x = width / 2 - (target.x + target.width / 2) * zoom;
    x = Math.min(x, pad);
    x = Math.max(x, width - pad - layout.width * zoom);
    void f.setViewport({ x, y: f.getViewport().y, zoom });
  };

  const tracing = takenEdges !== undefined;
  const nodes = useMemo<StateNodeType[]>(() => {
    if (!layout) return [];
    return graph.nodes.map((n) => {
      const box = layout.nodes.get(n.id) ?? { x: 0, y: 0, width: 120, height: 44 };
      return {
        id: n.id,
        type: 'state',
        position: { x: box.x, y: box.y },
        width: box.width,
        height: box.height,
        draggable: false,
        selectable: false,
        connectable: false,
        data: {
          label: n.id,
          initial: n.initial,
          final: n.final,
          current: n.id === current,
          tone: n.id === current ? currentTone : null,
          visited: visited?.has(n.id) ?? false,
        },
      };
    });
  }, [layout, graph.nodes, current, currentTone, visited]);

  const edges = useMemo<TransitionEdgeType[]>(() => {
    if (!layout) return [];
    return graph.edges.map((e) => {
      const route = layout.edges.get(e.id);
      const taken = takenEdges?.get(e.id) ?? [];
      const failed = e.id === failedEdge?.edgeId;
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        type: 'transition',
        selectable: false,
        markerEnd: {
          type: MarkerType.ArrowClosed,
          width: 16,
          height: 16,
          color: failed ? 'var(--red)' : taken.length ? 'var(--accent)' : 'var(--edge)',
        },
        data: {
          event: e.event,
          ...(e.guard ? { guard: e.guard } : {}),
          tasks: e.tasks,
          points: route?.points ?? [],
          label: route?.label ?? { x: 0, y: 0, width: 0, height: 0 },
          taken,
          dimmed: tracing && taken.length === 0 && !failed,
          failedTask: failed ? (failedEdge?.taskName ?? null) : null,
        },
      };
    });
  }, [layout, graph.edges, takenEdges, tracing, failedEdge]);

  if (error) return <div className="error-box">Could not lay out the graph: {error}</div>;
  if (!layout) return <div className="skeleton" style={{ height }} aria-busy="true" />;
  return (
    <>
      {fullscreen && <div className="spec-graph__backdrop" onClick={close} aria-hidden />}
      <div
        ref={box}
        className={`spec-graph${fullscreen ? ' spec-graph--fullscreen' : ''}`}
        style={fullscreen ? undefined : { height }}
        data-testid="spec-graph"
        data-fullscreen={fullscreen ? 'true' : undefined}
      >
        <button
          type="button"
          className="button button--small spec-graph__fullscreen"
          onClick={toggle}
          aria-pressed={fullscreen}
          title={fullscreen ? 'Leave full screen (Esc)' : 'Show the graph full screen'}
        >
          {fullscreen ? '✕ Close' : '⤢ Full screen'}
        </button>
        {fullscreen && <div className="spec-graph__hint muted">Esc closes · scroll to zoom · drag to pan</div>}
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onInit={(f) => {
            flow.current = f;
            requestAnimationFrame(() => focus(f));
          }}
          fitView
          fitViewOptions={{ padding: 0.1, maxZoom: 1.2, minZoom: MIN_FIT_ZOOM }}
          minZoom={0.3}
          maxZoom={2.5}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={16} size={1} color="var(--grid)" />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </>
  );
}
