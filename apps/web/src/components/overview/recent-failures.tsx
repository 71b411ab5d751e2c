'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { CopyId } from '~/components/copy-id';
import { ErrorBox, Empty, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { StatusBadge } from '~/components/status-badge';
import { TimeStamp } from '~/components/time-stamp';
import { useTRPC } from '~/trpc/react';

export function RecentFailures() {
  const trpc = useTRPC();
  const failures = useQuery(trpc.stats.recentFailures.queryOptions({ limit: 10 }, { refetchInterval: 3_000 }));
  return (
    <Panel title="Recent failures" actions={<span className="muted">one row per failure, newest first</span>}>
      {failures.error ? (
        <ErrorBox error={failures.error} />
      ) : !failures.data ? (
        <Skeleton rows={4} />
      ) : failures.data.length === 0 ? (
        <Empty>No failures. 🎉</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>When</th>
                <th>Instance</th>
                <th>Definition</th>
                <th>What</th>
                <th>Error</th>
                <th>Now</th>
              </tr>
            </thead>
            <tbody>
              {failures.data.map((f) => (
                <tr key={`${f.instanceId}:${f.seq}`} data-testid="failure-row" data-instance-id={f.instanceId}>
                  <td>
                    <TimeStamp iso={f.createdAt} compact />
                  </td>
                  {/* The live view: the failure summary sits at its top, and a retry shows its outcome as it happens. */}
                  <td className="recent-failures__instance">
                    <Link
                      href={`/instances/${f.instanceId}`}
                      prefetch={false}
                      title={`instance ${f.instanceId}`}
                      data-testid="failure-link"
                    >
                      {f.businessKey ? (
                        <b className="mono">{f.businessKey}</b>
                      ) : (
                        <code>{f.instanceId.slice(0, 8)}</code>
                      )}
                    </Link>
                    <CopyId id={f.instanceId} iconOnly />
                  </td>
                  <td>
                    <code>{f.definitionKey}</code>
                  </td>
                  <td>
                    {f.type === 'task.failed' ? (
                      <>
                        task <code>{f.taskName ?? '?'}</code>
                      </>
                    ) : (
                      'instance'
                    )}
                  </td>
                  <td className="cell-error">{f.error ?? '—'}</td>
                  <td>
                    <StatusBadge status={f.instanceStatus} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
