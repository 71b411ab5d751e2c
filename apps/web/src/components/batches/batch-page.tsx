'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { useSession } from '~/components/auth/session-context';
import { ErrorBox, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { StatusBadge } from '~/components/status-badge';
import { TimeStamp } from '~/components/time-stamp';
import { useTRPC } from '~/trpc/react';

const tone: Record<string, string> = {
  running: 'running',
  paused: 'queued',
  aborted: 'cancelled',
  completed: 'completed',
};

export function BatchProgress({ done, total }: { done: number; total: number }) {
  const percent = total === 0 ? 100 : Math.round((done / total) * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-label={`${done} of ${total} done`}
      data-testid="batch-progress"
    >
      <div className="progress__bar" style={{ width: `${percent}%` }} />
      <span className="progress__text">
        {done} / {total}
      </span>
    </div>
  );
}

/** One batch: progress (live while it runs), who started it and why, the query, controls, every instance's result. */
export function BatchPage({ batchId }: { batchId: string }) {
  const trpc = useTRPC();
  const { can } = useSession();
  const batch = useQuery(
    trpc.batches.get.queryOptions(
      { batchId },
      { refetchInterval: (q) => (q.state.data?.status === 'running' ? 1_000 : false) },
    ),
  );
  const [command, setCommand] = useState<'pause' | 'resume' | 'abort' | null>(null);
  const pause = useMutation(trpc.batches.pause.mutationOptions());
  const resume = useMutation(trpc.batches.resume.mutationOptions());
  const abort = useMutation(trpc.batches.abort.mutationOptions());
  if (batch.error) return <ErrorBox error={batch.error} title={`Batch ${batchId}`} />;
  const b = batch.data;
  if (!b) return <Skeleton rows={8} />;
  const done = b.succeeded + b.skipped + b.failed;
  const live = b.status === 'running' || b.status === 'paused';
  return (
    <>
      <div className="breadcrumbs">
        <Link href="/batches">Batches</Link> / <code>{b.id.slice(0, 8)}</code>
      </div>
      <div className="page-header">
        <h1>
          {b.action} · {b.total} instance{b.total === 1 ? '' : 's'}
        </h1>
        <StatusBadge status={tone[b.status] ?? b.status} label={b.status} />
        {can('operator') && live && (
          <div className="page-header__actions">
            {b.status === 'running' ? (
              <button type="button" className="button" onClick={() => setCommand('pause')}>
                Pause batch
              </button>
            ) : (
              <button type="button" className="button button--primary" onClick={() => setCommand('resume')}>
                Resume batch
              </button>
            )}
            <button type="button" className="button button--danger" onClick={() => setCommand('abort')}>
              Abort batch
            </button>
          </div>
        )}
      </div>
      <Panel title="Progress">
        <BatchProgress done={done} total={b.total} />
        <p data-testid="batch-counts">
          {b.succeeded} succeeded · {b.skipped} skipped · {b.failed} failed · {b.total - done} to go · at most{' '}
          {b.ratePerSecond}/s
        </p>
        <dl className="kv">
          <dt>Reason</dt>
          <dd>“{b.reason}”</dd>
          <dt>Started</dt>
          <dd>
            <TimeStamp iso={b.createdAt} /> by <code>{b.createdBy}</code>
          </dd>
          {b.finishedAt && (
            <>
              <dt>Finished</dt>
              <dd>
                <TimeStamp iso={b.finishedAt} />
              </dd>
            </>
          )}
          <dt>Query</dt>
          <dd>
            <Link href={`/instances?${b.queryString}`}>
              <code>{b.queryString || '(every instance)'}</code>
            </Link>
          </dd>
          <dt>Action</dt>
          <dd>
            <code>{JSON.stringify(b.params)}</code>
          </dd>
        </dl>
      </Panel>
      <Panel title={`Instances (${b.items.length}${b.items.length < b.total ? ` of ${b.total}` : ''})`}>
        <table className="table" data-testid="batch-items">
          <thead>
            <tr>
              <th>Instance</th>
              <th>Result</th>
              <th>What happened</th>
            </tr>
          </thead>
          <tbody>
            {b.items.map((item) => (
              <tr key={item.instanceId} data-status={item.status}>
                <td>
                  <Link href={`/instances/${item.instanceId}`}>
                    <code>{item.instanceId.slice(0, 8)}</code>
                  </Link>
                </td>
                <td>
                  <StatusBadge
                    status={item.status === 'succeeded' ? 'succeeded' : item.status === 'failed' ? 'failed' : 'queued'}
                    label={item.status}
                  />
                </td>
                <td>{item.message ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <ActionDialog
        open={command !== null}
        onClose={() => setCommand(null)}
        title={`${command ?? ''} batch`}
        danger={command === 'abort'}
        confirmLabel={command === 'abort' ? 'Abort batch' : command === 'pause' ? 'Pause batch' : 'Resume batch'}
        description={
          command === 'abort'
            ? 'Instances not yet acted on stay as they are; what was done is not undone. Recorded in the audit log with the counts.'
            : command === 'pause'
              ? 'The worker stops after the instance it is on; resume to go on where it stopped.'
              : 'The worker goes on with the instances not yet acted on.'
        }
        onConfirm={async (reason) => {
          const mutation = command === 'abort' ? abort : command === 'pause' ? pause : resume;
          await mutation.mutateAsync({ batchId, reason });
          await batch.refetch();
        }}
      />
    </>
  );
}

/** Every batch of the tenant, newest first, with its progress. */
export function BatchesPage() {
  const trpc = useTRPC();
  const list = useQuery(trpc.batches.list.queryOptions(undefined, { refetchInterval: 2_000 }));
  if (list.error) return <ErrorBox error={list.error} title="Batches" />;
  return (
    <>
      <div className="page-header">
        <h1>Batches</h1>
        <span className="muted">Start one from the instance list: filter, then “Act on all matching…”.</span>
      </div>
      {!list.data ? (
        <Skeleton rows={6} />
      ) : (
        <table className="table" data-testid="batches-table">
          <thead>
            <tr>
              <th>Batch</th>
              <th>Action</th>
              <th>Status</th>
              <th>Progress</th>
              <th>Reason</th>
              <th>Started</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((b) => (
              <tr key={b.id}>
                <td>
                  <Link href={`/batches/${b.id}`}>
                    <code>{b.id.slice(0, 8)}</code>
                  </Link>
                </td>
                <td>{b.action}</td>
                <td>
                  <StatusBadge status={tone[b.status] ?? b.status} label={b.status} />
                </td>
                <td style={{ minWidth: 160 }}>
                  <BatchProgress done={b.succeeded + b.skipped + b.failed} total={b.total} />
                </td>
                <td>“{b.reason}”</td>
                <td>
                  <TimeStamp iso={b.createdAt} compact /> <code>{b.createdBy}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
