'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';
import { useRefreshInstance } from './use-operator-action';

interface GraphEdge {
  source: string;
  target: string;
  event: string;
  tasks: { name: string }[];
}

export interface MoveRequest {
  /** "Move back to here": the seq of a transition the instance took. */
  backTo?: number;
  /** Where that transition led, shown in the title. */
  backToState?: string;
}

function parseContext(
  text: string,
): { ok: true; value: Record<string, unknown> | undefined } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true, value: undefined };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, error: 'The context must be a JSON object.' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (e) {
    return { ok: false, error: `The context is not valid JSON: ${(e as Error).message}` };
  }
}

/**
 * Move to a state (any state, optionally entered through one of its incoming transitions so its tasks are created)
 * or back to a transition the instance took. The preview lists what will be cancelled and created before anything is.
 */
export function MoveDialog({
  instanceId,
  states,
  edges,
  currentState,
  request,
  onClose,
}: {
  instanceId: string;
  states: string[];
  edges: GraphEdge[];
  currentState: string;
  request: MoveRequest | null;
  onClose(): void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshInstance(instanceId);
  const preview = useMutation(trpc.instances.previewMove.mutationOptions());
  const move = useMutation(trpc.instances.move.mutationOptions());
  const [state, setState] = useState(currentState);
  const [via, setVia] = useState('');
  const [contextText, setContextText] = useState('');
  const open = request !== null;
  const backTo = request?.backTo;
  useEffect(() => {
    if (!open) return;
    setState(currentState);
    setVia('');
    setContextText('');
    preview.reset();
    // preview.reset is stable; resetting only when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, currentState]);
  const incoming = edges.filter((e) => e.target === state && e.source !== e.target);
  const chosen = incoming.find((e) => `${e.source}|${e.event}` === via);
  const parsed = parseContext(contextText);
  const input = () => ({
    instanceId,
    reason: 'preview',
    ...(backTo !== undefined ? { backTo } : { state }),
    ...(backTo === undefined && chosen ? { via: { from: chosen.source, event: chosen.event } } : {}),
    ...(parsed.ok && parsed.value ? { context: parsed.value } : {}),
  });
  const p = preview.data;
  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title={
        backTo !== undefined ? `Move back to ${request?.backToState ?? 'here'} (seq ${backTo})` : 'Move to a state'
      }
      confirmLabel="Move"
      description={
        backTo !== undefined
          ? 'The instance enters that state again the same way (same event and payload), from the context it had just before — edit it below if needed. Its pending tasks are cancelled.'
          : 'Every queued, delayed or running task is cancelled; entering through a transition runs its actions (its tasks are created). Recorded as an operator transition.'
      }
      validate={() => (parsed.ok ? (p ? null : 'Preview the move first.') : parsed.error)}
      onConfirm={async (reason) => {
        await move.mutateAsync({ ...input(), reason });
        await refresh();
      }}
    >
      {backTo === undefined && (
        <>
          <label className="field-label" htmlFor="move-state">
            Target state
          </label>
          <select
            id="move-state"
            className="input"
            value={state}
            onChange={(e) => {
              setState(e.target.value);
              setVia('');
              preview.reset();
            }}
          >
            {states.map((s) => (
              <option key={s} value={s}>
                {s}
                {s === currentState ? ' (current)' : ''}
              </option>
            ))}
          </select>
          <label className="field-label" htmlFor="move-via">
            Enter through
          </label>
          <select
            id="move-via"
            className="input"
            value={via}
            onChange={(e) => {
              setVia(e.target.value);
              preview.reset();
            }}
          >
            <option value="">nothing: put it there, create no task</option>
            {incoming.map((e) => (
              <option key={`${e.source}|${e.event}`} value={`${e.source}|${e.event}`}>
                {e.source} on {e.event}
                {e.tasks.length ? ` (creates ${e.tasks.map((t) => t.name).join(', ')})` : ''}
              </option>
            ))}
          </select>
        </>
      )}
      <label className="field-label" htmlFor="move-context">
        Context <span className="muted">(JSON; empty: {backTo !== undefined ? 'as it was then' : 'as it is now'})</span>
      </label>
      <textarea
        id="move-context"
        className="textarea mono"
        rows={5}
        value={contextText}
        onChange={(e) => {
          setContextText(e.target.value);
          preview.reset();
        }}
        placeholder={p ? JSON.stringify(p.context) : '{ "amount": 42 }'}
      />
      {!parsed.ok && <p className="form-error">{parsed.error}</p>}
      <button
        type="button"
        className="button"
        data-testid="move-preview"
        disabled={!parsed.ok || preview.isPending}
        onClick={() => preview.mutate(input())}
      >
        {preview.isPending ? 'Previewing…' : 'Preview'}
      </button>
      {preview.error && <p className="form-error">{describeError(preview.error).message}</p>}
      {p && (
        <div className="move-preview" data-testid="move-preview-result">
          <p>
            <code>{p.from}</code> → <code>{p.to}</code>
            {p.via && (
              <>
                {' '}
                through <code>{p.via.from}</code> on <code>{p.via.event}</code>
              </>
            )}
            {p.completes && ' — the instance completes'}
          </p>
          <p>
            <b>Cancelled ({p.cancelTasks.length}):</b>{' '}
            {p.cancelTasks.length ? p.cancelTasks.map((t) => `${t.name} (${t.status})`).join(', ') : 'none'}
          </p>
          <p>
            <b>Created ({p.createTasks.length}):</b>{' '}
            {p.createTasks.length ? p.createTasks.map((t) => `${t.name} (${t.type})`).join(', ') : 'none'}
          </p>
          <p>
            <b>Context changes ({p.contextChanges.length}):</b>{' '}
            {p.contextChanges.length
              ? p.contextChanges
                  .map((c) => `${c.path}: ${JSON.stringify(c.before) ?? '—'} → ${JSON.stringify(c.after) ?? '—'}`)
                  .join('; ')
              : 'none'}
          </p>
          {p.warnings.map((w) => (
            <p key={w} className="form-error">
              ⚠ {w}
            </p>
          ))}
        </div>
      )}
    </ActionDialog>
  );
}
