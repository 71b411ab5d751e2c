'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useSession } from '~/components/auth/session-context';
import { Empty, ErrorBox, Skeleton } from '~/components/feedback';
import { SendEventDialog } from '~/components/instance/send-event-dialog';
import { TimeStamp } from '~/components/time-stamp';
import { useTRPC } from '~/trpc/react';
import type { AwaitingOperatorRow } from './decision-types';
import { INBOX_LIMIT, INBOX_REFRESH_MS } from './inbox-options';

function LastDecision({ d }: { d: AwaitingOperatorRow['lastDecision'] }) {
  if (!d) return <span className="muted">no AI decision</span>;
  return (
    <span data-testid="last-decision" data-status={d.status ?? undefined}>
      {d.proposedEvent && <span className="chip">{d.proposedEvent}</span>}{' '}
      <b className={d.status === 'rejected' ? 'text-red' : undefined}>{d.status ?? '—'}</b>
      {d.by && <span className="muted"> by {d.by}</span>}
      {d.reason && <div className="muted">“{d.reason}”</div>}
    </span>
  );
}

/** Running instances nothing will move but an operator's event: rejected decisions, manual-review states. Live. */
export function AwaitingOperatorList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mayAct = useSession().can('operator');
  const waiting = useQuery(
    trpc.decisions.awaitingOperator.queryOptions({ limit: INBOX_LIMIT }, { refetchInterval: INBOX_REFRESH_MS }),
  );
  const [sending, setSending] = useState<AwaitingOperatorRow | null>(null);
  const close = () => {
    setSending(null);
    void queryClient.invalidateQueries({ queryKey: trpc.decisions.awaitingOperator.queryKey() });
  };

  if (waiting.isPending) return <Skeleton rows={4} />;
  if (waiting.isError) return <ErrorBox error={waiting.error} />;
  if (waiting.data.length === 0) return <Empty>No instance is waiting for an operator.</Empty>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="waiting-table">
        <thead>
          <tr>
            <th>Case</th>
            <th>Waiting in</th>
            <th>Last AI decision</th>
            <th>Accepts</th>
            <th>Since</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {waiting.data.map((w) => (
            <tr key={w.instanceId} data-testid="waiting-row" data-instance-id={w.instanceId}>
              <td className="inbox__case">
                <Link
                  href={`/instances/${w.instanceId}`}
                  prefetch={false}
                  className="inbox__key"
                  title={`instance ${w.instanceId}`}
                >
                  {w.businessKey ?? <span className="mono">{w.instanceId.slice(0, 8)}</span>}
                </Link>
                <div className="muted">
                  {w.definitionKey} v{w.definitionVersion}
                </div>
              </td>
              <td>
                <code>{w.stateValue}</code>
              </td>
              <td>
                <LastDecision d={w.lastDecision} />
              </td>
              <td>
                {w.acceptedEvents.length ? (
                  w.acceptedEvents.map((e) => (
                    <span key={e} className="chip" style={{ marginRight: 4 }}>
                      {e}
                    </span>
                  ))
                ) : (
                  <span className="muted">nothing</span>
                )}
              </td>
              <td className="inbox__nowrap">
                <TimeStamp iso={w.waitingSince} compact />
              </td>
              <td className="inbox__actions">
                {mayAct && (
                  <button
                    type="button"
                    className="button button--small button--primary"
                    onClick={() => setSending(w)}
                    disabled={w.acceptedEvents.length === 0}
                  >
                    Send event…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sending && (
        <SendEventDialog
          instanceId={sending.instanceId}
          accepted={sending.acceptedEvents}
          open
          onClose={close}
          subject={sending.businessKey ?? sending.instanceId.slice(0, 8)}
        />
      )}
    </div>
  );
}
