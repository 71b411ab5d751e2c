'use client';

import { alignTimelines, type AlignedRow } from '@switchyard/engine/search';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { ErrorBox, Skeleton } from '~/components/feedback';
import { SpecGraph } from '~/components/graph/spec-graph';
import { Panel } from '~/components/panel';
import '~/components/search/search.css';
import { StatusBadge } from '~/components/status-badge';
import { replayTimeline } from '~/lib/replay';
import { useTRPC } from '~/trpc/react';
import { AlignedTimelines, type CompareEntry } from './aligned-timelines';
import { ComparePicker } from './compare-picker';
import { ContextDiff } from './context-diff';
import { SideWork } from './side-by-side-work';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The last sequence number of side `side` at or before aligned row `index` (null: the whole timeline). */
function seqAt(rows: AlignedRow<CompareEntry>[], index: number | null, side: 'a' | 'b'): number | null {
  if (index === null) return null;
  for (let i = Math.min(index, rows.length - 1); i >= 0; i--) {
    const step = rows[i]?.[side];
    if (step?.entries.length) return step.entries.at(-1)!.seq;
  }
  return 0;
}

function useSide(instanceId: string | null) {
  const trpc = useTRPC();
  const id = instanceId ?? '';
  const enabled = instanceId !== null;
  const instance = useQuery(trpc.instances.get.queryOptions({ instanceId: id }, { enabled }));
  const timeline = useQuery(trpc.instances.timeline.queryOptions({ instanceId: id }, { enabled }));
  const decisions = useQuery(trpc.decisions.forInstance.queryOptions({ instanceId: id }, { enabled }));
  return { instance, timeline, decisions };
}

/** Two instances side by side: paths on the graph, context diff (at the end or at a chosen step), aligned timelines, tasks and AI decisions. */
export function ComparePage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const a = uuid.test(params.get('a') ?? '') ? params.get('a') : null;
  const b = uuid.test(params.get('b') ?? '') ? params.get('b') : null;
  const stepParam = params.get('step');
  const step = stepParam && /^\d+$/.test(stepParam) ? Number(stepParam) : null;
  const A = useSide(a);
  const B = useSide(b);
  const rows = useMemo(
    () => alignTimelines<CompareEntry>(A.timeline.data ?? [], B.timeline.data ?? []),
    [A.timeline.data, B.timeline.data],
  );
  const selectStep = (index: number | null) => {
    const next = new URLSearchParams(params.toString());
    if (index === null) next.delete('step');
    else next.set('step', String(index));
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };

  if (!a)
    return (
      <ErrorBox
        error={
          new Error(
            'Pick two instances in the instance list (tick two rows, then Compare), or use "Compare with…" on an instance.',
          )
        }
        title="Nothing to compare"
      />
    );
  const error = A.instance.error ?? B.instance.error ?? A.timeline.error ?? B.timeline.error;
  if (error) return <ErrorBox error={error} title="Compare" />;
  const ia = A.instance.data;
  if (!ia) return <Skeleton rows={10} height={24} />;
  if (!b) {
    return (
      <>
        <div className="breadcrumbs">
          <Link href="/instances">Instances</Link> / <Link href={`/instances/${a}`}>{a.slice(0, 8)}</Link>
        </div>
        <div className="page-header">
          <h1>Compare {a.slice(0, 8)} with…</h1>
        </div>
        <Panel title="Pick the other instance">
          <ComparePicker a={a} definitionKey={ia.definitionKey} />
        </Panel>
      </>
    );
  }
  const ib = B.instance.data;
  if (!ib || !A.timeline.data || !B.timeline.data) return <Skeleton rows={10} height={24} />;
  const initialOf = (graph: typeof ia.graph) => graph.nodes.find((n) => n.initial)?.id ?? '';
  const replayA = replayTimeline(A.timeline.data, initialOf(ia.graph), seqAt(rows, step, 'a'));
  const replayB = replayTimeline(B.timeline.data, initialOf(ib.graph), seqAt(rows, step, 'b'));
  const at = step === null ? 'at the end' : `after step ${step + 1} (${rows[step]?.key ?? ''})`;
  const sides = [['A', ia, replayA, A] as const, ['B', ib, replayB, B] as const];

  return (
    <>
      <div className="breadcrumbs">
        <Link href="/instances">Instances</Link> / compare
      </div>
      <div className="page-header">
        <h1>Compare two runs</h1>
        <span className="page-header__meta">
          {rows.filter((r) => !r.a || !r.b).length} step(s) taken by only one run
        </span>
        <div className="page-header__actions">
          <Link className="button" href={`/compare?a=${b}&b=${a}`}>
            Swap A and B
          </Link>
        </div>
      </div>
      {step !== null && (
        <div className="banner" role="status">
          <span>Graphs and context {at}.</span>
          <button type="button" className="button button--small" onClick={() => selectStep(null)}>
            Back to the end
          </button>
        </div>
      )}
      <div className="compare-grid">
        {sides.map(([label, inst, replay]) => (
          <Panel
            key={label}
            title={
              <span className="compare-side__title">
                {label}:{' '}
                <Link href={`/instances/${inst.id}`}>
                  <code>{inst.id.slice(0, 8)}</code>
                </Link>
                {inst.businessKey && <code>{inst.businessKey}</code>}
                <StatusBadge status={inst.status} />
                <span className="muted">
                  {inst.definitionKey} v{inst.definitionVersion} · in
                </span>
                <code data-testid={`compare-state-${label}`}>{replay.stateValue}</code>
              </span>
            }
          >
            <SpecGraph
              graph={inst.graph}
              current={replay.stateValue}
              visited={replay.visited}
              takenEdges={replay.takenEdges}
              height={260}
            />
          </Panel>
        ))}
      </div>
      <div className="grid" style={{ marginTop: 12 }}>
        <Panel title={`Context ${at}: what differs`}>
          <ContextDiff a={replayA.context} b={replayB.context} />
        </Panel>
        <Panel
          title="Timelines aligned by transition"
          actions={<span className="muted">click a step to compare there</span>}
        >
          <AlignedTimelines rows={rows} selected={step} onSelect={selectStep} />
        </Panel>
        <div className="compare-grid">
          {sides.map(([label, inst, , side]) => (
            <Panel key={label} title={`${label}: tasks and AI decisions`}>
              <SideWork tasks={inst.tasks} decisions={side.decisions.data ?? []} />
            </Panel>
          ))}
        </div>
      </div>
    </>
  );
}
