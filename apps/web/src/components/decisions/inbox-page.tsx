'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Empty, ErrorBox, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { useTRPC } from '~/trpc/react';
import { AwaitingOperatorList } from './awaiting-operator-list';
import { InboxRow } from './inbox-row';
import { INBOX_LIMIT, INBOX_REFRESH_MS } from './inbox-options';
import './decisions.css';

type Tab = 'approval' | 'waiting';

/** The operator's work queue: AI decisions awaiting approval, and instances only an operator's event will move. Live. */
export function InboxPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const tab: Tab = useSearchParams().get('tab') === 'waiting' ? 'waiting' : 'approval';
  const pending = useQuery(
    trpc.decisions.pending.queryOptions({ limit: INBOX_LIMIT }, { refetchInterval: INBOX_REFRESH_MS }),
  );
  const waiting = useQuery(
    trpc.decisions.awaitingOperator.queryOptions({ limit: INBOX_LIMIT }, { refetchInterval: INBOX_REFRESH_MS }),
  );
  const show = (t: Tab) => router.replace(t === 'waiting' ? `${pathname}?tab=waiting` : pathname, { scroll: false });
  const count = (n: number | undefined) => (n === undefined ? '…' : n >= INBOX_LIMIT ? `${INBOX_LIMIT}+` : String(n));

  return (
    <>
      <div className="page-header">
        <h1>Inbox</h1>
        <span className="page-header__meta">
          what needs a person: decisions to approve, instances waiting for an event
        </span>
        <span
          className={pending.isError ? 'live-dot live-dot--off' : 'live-dot'}
          title={`refreshed every ${INBOX_REFRESH_MS / 1000} s`}
        >
          live
        </span>
      </div>
      <div className="tabs inbox__tabs" role="tablist" aria-label="Inbox">
        <button
          type="button"
          role="tab"
          className="button button--ghost"
          aria-selected={tab === 'approval'}
          aria-pressed={tab === 'approval'}
          onClick={() => show('approval')}
        >
          Awaiting approval{' '}
          <span className="chip" data-testid="approval-count">
            {count(pending.data?.length)}
          </span>
        </button>
        <button
          type="button"
          role="tab"
          className="button button--ghost"
          aria-selected={tab === 'waiting'}
          aria-pressed={tab === 'waiting'}
          onClick={() => show('waiting')}
        >
          Waiting for an operator{' '}
          <span className="chip" data-testid="waiting-count">
            {count(waiting.data?.length)}
          </span>
        </button>
      </div>
      {tab === 'approval' ? (
        <Panel title="AI decisions awaiting approval, oldest first" className="inbox">
          {pending.isPending ? (
            <Skeleton rows={6} />
          ) : pending.isError ? (
            <ErrorBox error={pending.error} />
          ) : pending.data.length === 0 ? (
            <Empty>Nothing awaits approval. Decisions a policy holds for an operator appear here.</Empty>
          ) : (
            <div className="table-wrap" style={{ margin: '-12px -14px' }}>
              <table className="table" data-testid="inbox-table">
                <thead>
                  <tr>
                    <th>Case</th>
                    <th>Facts the model saw</th>
                    <th>Proposed (of allowed) · payload</th>
                    <th>Confidence · rationale</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {pending.data.map((d) => (
                    <InboxRow key={d.taskId} d={d} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Panel>
      ) : (
        <Panel title="Waiting for an operator, longest first" className="inbox">
          <p className="muted inbox__explain">
            Running instances with nothing in flight — no task queued or running, no decision awaiting approval — so
            only an event sent by a person moves them on (for example after a rejected AI decision).
          </p>
          <div style={{ margin: '0 -14px -12px' }}>
            <AwaitingOperatorList />
          </div>
        </Panel>
      )}
    </>
  );
}
