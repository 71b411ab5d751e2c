'use client';

import '@xyflow/react/dist/style.css';
import {
  Background,
  ConnectionMode,
  Controls,
  MarkerType,
  ReactFlow,
  type Connection,
  type NodeChange,
  type ReactFlowInstance,
} from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { edgeTarget, type EditorGraph } from '~/lib/editor/graph-model';
import type { Selection } from '~/lib/editor/problem-target';
import { EditorEdge, type EditorEdgeType } from './editor-edge';
import { EditorStateNode, type EditorNodeType } from './editor-state-node';
import type { Point } from './use-editor';

const nodeTypes = { editorState: EditorStateNode };
const edgeTypes = { editorTransition: EditorEdge };

export interface EditorCanvasProps {
  graph: EditorGraph;
  positions: Record<string, Point>;
  selection: Selection;
  /** States and transitions (by uid) named by a validation problem. */
  faulty: { nodes: Set<string>; edges: Set<string> };
  onSelect(selection: Selection): void;
  onMove(positions: Record<string, Point>, done: boolean): void;
  onConnect(source: string, target: string): void;
  onReady?(flow: ReactFlowInstance<EditorNodeType, EditorEdgeType>): void;
}

/** The editing canvas: drag states around, drag from a state's right handle to another state to add a transition. */
export function EditorCanvas({
  graph,
  positions,
  selection,
  faulty,
  onSelect,
  onMove,
  onConnect,
  onReady,
}: EditorCanvasProps) {
  const nodes = useMemo<EditorNodeType[]>(
    () =>
      graph.nodes.map((n, i) => ({
        id: n.id,
        type: 'editorState',
        position: positions[n.id] ?? { x: 40 + (i % 4) * 200, y: 40 + Math.floor(i / 4) * 120 },
        width: Math.max(110, n.id.length * 8.5 + 48),
        height: 44,
        selected: selection?.kind === 'node' && selection.id === n.id,
        data: {
          label: n.id,
          initial: graph.meta['initial'] === n.id,
          final: n.state['type'] === 'final',
          problem: faulty.nodes.has(n.id),
        },
      })),
    [graph, positions, selection, faulty],
  );

  const edges = useMemo<EditorEdgeType[]>(() => {
    const lanes = new Map<string, number>();
    return graph.edges.map((e) => {
      const target = edgeTarget(e);
      const pair = [e.source, target].sort().join('→');
      const lane = lanes.get(pair) ?? 0;
      lanes.set(pair, lane + 1);
      const tasks = (e.transition.actions ?? []).flatMap((a) =>
        a.type === 'createTask' ? [`${a.task.type} ${a.task.name}`] : [],
      );
      const selected = selection?.kind === 'edge' && selection.uid === e.uid;
      return {
        id: e.uid,
        source: e.source,
        target,
        type: 'editorTransition',
        selected,
        markerEnd: {
          type: MarkerType.ArrowClosed,
          width: 16,
          height: 16,
          color: selected ? 'var(--accent)' : 'var(--edge)',
        },
        data: {
          event: e.event,
          ...(e.transition.guard ? { guard: e.transition.guard } : {}),
          tasks,
          lane,
          self: target === e.source,
          problem: faulty.edges.has(e.uid),
        },
      };
    });
  }, [graph, selection, faulty]);

  const dragging = useRef<Record<string, Point>>({});
  const onNodesChange = (changes: NodeChange<EditorNodeType>[]) => {
    for (const change of changes) {
      if (change.type !== 'position') continue;
      if (change.position) dragging.current[change.id] = change.position;
      if (change.dragging === false) {
        onMove(dragging.current, true);
        dragging.current = {};
      } else if (change.position) onMove({ [change.id]: change.position }, false);
    }
  };

  const connect = (c: Connection) => {
    if (c.source && c.target) onConnect(c.source, c.target);
  };
  // Edge labels live outside the SVG edge, so a click on one selects its transition here.
  const clickLabel = (event: React.MouseEvent) => {
    const label = (event.target as HTMLElement).closest<HTMLElement>('[data-edge-uid]');
    if (label?.dataset['edgeUid']) onSelect({ kind: 'edge', uid: label.dataset['edgeUid'] });
  };

  return (
    <div className="editor-canvas" data-testid="editor-canvas" onClick={clickLabel}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onConnect={connect}
        connectionMode={ConnectionMode.Loose}
        onNodeClick={(_, node) => onSelect({ kind: 'node', id: node.id })}
        onEdgeClick={(_, edge) => onSelect({ kind: 'edge', uid: edge.id })}
        onPaneClick={() => onSelect(null)}
        onInit={onReady}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1.1 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} size={1} color="var(--grid)" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
