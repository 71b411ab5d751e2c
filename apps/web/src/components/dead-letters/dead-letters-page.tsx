'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Empty, ErrorBox, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { StatusBadge } from '~/components/status-badge';
import { TimeStamp } from '~/components/time-stamp';
import { useTRPC } from '~/trpc/react';
import { DeadLetterActions } from './dead-letter-actions';

const REFRESH_MS = 5_000;

/** Events that could not be applied after their bounded deliveries: what failed, where, and what to do about it. */
export function DeadLettersPage() {
  const trpc = useTRPC();
  const letters = useQuery(trpc.deadLetters.list.queryOptions({ limit: 100 }, { refetchInterval: REFRESH_MS }));
  return (
    <>
      <div className="page-header">
        <h1>Dead letters</h1>
        <span className="page-header__meta">
          Events whose application kept failing; the sweeper leaves them alone until you retry or discard them
        </span>
      </div>
      <Panel title={`Dead letters (${letters.data?.length ?? '…'})`}>
        {letters.isPending ? (
          <Skeleton rows={4} />
        ) : letters.isError ? (
          <ErrorBox error={letters.error} />
        ) : letters.data.length === 0 ? (
          <Empty>No dead letters. An event that cannot be applied after its retries appears here.</Empty>
        ) : (
          <div className="table-wrap" style={{ margin: '-12px -14px' }}>
            <table className="table" data-testid="dead-letters-table">
              <thead>
                <tr>
                  <th>Dead-lettered</th>
                  <th>Instance</th>
                  <th>Definition</th>
                  <th>Event</th>
                  <th>Deliveries</th>
                  <th>Error</th>
                  <th>Instance now</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {letters.data.map((d) => (
                  <tr key={d.id} data-testid="dead-letter-row" data-message-id={d.id}>
                    <td>
                      <TimeStamp iso={d.deadLetteredAt} compact />
                    </td>
                    <td>
                      <Link href={`/instances/${d.instanceId}`} className="mono" title={d.instanceId}>
                        {d.instanceId.slice(0, 8)}
                      </Link>
                    </td>
                    <td>{d.definitionKey ? <code>{d.definitionKey}</code> : '—'}</td>
                    <td>
                      <code>{d.event}</code>
                    </td>
                    <td>{d.failures}</td>
                    <td className="cell-error">{d.lastError ?? '—'}</td>
                    <td>{d.instanceStatus ? <StatusBadge status={d.instanceStatus} /> : '—'}</td>
                    <td style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>
                      <DeadLetterActions messageId={d.id} event={d.event} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </>
  );
}
