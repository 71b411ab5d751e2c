'use client';

import { instanceStatuses } from '@switchyard/engine/contracts';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { ErrorBox, Skeleton, Empty } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { StatusBadge } from '~/components/status-badge';
import { formatCount } from '~/lib/format';
import { useTRPC } from '~/trpc/react';
import { RecentFailures } from './recent-failures';
import { ThroughputChart } from './throughput-chart';

const REFRESH_MS = 3_000;

export function Overview() {
  const trpc = useTRPC();
  const [hours, setHours] = useState(3);
  const live = { refetchInterval: REFRESH_MS };
  const byStatus = useQuery(trpc.stats.countsByStatus.queryOptions(undefined, live));
  const byDefinition = useQuery(trpc.stats.countsByDefinition.queryOptions(undefined, live));
  const chart = useQuery(trpc.stats.throughput.queryOptions({ hours }, live));
  const waiting = useQuery(trpc.stats.tasksWaiting.queryOptions(undefined, live));

  return (
    <>
      <div className="page-header">
        <h1>Overview</h1>
        <span className="live-dot">live</span>
      </div>
      {byStatus.error ? (
        <ErrorBox error={byStatus.error} />
      ) : (
        <div className="stat-row" data-testid="status-counts">
          {instanceStatuses.map((s) => {
            const count = byStatus.data?.find((c) => c.status === s)?.count ?? 0;
            return (
              <Link key={s} className="stat" href={`/instances?status=${s}`}>
                <div className="stat__label">
                  <StatusBadge status={s} />
                </div>
                <div className="stat__value">{byStatus.isPending ? '…' : formatCount(count)}</div>
              </Link>
            );
          })}
          <div className="stat">
            <div className="stat__label">Tasks waiting</div>
            <div className="stat__value">{waiting.data ? formatCount(waiting.data.ready) : '…'}</div>
            {waiting.data && (
              <div className="muted">
                {waiting.data.delayed} delayed · {waiting.data.running} running · {waiting.data.failed} failed
              </div>
            )}
          </div>
        </div>
      )}
      <div className="grid grid--main-side">
        <Panel
          title="Instances per minute"
          actions={
            <select
              className="select"
              aria-label="Time range"
              value={hours}
              onChange={(e) => setHours(Number(e.target.value))}
            >
              {[1, 3, 6, 12, 24].map((h) => (
                <option key={h} value={h}>
                  last {h} h
                </option>
              ))}
            </select>
          }
        >
          {chart.error ? (
            <ErrorBox error={chart.error} />
          ) : chart.data ? (
            <ThroughputChart points={chart.data.points} />
          ) : (
            <Skeleton rows={1} height={180} />
          )}
        </Panel>
        <Panel title="By definition">
          {byDefinition.error ? (
            <ErrorBox error={byDefinition.error} />
          ) : !byDefinition.data ? (
            <Skeleton />
          ) : byDefinition.data.length === 0 ? (
            <Empty>No instances yet.</Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Definition</th>
                  <th className="num">Running</th>
                  <th className="num">Failed</th>
                  <th className="num">Done</th>
                  <th className="num">Total</th>
                </tr>
              </thead>
              <tbody>
                {byDefinition.data.map((d) => (
                  <tr key={d.definitionKey}>
                    <td>
                      <Link href={`/instances?definition=${encodeURIComponent(d.definitionKey)}`}>
                        <code>{d.definitionKey}</code>
                      </Link>
                    </td>
                    <td className="num">{formatCount(d.running)}</td>
                    <td className="num" style={{ color: d.failed ? 'var(--red)' : undefined }}>
                      {formatCount(d.failed)}
                    </td>
                    <td className="num">{formatCount(d.completed)}</td>
                    <td className="num">{formatCount(d.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
      <div style={{ marginTop: 16 }}>
        <RecentFailures />
      </div>
    </>
  );
}
