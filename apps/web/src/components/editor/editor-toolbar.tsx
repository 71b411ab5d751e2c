'use client';

import Link from 'next/link';
import type { DraftActions } from './use-draft-actions';

export interface EditorToolbarProps {
  definitionKey: string | null;
  baseVersion: number | null;
  hasDraft: boolean;
  problems: number;
  dirty: boolean;
  drafts: DraftActions;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  onNewState(): void;
  onSave(): void;
  onPublish(): void;
  onDiscard(): void;
}

/** Title, draft status and the editor's commands; Publish stays disabled while any problem stands. */
export function EditorToolbar(p: EditorToolbarProps) {
  const key = p.definitionKey;
  return (
    <>
      <div className="breadcrumbs">
        <Link href="/definitions">Definitions</Link> /{' '}
        {key ? (
          <>
            <Link href={`/definitions/${encodeURIComponent(key)}`}>{key}</Link> /{' '}
          </>
        ) : null}
      </div>
      <div className="page-header">
        <h1>
          {key ? (
            <>
              Edit <code style={{ fontSize: 17 }}>{key}</code>
            </>
          ) : (
            'New definition'
          )}
        </h1>
        <div className="page-header__meta">
          {p.baseVersion !== null && <span className="chip">based on v{p.baseVersion}</span>}
          {p.hasDraft && <span className="badge badge--amber">draft</span>}
          {p.dirty ? (
            <span className="muted">unsaved changes</span>
          ) : p.drafts.savedAt ? (
            <span className="muted" data-testid="saved">
              draft saved
            </span>
          ) : null}
          {p.drafts.error && (
            <span className="form-error" role="alert">
              {p.drafts.error}
            </span>
          )}
        </div>
        <div className="page-header__actions">
          <button type="button" className="button" onClick={p.onNewState} title="New state (N)">
            + State
          </button>
          <button type="button" className="button" onClick={p.onUndo} disabled={!p.canUndo} title="Undo (Ctrl+Z)">
            ↶ Undo
          </button>
          <button type="button" className="button" onClick={p.onRedo} disabled={!p.canRedo} title="Redo (Ctrl+Shift+Z)">
            ↷ Redo
          </button>
          {key && p.baseVersion !== null && (
            <Link
              className="button"
              href={`/definitions/${encodeURIComponent(key)}/diff?from=${p.baseVersion}&to=draft`}
            >
              Diff draft
            </Link>
          )}
          {key && p.hasDraft && (
            <button type="button" className="button" onClick={p.onDiscard}>
              Discard draft
            </button>
          )}
          <button type="button" className="button" onClick={p.onSave} disabled={p.drafts.saving}>
            {p.drafts.saving ? 'Saving…' : 'Save draft'}
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={p.onPublish}
            disabled={p.problems > 0}
            title={p.problems > 0 ? `Fix ${p.problems} problem(s) first` : 'Publish a new version'}
          >
            Publish…
          </button>
        </div>
      </div>
    </>
  );
}
