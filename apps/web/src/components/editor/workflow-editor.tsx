'use client';

import './editor.css';
import type { ReactFlowInstance } from '@xyflow/react';
import { useRouter } from 'next/navigation';
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { Panel } from '~/components/panel';
import { type EditorGraph } from '~/lib/editor/graph-model';
import {
  addState,
  addTransition,
  deleteState,
  deleteTransition,
  freshStateName,
  renameState,
  setInitial,
  toggleFinal,
} from '~/lib/editor/graph-ops';
import { problemTarget } from '~/lib/editor/problem-target';
import { EditorCanvas } from './editor-canvas';
import type { EditorEdgeType } from './editor-edge';
import type { EditorNodeType } from './editor-state-node';
import { EditorToolbar } from './editor-toolbar';
import { initialPositions } from './initial-layout';
import { ProblemsList } from './problems-list';
import { PublishDialog } from './publish-dialog';
import { SettingsInspector } from './settings-inspector';
import { ShortcutLegend } from './shortcut-legend';
import { SpecJsonPane } from './spec-json-pane';
import { StateInspector } from './state-inspector';
import { TransitionInspector } from './transition-inspector';
import { useDraftActions } from './use-draft-actions';
import { useEditor, type EditorChecks, type EditorDoc } from './use-editor';
import { useEditorKeys } from './use-editor-keys';
import { useUnsavedGuard } from './use-unsaved-guard';

export interface WorkflowEditorProps {
  /** Null for a brand-new definition (its key comes from the spec's id). */
  definitionKey: string | null;
  graph: EditorGraph;
  baseVersion: number | null;
  hasDraft: boolean;
  /** The task types (and custom types' input schemas) publish checks against, so the editor shows the same problems. */
  checks: EditorChecks;
}

