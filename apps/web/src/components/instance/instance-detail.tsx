'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { AI_DECISION_TASK } from '@switchyard/engine/contracts';
import { CopyId } from '~/components/copy-id';
import { ErrorBox, Skeleton } from '~/components/feedback';
import { SpecGraph } from '~/components/graph/spec-graph';
import type { CurrentTone } from '~/components/graph/state-node';
import { JsonView } from '~/components/json-view';
import { Panel } from '~/components/panel';
import { StatusBadge } from '~/components/status-badge';
import { TimeStamp } from '~/components/time-stamp';
import { DecisionsPanel } from '~/components/decisions/decisions-panel';
import { TimelineSearch } from '~/components/search/timeline-search';
import { replayTimeline } from '~/lib/replay';
import { useTRPC } from '~/trpc/react';
import { FailureSummary, findFailure } from './failure-summary';
import { InstanceActions } from './instance-actions';
import { MoveDialog, type MoveRequest } from './move-dialog';
import { useSession } from '~/components/auth/session-context';
import { PastViewBanner } from './past-view-banner';
import { PausedBanner } from './paused-banner';
import { TasksTable } from './tasks-table';
import { TimelinePanel } from './timeline-panel';
import { useLiveInstance } from './use-live-instance';

export function InstanceDetail({ instanceId }: { instanceId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const seqParam = params.get('seq');
  const selectedSeq = seqParam && /^\d+$/.test(seqParam) ? Number(seqParam) : null;
  const instance = useQuery(trpc.instances.get.queryOptions({ instanceId }));
  const timeline = useQuery(trpc.instances.timeline.queryOptions({ instanceId }));
  const live = useLiveInstance(instanceId, instance.isSuccess);
  const [moveRequest, setMoveRequest] = useState<MoveRequest | null>(null);
  const { can } = useSession();
  const select = (seq: number | null) =>
    router.replace(seq === null ? pathname : `${pathname}?seq=${seq}`, { scroll: false });
  const showEntry = (seq: number) =>
    document
      .querySelector(`[data-testid="timeline"] [data-seq="${seq}"]`)
      ?.scrollIntoView({ behavior: 'smooth', block: 'center' });

  const initial = instance.data?.graph.nodes.find((n) => n.initial)?.id ?? '';
  const replay = useMemo(
    () => replayTimeline(timeline.data ?? [], initial, selectedSeq),
    [timeline.data, initial, selectedSeq],
  );
  const failure = useMemo(
    () => (instance.data?.status === 'failed' ? findFailure(timeline.data ?? [], instance.data.tasks) : null),
    [instance.data, timeline.data],
  );
  const failedEdge = useMemo(() => {
    const task = failure?.task;
    if (!task || !instance.data) return null;
    const carrying = instance.data.graph.edges.filter((e) =>
      e.tasks.some((t) => t.name === task.name && t.type === task.type),
    );
    const edge = carrying.find((e) => e.target === instance.data.stateValue) ?? carrying[0];
    return edge ? { edgeId: edge.id, taskName: task.name } : null;
  }, [failure, instance.data]);

  if (instance.error) return <ErrorBox error={instance.error} title={`Instance ${instanceId}`} />;
  const i = instance.data;
  if (!i) return <Skeleton rows={10} height={24} />;
  const viewing = selectedSeq !== null;
  const current = viewing ? replay.stateValue : i.stateValue;
  const context = viewing ? replay.context : i.context;
  // The past is drawn neutral; live, the current state takes the instance's status colour.
  const tone: CurrentTone = viewing ? 'running' : i.pausedAt ? 'paused' : i.status;

  return (
    <>
      <div className="breadcrumbs">
        <Link href="/instances">Instances</Link> /{' '}
        <Link href={`/definitions/${encodeURIComponent(i.definitionKey)}?version=${i.definitionVersion}`}>
          {i.definitionKey} v{i.definitionVersion}
        </Link>
      </div>
      <div className="page-header">
        <h1>
          <CopyId id={i.id} full />
        </h1>
        {i.businessKey && (
          <span className="business-key" data-testid="business-key" title="business key">
            {i.businessKey}
          </span>
        )}
        <StatusBadge status={i.status} />
        {i.pausedAt && <StatusBadge status="paused" label={`paused`} />}
        <span className="page-header__meta">
          in <code data-testid="current-state">{i.stateValue}</code>
        </span>
        {viewing ? (
          <span className="live-dot live-dot--off" data-testid="live-state">
            paused: viewing seq {selectedSeq}
          </span>
        ) : (
          <span
            className={live === 'pending' ? 'live-dot' : 'live-dot live-dot--off'}
            title={`subscription: ${live}`}
            data-testid="live-state"
          >
            {live === 'pending' ? 'live' : live}
          </span>
        )}
        <div className="page-header__actions">
          <Link className="button" href={`/compare?a=${i.id}`}>
            Compare with…
          </Link>
          <InstanceActions
            instanceId={i.id}
            status={i.status}
            accepted={i.acceptedEvents}
            quick={i.quickEvents}
            guardTripped={i.guardTripped}
            paused={i.pausedAt !== null}
            onMove={() => setMoveRequest({})}
          />
        </div>
      </div>
      <MoveDialog
        instanceId={i.id}
        states={i.graph.nodes.map((n) => n.id)}
        edges={i.graph.edges}
        currentState={i.stateValue}
        request={moveRequest}
        onClose={() => setMoveRequest(null)}
      />
      {viewing && (
        <PastViewBanner
          seq={selectedSeq}
          lastSeq={i.lastSeq}
          status={i.status}
          stateValue={i.stateValue}
          pastState={replay.stateValue}
          onBackToLive={() => select(null)}
        />
      )}
      {!viewing && i.pausedAt && <PausedBanner pausedAt={i.pausedAt} timeline={timeline.data ?? []} />}
      {!viewing && failure && <FailureSummary instanceId={i.id} failure={failure} onShowEntry={showEntry} />}
      <div className="grid grid--main-side">
        <div className="grid">
          <Panel
            title={viewing ? `Graph at seq ${selectedSeq} (the past)` : 'Graph'}
            actions={
              <span className="muted">
                {replay.takenEdges.size} transition{replay.takenEdges.size === 1 ? '' : 's'} taken
              </span>
            }
          >
            <SpecGraph
              graph={i.graph}
              current={current}
              currentTone={tone}
              visited={replay.visited}
              takenEdges={replay.takenEdges}
              failedEdge={viewing ? null : failedEdge}
              height={400}
            />
          </Panel>
          {i.tasks.some((t) => t.type === AI_DECISION_TASK) && <DecisionsPanel instanceId={i.id} lastSeq={i.lastSeq} />}
          <Panel title="Tasks">
            <div style={{ margin: '-12px -14px' }}>
              <TasksTable instanceId={i.id} instanceStatus={i.status} tasks={i.tasks} />
            </div>
          </Panel>
          <Panel title={`Timeline (${timeline.data?.length ?? '…'})`}>
            {timeline.error ? (
              <ErrorBox error={timeline.error} />
            ) : !timeline.data ? (
              <Skeleton rows={6} />
            ) : (
              <TimelineSearch instanceId={i.id} entries={timeline.data} onJump={select}>
                {(entries) => (
                  <TimelinePanel
                    entries={entries}
                    selectedSeq={selectedSeq}
                    onSelect={select}
                    {...(can('operator') && i.status !== 'cancelled'
                      ? { onMoveBack: (seq: number, to: string) => setMoveRequest({ backTo: seq, backToState: to }) }
                      : {})}
                  />
                )}
              </TimelineSearch>
            )}
          </Panel>
        </div>
        <div className="grid">
          <Panel title="Details">
            <dl className="kv">
              <dt>Definition</dt>
              <dd>
                <code>{i.definitionKey}</code> v{i.definitionVersion}
              </dd>
              <dt>Business key</dt>
              <dd>{i.businessKey ? <code>{i.businessKey}</code> : <span className="muted">—</span>}</dd>
              <dt>Accepts</dt>
              <dd>
                {i.acceptedEvents.length ? (
                  i.acceptedEvents.map((e) => (
                    <span key={e} className="chip" style={{ marginRight: 4 }}>
                      {e}
                    </span>
                  ))
                ) : (
                  <span className="muted">nothing</span>
                )}
              </dd>
              <dt>Created</dt>
              <dd>
                <TimeStamp iso={i.createdAt} /> by <code>{i.createdBy}</code>
              </dd>
              <dt>Updated</dt>
              <dd>
                <TimeStamp iso={i.updatedAt} />
              </dd>
              {i.completedAt && (
                <>
                  <dt>Completed</dt>
                  <dd>
                    <TimeStamp iso={i.completedAt} />
                  </dd>
                </>
              )}
              {i.cancelledAt && (
                <>
                  <dt>Cancelled</dt>
                  <dd>
                    <TimeStamp iso={i.cancelledAt} />
                  </dd>
                </>
              )}
              <dt>Version</dt>
              <dd className="mono">
                {i.version} · seq {i.lastSeq}
              </dd>
            </dl>
          </Panel>
          <Panel title={viewing ? `Context at seq ${selectedSeq} (the past)` : 'Context'}>
            <JsonView value={context} />
          </Panel>
          <Panel title="Input">
            <JsonView value={i.input} maxHeight={200} />
          </Panel>
        </div>
      </div>
    </>
  );
}
