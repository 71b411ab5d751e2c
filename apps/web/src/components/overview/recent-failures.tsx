'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ErrorBox, Empty, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { StatusBadge } from '~/components/status-badge';
import { TimeStamp } from '~/components/time-stamp';
import { useTRPC } from '~/trpc/react';

export function RecentFailures() {
  const trpc = useTRPC();
  const failures = useQuery(trpc.stats.recentFailures.queryOptions({ limit: 10 }, { refetchInterval: 3_000 }));
  return (
    <Panel title="Recent failures">
      {failures.error ? <ErrorBox error={failures.error} /> : !failures.data ? <Skeleton rows={4} /> : failures.data.length === 0 ? <Empty>No failures. 🎉</Empty> : (
        <div className="table-wrap">
          <table className="table">
            <thead><tr><th>When</th><th>Instance</th><th>Definition</th><th>What</th><th>Error</th><th>Now</th></tr></thead>
            <tbody>
              {failures.data.map((f) => (
                <tr key={`${f.instanceId}:${f.seq}`}>
                  <td><TimeStamp iso={f.createdAt} compact /></td>
                  <td><Link href={`/instances/${f.instanceId}?seq=${f.seq}`}><code>{f.instanceId.slice(0, 8)}</code></Link></td>
                  <td><code>{f.definitionKey}</code></td>
                  <td>{f.type === 'task.failed' ? <>task <code>{f.taskName ?? '?'}</code></> : 'instance'}</td>
                  <td className="cell-error">{f.error ?? '—'}</td>
                  <td><StatusBadge status={f.instanceStatus} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
