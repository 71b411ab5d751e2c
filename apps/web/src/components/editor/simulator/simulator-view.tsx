'use client';

import '../editor.css';
import { acceptedEvents, describeSpecGraph, type WorkflowSpec } from '@switchyard/engine/spec';
import type { JsonValue } from '@switchyard/engine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { SpecGraph } from '~/components/graph/spec-graph';
import { JsonView } from '~/components/json-view';
import { Panel } from '~/components/panel';
import { StatusBadge } from '~/components/status-badge';
import { describeError } from '~/lib/trpc-error';
import { useTRPC } from '~/trpc/react';
import { SimulatorControls } from './simulator-controls';
import { useSimulation } from './use-simulation';

const isObject = (v: unknown): v is Record<string, JsonValue> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Runs a spec in the browser: pick a starting context, send events, watch state, context and would-be tasks. */
export function SimulatorView({ spec }: { spec: WorkflowSpec }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sim = useSimulation(spec);
  const [contextText, setContextText] = useState(JSON.stringify(spec.context ?? {}, null, 2));
  const [instanceId, setInstanceId] = useState('');
  const [startAt, setStartAt] = useState<string | undefined>(undefined);
  const [note, setNote] = useState<string | null>(null);
  const graph = useMemo(() => describeSpecGraph(spec), [spec]);

  const begin = () => {
    try {
      const parsed: unknown = JSON.parse(contextText || '{}');
      if (!isObject(parsed)) return setNote('The context must be a JSON object.');
      setNote(null);
      sim.reset(parsed, startAt);
    } catch (e) {
      setNote(`Context is not valid JSON: ${(e as Error).message}`);
    }
  };
  const capture = async () => {
    try {
      const instance = await queryClient.fetchQuery(trpc.instances.get.queryOptions({ instanceId: instanceId.trim() }));
      setContextText(JSON.stringify(instance.context, null, 2));
      const known = Object.hasOwn(spec.states, instance.stateValue);
      setStartAt(known ? instance.stateValue : undefined);
      setNote(
        `Loaded the context of ${instance.definitionKey} v${instance.definitionVersion}${known ? `; the run starts in "${instance.stateValue}"` : ''}. Press Start.`,
      );
    } catch (e) {
      setNote(describeError(e).message);
    }
  };

  const current = sim.current;
  const visited = useMemo(
    () => new Set([...sim.steps.map((s) => s.result.transition?.from ?? ''), ...(current ? [current.value] : [])]),
    [sim.steps, current],
  );
  const taken = useMemo(() => {
    const m = new Map<string, number[]>();
    sim.steps.forEach((s, i) => {
      const t = s.result.transition;
      if (t) {
        const id = `${t.from}:${t.event}:${t.alternative}`;
        m.set(id, [...(m.get(id) ?? []), i + 1]);
      }
    });
    return m;
  }, [sim.steps]);
  const tasks = sim.steps.flatMap((s, i) =>
    s.result.effects.flatMap((e) => (e.type === 'createTask' ? [{ step: i + 1, ...e.task }] : [])),
  );

  return (
    <div className="grid grid--main-side">
      <div className="editor__main">
        <Panel
          title={
            <>
              Graph{' '}
              {current && (
                <span className="chip" data-testid="sim-state">
                  {current.value}
                </span>
              )}{' '}
              {current && (
                <StatusBadge
                  status={current.status === 'done' ? 'completed' : 'running'}
                  label={current.status === 'done' ? 'final' : 'active'}
                />
              )}
            </>
          }
        >
          <SpecGraph
            graph={graph}
            current={current?.value ?? null}
            visited={visited}
            {...(sim.steps.length ? { takenEdges: taken } : {})}
            height={420}
          />
        </Panel>
        <Panel title={`Tasks that would be created (${tasks.length})`}>
          {tasks.length === 0 ? <p className="muted">None yet.</p> : <JsonView value={tasks} maxHeight={260} />}
        </Panel>
      </div>
      <aside className="editor__side">
        <Panel title="Start">
          <label className="field-label" htmlFor="sim-context">
            Initial context (JSON; merged over the spec&apos;s context)
          </label>
          <textarea
            id="sim-context"
            className="textarea"
            rows={5}
            value={contextText}
            onChange={(e) => setContextText(e.target.value)}
            spellCheck={false}
          />
          <form
            className="inspector__buttons"
            onSubmit={(e) => {
              e.preventDefault();
              void capture();
            }}
          >
            <input
              className="input mono"
              style={{ flex: 1 }}
              placeholder="instance id"
              aria-label="Instance id"
              value={instanceId}
              onChange={(e) => setInstanceId(e.target.value)}
            />
            <button type="submit" className="button button--small" disabled={!instanceId.trim()}>
              Load context
            </button>
          </form>
          {note && <p className="muted">{note}</p>}
          <div className="inspector__buttons inspector__buttons--end">
            <button type="button" className="button button--primary" onClick={begin}>
              {current ? 'Restart' : 'Start'}
            </button>
          </div>
        </Panel>
        <Panel title="Send events">
          <SimulatorControls
            accepted={current ? acceptedEvents(spec, current.value) : []}
            disabled={!current}
            onSend={sim.send}
          />
          {sim.error && (
            <p className="form-error" role="alert">
              {sim.error}
            </p>
          )}
          <ol className="sim-log" data-testid="sim-log">
            {sim.steps.map((s, i) => (
              <li key={i} className={s.result.accepted ? '' : 'sim-log--ignored'}>
                <b>
                  {i + 1}. {s.event}
                </b>{' '}
                {s.result.accepted ? (
                  <>
                    → <code>{s.result.value}</code>
                  </>
                ) : (
                  <>ignored: {s.result.ignoredReason}</>
                )}
              </li>
            ))}
          </ol>
        </Panel>
        <Panel title="Context">
          {current ? <JsonView value={current.context} maxHeight={260} /> : <p className="muted">Press Start.</p>}
        </Panel>
      </aside>
    </div>
  );
}