/** The visual editor: canvas, inspector, live problems, JSON side by side, drafts and publishing. */
export function WorkflowEditor({ definitionKey, graph, baseVersion, hasDraft, checks }: WorkflowEditorProps) {
  const router = useRouter();
  const ed = useEditor({ graph, positions: {} }, checks);
  const drafts = useDraftActions(definitionKey, baseVersion);
  const flow = useRef<ReactFlowInstance<EditorNodeType, EditorEdgeType> | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const eventRef = useRef<HTMLInputElement>(null);
  const [focusNext, setFocusNext] = useState<'name' | 'event' | null>(null);
  const [publishing, setPublishing] = useState(false);
  const { doc, selection } = ed;

  // Laid out once from the loaded spec; later states are placed where they are created.
  const layOutLoadedSpec = useEffectEvent((isAlive: () => boolean) => {
    void initialPositions(graph).then((p) => {
      if (isAlive()) {
        ed.move(p);
        requestAnimationFrame(() => void flow.current?.fitView({ padding: 0.2, maxZoom: 1.1 }));
      }
    });
  });
  useEffect(() => {
    let alive = true;
    layOutLoadedSpec(() => alive);
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    const input = focusNext === 'name' ? nameRef.current : focusNext === 'event' ? eventRef.current : null;
    if (input) {
      input.focus();
      input.select();
      setFocusNext(null);
    }
  }, [focusNext, selection]);

  const applyGraph = (edit: (g: EditorGraph) => EditorGraph) => ed.apply((d) => ({ ...d, graph: edit(d.graph) }));
  const selectedNode = selection?.kind === 'node' ? doc.graph.nodes.find((n) => n.id === selection.id) : undefined;
  const selectedEdge = selection?.kind === 'edge' ? doc.graph.edges.find((e) => e.uid === selection.uid) : undefined;

  const faulty = useMemo(() => {
    const nodes = new Set<string>();
    const edges = new Set<string>();
    for (const p of ed.problems) {
      const t = problemTarget(doc.graph, p.path);
      if (t?.kind === 'node') nodes.add(t.id);
      if (t?.kind === 'edge') edges.add(t.uid);
    }
    return { nodes, edges };
  }, [ed.problems, doc.graph]);

  const newState = () => {
    const name = freshStateName(doc.graph);
    const placed = doc.graph.nodes
      .map((n) => doc.positions[n.id])
      .filter((p): p is { x: number; y: number } => p !== undefined);
    const box = document.querySelector('[data-testid="editor-canvas"]')?.getBoundingClientRect();
    const centre =
      box && flow.current
        ? flow.current.screenToFlowPosition({ x: box.left + box.width / 3, y: box.top + box.height / 2 })
        : { x: 80, y: 80 };
    // Right of the rightmost state, in a gentle zigzag, so new states never land on each other.
    const right = placed.reduce((m, p) => Math.max(m, p.x), -Infinity);
    const position =
      placed.length === 0
        ? centre
        : { x: right + 210, y: (placed[0]?.y ?? centre.y) + (doc.graph.nodes.length % 2) * 90 };
    ed.apply((d: EditorDoc) => ({ graph: addState(d.graph, name), positions: { ...d.positions, [name]: position } }));
    ed.select({ kind: 'node', id: name });
    // Keep the new state in view: fit the canvas when it landed outside the visible area.
    requestAnimationFrame(() => {
      const f = flow.current;
      if (!f || !box) return;
      const at = f.flowToScreenPosition({ x: position.x + 130, y: position.y + 44 });
      if (at.x > box.right || at.y > box.bottom || at.x < box.left || at.y < box.top)
        void f.fitView({ padding: 0.25, maxZoom: 1.1 });
    });
  };
  const rename = (from: string, to: string) => {
    if (!to || to === from || doc.graph.nodes.some((n) => n.id === to)) return;
    ed.apply((d) => ({
      graph: renameState(d.graph, from, to),
      positions: { ...d.positions, [to]: d.positions[from] ?? { x: 0, y: 0 } },
    }));
    ed.select({ kind: 'node', id: to });
  };
  const connect = (source: string, target: string) => {
    const taken = new Set(doc.graph.edges.filter((e) => e.source === source).map((e) => e.event));
    let i = 1;
    while (taken.has(`EVENT_${i}`)) i++;
    const { graph: next, uid } = addTransition(doc.graph, source, target, `EVENT_${i}`);
    ed.apply((d) => ({ ...d, graph: next }));
    ed.select({ kind: 'edge', uid });
    setFocusNext('event');
  };

  useEditorKeys({
    newState,
    rename: () => setFocusNext(selectedEdge ? 'event' : selectedNode ? 'name' : null),
    remove: () => {
      if (selectedNode) applyGraph((g) => deleteState(g, selectedNode.id));
      else if (selectedEdge) applyGraph((g) => deleteTransition(g, selectedEdge.uid));
      ed.select(null);
    },
    toggleFinal: () => {
      if (selectedNode) applyGraph((g) => toggleFinal(g, selectedNode.id));
    },
    setInitial: () => {
      if (selectedNode) applyGraph((g) => setInitial(g, selectedNode.id));
    },
    undo: ed.undo,
    redo: ed.redo,
    deselect: () => ed.select(null),
  });

  useUnsavedGuard(ed.dirty);
  // The simulator runs the saved draft, so unsaved edits are saved first instead of being left behind.
  const simulateDraft = async () => {
    if ((ed.dirty || !hasDraft) && !(await drafts.save(ed.spec))) return;
    ed.markSaved();
    router.push(`/definitions/${encodeURIComponent(key)}/simulate?version=draft`);
  };

  const publish = async (message: string) => {
    const result = await drafts.publish(ed.spec, message);
    if ('error' in result) return result.error;
    ed.markSaved();
    router.push(`/definitions/${encodeURIComponent(String(ed.spec['id']))}?version=${result.version}`);
    return null;
  };

  const key = definitionKey ?? (typeof ed.spec['id'] === 'string' ? ed.spec['id'] : '');
  return (
    <div className="editor">
      <EditorToolbar
        definitionKey={definitionKey}
        baseVersion={baseVersion}
        hasDraft={hasDraft}
        problems={ed.problems.length}
        dirty={ed.dirty}
        drafts={drafts}
        canUndo={ed.canUndo}
        canRedo={ed.canRedo}
        onUndo={ed.undo}
        onRedo={ed.redo}
        onNewState={newState}
        onSave={async () => {
          if (await drafts.save(ed.spec)) ed.markSaved();
        }}
        onPublish={() => setPublishing(true)}
        onDiscard={async () => {
          await drafts.discard();
          router.push(`/definitions/${encodeURIComponent(key)}`);
        }}
      />
      <div className="editor__body">
        <div className="editor__main">
          <EditorCanvas
            graph={doc.graph}
            positions={doc.positions}
            selection={selection}
            faulty={faulty}
            onSelect={ed.select}
            onMove={(p) => ed.move(p)}
            onConnect={connect}
            onReady={(f) => {
              flow.current = f;
            }}
          />
          <ShortcutLegend />
          <Panel
            title={
              <>
                Problems{' '}
                <span className={`chip${ed.problems.length ? ' chip--bad' : ''}`} data-testid="problem-count">
                  {ed.problems.length}
                </span>
              </>
            }
          >
            <ProblemsList problems={ed.problems} onPick={(p) => ed.select(problemTarget(doc.graph, p.path))} />
          </Panel>
        </div>
        <aside className="editor__side">
          <Panel title={selectedNode ? 'State' : selectedEdge ? 'Transition' : 'Workflow settings'}>
            {selectedNode ? (
              <StateInspector
                key={selectedNode.id}
                ref={nameRef}
                graph={doc.graph}
                node={selectedNode}
                apply={applyGraph}
                rename={rename}
              />
            ) : selectedEdge ? (
              <TransitionInspector
                key={selectedEdge.uid}
                ref={eventRef}
                graph={doc.graph}
                edge={selectedEdge}
                apply={applyGraph}
              />
            ) : (
              <SettingsInspector graph={doc.graph} apply={applyGraph} lockId={definitionKey !== null} />
            )}
          </Panel>
          <Panel
            title="Spec JSON"
            actions={
              key ? (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => void simulateDraft()}
                  disabled={drafts.saving}
                  title="Saves the draft, then opens it in the simulator"
                >
                  Simulate draft
                </button>
              ) : undefined
            }
          >
            <SpecJsonPane spec={ed.spec} onGraph={(g) => ed.apply((d) => ({ ...d, graph: g }))} />
          </Panel>
        </aside>
      </div>
      <PublishDialog open={publishing} onClose={() => setPublishing(false)} onPublish={publish} />
    </div>
  );
}
