'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { ActionDialog } from '~/components/action-dialog';
import { Empty, ErrorBox, Skeleton } from '~/components/feedback';
import { JsonView } from '~/components/json-view';
import { Panel } from '~/components/panel';
import { StatusBadge } from '~/components/status-badge';
import { TimeStamp } from '~/components/time-stamp';
import { useTRPC } from '~/trpc/react';

const tone: Record<string, string> = { pending: 'queued', delivered: 'succeeded', failed: 'failed' };

/** Outbound deliveries (of subscriptions, or of alert rules) with every attempt, and a "Redeliver" button. */
export function DeliveryLog({ source, names }: { source: 'subscriptions' | 'alerts'; names: Map<string, string> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const deliveries = useQuery({ ...trpc.webhooks.deliveries.queryOptions({ source }), refetchInterval: 2_000 });
  const redeliver = useMutation(trpc.webhooks.redeliver.mutationOptions());
  const [open, setOpen] = useState<string | null>(null);
  const [again, setAgain] = useState<string | null>(null);

  return (
    <Panel title={source === 'alerts' ? 'Alert deliveries' : 'Webhook deliveries'}>
      <p className="muted">
        Newest first. Each delivery is retried with exponential backoff until the receiver answers 2xx or it runs out of
        attempts; a call the egress policy refuses fails at once. Every attempt is listed.
      </p>
      {deliveries.isPending ? (
        <Skeleton />
      ) : deliveries.isError ? (
        <ErrorBox error={deliveries.error} />
      ) : deliveries.data.length === 0 ? (
        <Empty>No deliveries yet.</Empty>
      ) : (
        <table className="table" aria-label={source === 'alerts' ? 'Alert deliveries' : 'Webhook deliveries'}>
          <thead>
            <tr>
              <th>Created</th>
              <th>{source === 'alerts' ? 'Rule' : 'Subscription'}</th>
              <th>Event</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Last error</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {deliveries.data.map((d) => (
              <Fragment key={d.id}>
                <tr data-delivery={d.id}>
                  <td>
                    <TimeStamp iso={d.createdAt} compact />
                  </td>
                  <td>
                    {names.get(d.subscriptionId ?? d.alertRuleId ?? '') ?? <span className="muted">deleted</span>}
                  </td>
                  <td>
                    <code>{d.eventType}</code> <span className="muted">via {d.channel}</span>
                  </td>
                  <td>
                    <StatusBadge status={tone[d.status] ?? d.status} label={d.status} />
                  </td>
                  <td className="num">{d.attempts}</td>
                  <td className="muted">{d.lastError ?? '—'}</td>
                  <td className="num">
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setOpen(open === d.id ? null : d.id)}
                    >
                      {open === d.id ? 'Hide' : 'Attempts'}
                    </button>{' '}
                    <button type="button" className="button button--small" onClick={() => setAgain(d.id)}>
                      Redeliver
                    </button>
                  </td>
                </tr>
                {open === d.id && (
                  <tr>
                    <td colSpan={7}>
                      <table className="table" aria-label="Attempts">
                        <thead>
                          <tr>
                            <th>#</th>
                            <th>Started</th>
                            <th>Result</th>
                            <th>Duration</th>
                            <th>Error</th>
                          </tr>
                        </thead>
                        <tbody>
                          {d.attemptLog.map((a) => (
                            <tr key={a.attempt + a.startedAt}>
                              <td className="num">{a.attempt}</td>
                              <td>
                                <TimeStamp iso={a.startedAt} compact />
                              </td>
                              <td>
                                <StatusBadge
                                  status={a.ok ? 'succeeded' : 'failed'}
                                  label={a.httpStatus ? `HTTP ${a.httpStatus}` : a.ok ? 'sent' : 'not sent'}
                                />
                              </td>
                              <td className="num">{a.durationMs} ms</td>
                              <td className="muted">{a.error ?? '—'}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                      <JsonView value={d.payload} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      <ActionDialog
        open={again !== null}
        title="Redeliver"
        description="Queues the delivery again now, signed afresh; its earlier attempts stay in the log."
        confirmLabel="Redeliver"
        onConfirm={async (reason) => {
          if (again) await redeliver.mutateAsync({ id: again, reason });
          await queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey({ source }) });
        }}
        onClose={() => setAgain(null)}
      />
    </Panel>
  );
}
