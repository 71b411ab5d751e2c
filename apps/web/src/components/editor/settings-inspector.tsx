'use client';

import { predicateSchema } from '@switchyard/engine/spec';
import { useState } from 'react';
import { isObject, type EditorGraph } from '~/lib/editor/graph-model';
import { patchMeta } from '~/lib/editor/graph-ops';
import { JsonField } from './json-field';
import { TextField } from './text-field';

const objectOnly = (v: unknown) => (isObject(v) ? null : 'expected a JSON object, e.g. {"approved": false}');
const predicateOnly = (v: unknown) => {
  const r = predicateSchema.safeParse(v);
  return r.success
    ? null
    : 'expected a predicate such as {"gt": [{"$ref": "context.amount"}, 100]}, {"and": [...]}, {"exists": "context.x"}';
};

/** Workflow-wide settings: key, name, initial context and the named guards (JSON predicates). */
export function SettingsInspector({
  graph,
  apply,
  lockId,
}: {
  graph: EditorGraph;
  apply(edit: (g: EditorGraph) => EditorGraph): void;
  lockId: boolean;
}) {
  const guards = (isObject(graph.meta['guards']) ? graph.meta['guards'] : {}) as Record<string, unknown>;
  const [newGuard, setNewGuard] = useState('');
  const setGuards = (next: Record<string, unknown>) =>
    apply((g) => patchMeta(g, 'guards', Object.keys(next).length ? next : undefined));
  const str = (field: string) => (typeof graph.meta[field] === 'string' ? graph.meta[field] : '');
  return (
    <div className="inspector" data-testid="settings-inspector">
      <h3>Workflow</h3>
      {lockId ? (
        <p className="muted">
          Key <code>{str('id')}</code> (fixed once published)
        </p>
      ) : (
        <TextField
          label="Key (id)"
          value={str('id')}
          onCommit={(v) => apply((g) => patchMeta(g, 'id', v))}
          mono
          testId="spec-id"
          placeholder="my-workflow"
        />
      )}
      <TextField
        label="Name"
        value={str('name')}
        onCommit={(v) => apply((g) => patchMeta(g, 'name', v || undefined))}
      />
      <TextField
        label="Description"
        value={str('description')}
        onCommit={(v) => apply((g) => patchMeta(g, 'description', v || undefined))}
      />
      <JsonField
        label="Initial context (JSON object)"
        value={graph.meta['context']}
        onChange={(v) => apply((g) => patchMeta(g, 'context', v))}
        check={objectOnly}
        rows={3}
        testId="context-json"
      />
      <div className="inspector__section">
        <h4>Named guards</h4>
        {Object.entries(guards).map(([name, predicate]) => (
          <div key={name} className="guard-row">
            <JsonField
              label={name}
              value={predicate}
              onChange={(v) => setGuards({ ...guards, [name]: v ?? {} })}
              check={predicateOnly}
              rows={2}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove guard ${name}`}
              onClick={() => {
                const { [name]: _gone, ...rest } = guards;
                setGuards(rest);
              }}
            >
              ✕
            </button>
          </div>
        ))}
        <form
          className="inspector__buttons"
          onSubmit={(e) => {
            e.preventDefault();
            const n = newGuard.trim();
            if (n && !(n in guards)) {
              setGuards({ ...guards, [n]: { exists: 'context.flag' } });
              setNewGuard('');
            }
          }}
        >
          <input
            className="input"
            placeholder="guard name"
            value={newGuard}
            onChange={(e) => setNewGuard(e.target.value)}
            aria-label="New guard name"
          />
          <button type="submit" className="button button--small">
            + Guard
          </button>
        </form>
      </div>
    </div>
  );
}
