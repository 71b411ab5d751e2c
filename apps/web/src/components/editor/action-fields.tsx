'use client';

import type { ActionSpec, AssignActionSpec, CreateTaskActionSpec, JsonValue, TaskSpec } from '@switchyard/engine/spec';
import { JsonField } from './json-field';
import { TextField } from './text-field';

type Task = TaskSpec & Record<string, unknown>;

function withField(task: Task, field: keyof TaskSpec, value: unknown): TaskSpec {
  const next: Record<string, unknown> = { ...task, [field]: value };
  if (value === undefined || value === '') delete next[field];
  return next as TaskSpec;
}

function TaskFields({ action, onChange }: { action: CreateTaskActionSpec; onChange(a: ActionSpec): void }) {
  const task = action.task as Task;
  const set = (field: keyof TaskSpec, value: unknown) => onChange({ ...action, task: withField(task, field, value) });
  return (
    <>
      <div className="field-row">
        <div>
          <TextField label="Type" value={task.type ?? ''} onCommit={(v) => set('type', v)} mono placeholder="EMAIL" />
        </div>
        <div>
          <TextField
            label="Name"
            value={task.name ?? ''}
            onCommit={(v) => set('name', v)}
            mono
            placeholder="send-hello"
          />
        </div>
      </div>
      <JsonField label="Input (JSON)" value={task.input} onChange={(v) => set('input', v ?? {})} rows={3} />
      <JsonField
        label='Run at (JSON: "2030-01-01T00:00:00Z", {"in": "30s"} or a $ref)'
        value={task.runAt}
        onChange={(v) => set('runAt', v)}
        rows={1}
      />
      <JsonField
        label='Idempotency key (JSON: "key" or {"$template": "…"})'
        value={task.idempotencyKey}
        onChange={(v) => set('idempotencyKey', v)}
        rows={1}
      />
      <div className="field-row">
        <div>
          <TextField
            label="Completion event"
            value={task.completionEvent ?? ''}
            onCommit={(v) => set('completionEvent', v)}
            mono
          />
        </div>
        <div>
          <TextField
            label="Failure event"
            value={task.failureEvent ?? ''}
            onCommit={(v) => set('failureEvent', v)}
            mono
          />
        </div>
      </div>
      <TextField
        label="Max attempts (1–100)"
        value={task.maxAttempts === undefined ? '' : String(task.maxAttempts)}
        onCommit={(v) => set('maxAttempts', v === '' ? undefined : Number(v))}
      />
    </>
  );
}

function AssignFields({ action, onChange }: { action: AssignActionSpec; onChange(a: ActionSpec): void }) {
  return (
    <>
      <TextField
        label="Path in context"
        value={action.path}
        onCommit={(path) => onChange({ ...action, path })}
        mono
        placeholder="order.status"
      />
      <JsonField
        label='Value (JSON; {"$ref": "event.payload.x"} reads the event)'
        value={action.value}
        onChange={(v) => onChange({ ...action, value: (v ?? null) as JsonValue })}
        rows={2}
      />
    </>
  );
}

/** Edits one action of a transition: a createTask with every task field, or an assign. */
export function ActionFields({
  action,
  index,
  onChange,
  onRemove,
  onMove,
}: {
  action: ActionSpec;
  index: number;
  onChange(a: ActionSpec): void;
  onRemove(): void;
  onMove(delta: -1 | 1): void;
}) {
  return (
    <fieldset className="action-card" data-testid={`action-${index}`}>
      <legend className="action-card__title">
        <span className="chip">{index + 1}</span> {action.type === 'createTask' ? 'Create task' : 'Assign'}
        <span className="action-card__tools">
          <button type="button" className="icon-button" onClick={() => onMove(-1)} aria-label="Move up">
            ↑
          </button>
          <button type="button" className="icon-button" onClick={() => onMove(1)} aria-label="Move down">
            ↓
          </button>
          <button type="button" className="icon-button" onClick={onRemove} aria-label="Remove action">
            ✕
          </button>
        </span>
      </legend>
      {action.type === 'createTask' ? (
        <TaskFields action={action} onChange={onChange} />
      ) : (
        <AssignFields action={action} onChange={onChange} />
      )}
    </fieldset>
  );
}
