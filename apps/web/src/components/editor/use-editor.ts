'use client';

import { validateSpec, type SpecProblem, type ValidateSpecOptions } from '@switchyard/engine/spec';
import { useCallback, useMemo, useState } from 'react';
import { graphToSpec, type EditorGraph } from '~/lib/editor/graph-model';
import {
  createHistory,
  pushHistory,
  redo as redoStep,
  replacePresent,
  undo as undoStep,
  type History,
} from '~/lib/editor/history';
import type { Selection } from '~/lib/editor/problem-target';

export interface Point {
  x: number;
  y: number;
}

/** What undo restores: the graph and where its states sit on the canvas. */
export interface EditorDoc {
  graph: EditorGraph;
  positions: Record<string, Point>;
}

export interface EditorState {
  doc: EditorDoc;
  spec: Record<string, unknown>;
  problems: SpecProblem[];
  selection: Selection;
  canUndo: boolean;
  canRedo: boolean;
  /** Applies an edit as one undo step. */
  apply(edit: (doc: EditorDoc) => EditorDoc): void;
  /** Moves states without an undo step (during a drag). */
  move(positions: Record<string, Point>): void;
  select(selection: Selection): void;
  undo(): void;
  redo(): void;
  dirty: boolean;
  markSaved(): void;
}

/** What the server checks a spec against beyond its own shape: the deployment's task types and their input schemas. */
export type EditorChecks = Pick<ValidateSpecOptions, 'taskTypes' | 'taskInputs'>;

/** The editor's state: a history of documents, the selection, and live validation by the engine. */
export function useEditor(initial: EditorDoc, checks: EditorChecks): EditorState {
  const [history, setHistory] = useState<History<EditorDoc>>(() => createHistory(initial));
  const [selection, select] = useState<Selection>(null);
  const [savedDoc, setSavedDoc] = useState<EditorDoc>(initial);
  const doc = history.present;
  const spec = useMemo(() => graphToSpec(doc.graph), [doc.graph]);
  // The same validator the server runs on publish, so what the editor accepts publishes.
  const problems = useMemo(() => {
    const result = validateSpec(spec, checks);
    return result.ok ? [] : result.problems;
  }, [spec, checks]);

  const apply = useCallback(
    (edit: (d: EditorDoc) => EditorDoc) => setHistory((h) => pushHistory(h, edit(h.present))),
    [],
  );
  const move = useCallback(
    (positions: Record<string, Point>) =>
      setHistory((h) => replacePresent(h, { ...h.present, positions: { ...h.present.positions, ...positions } })),
    [],
  );
  const undo = useCallback(() => setHistory(undoStep), []);
  const redo = useCallback(() => setHistory(redoStep), []);
  const markSaved = useCallback(() => setSavedDoc(doc), [doc]);

  return {
    doc,
    spec,
    problems,
    selection,
    select,
    apply,
    move,
    undo,
    redo,
    markSaved,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    dirty: savedDoc.graph !== doc.graph,
  };
}
