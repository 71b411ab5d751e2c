'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Empty, ErrorBox, Skeleton } from '~/components/feedback';
import { Panel } from '~/components/panel';
import { TimeStamp } from '~/components/time-stamp';
import { useTRPC } from '~/trpc/react';
import { AllowlistChips } from './allowlist-chips';
import { ConfidenceBar } from './confidence-bar';
import { DecisionActions } from './decision-actions';
import type { PendingDecisionRow } from './decision-types';
import { INBOX_LIMIT, INBOX_REFRESH_MS } from './inbox-options';
import './decisions.css';

const EXCERPT = 140;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);

function InboxRow({ d }: { d: PendingDecisionRow }) {
  return (
    <tr data-testid="inbox-row" data-instance-id={d.instanceId} data-task-id={d.taskId}>
      <td className="inbox__nowrap"><Link href={`/instances/${d.instanceId}`} className="mono" title={d.instanceId}>{d.instanceId.slice(0, 8)}</Link><div className="muted">{d.taskName}</div></td>
      <td className="inbox__nowrap"><Link href={`/definitions/${encodeURIComponent(d.definitionKey)}?version=${d.definitionVersion}`}>{d.definitionKey}</Link> <span className="muted">v{d.definitionVersion}</span></td>
      <td><code>{d.stateValue}</code></td>
      <td><AllowlistChips proposed={d.proposedEvent} allowed={d.allowedEvents} /></td>
      <td><ConfidenceBar value={d.confidence} /></td>
      <td className="inbox__rationale" title={d.rationale}>{excerpt(d.rationale)}</td>
      <td className="inbox__nowrap"><TimeStamp iso={d.createdAt} compact /></td>
      <td className="inbox__actions"><DecisionActions taskId={d.taskId} instanceId={d.instanceId} proposedEvent={d.proposedEvent} allowedEvents={d.allowedEvents} /></td>
    </tr>
  );
}

/** Every AI decision awaiting an operator across the tenant's instances, oldest first, with the actions inline. Live. */
export function InboxPage() {
  const trpc = useTRPC();
  const pending = useQuery(trpc.decisions.pending.queryOptions({ limit: INBOX_LIMIT }, { refetchInterval: INBOX_REFRESH_MS }));
  return (
    <>
      <div className="page-header">
        <h1>Inbox</h1>
        <span className="page-header__meta">AI decisions awaiting approval, oldest first</span>
        <span className={pending.isError ? 'live-dot live-dot--off' : 'live-dot'} title={`refreshed every ${INBOX_REFRESH_MS / 1000} s`}>live</span>
      </div>
      <Panel title={`Awaiting approval (${pending.data?.length ?? '…'})`} className="inbox">
        {pending.isPending ? <Skeleton rows={6} /> : pending.isError ? <ErrorBox error={pending.error} /> : pending.data.length === 0 ? <Empty>Nothing awaits approval. Decisions a policy holds for an operator appear here.</Empty> : (
          <div className="table-wrap" style={{ margin: '-12px -14px' }}>
            <table className="table" data-testid="inbox-table">
              <thead><tr><th>Instance</th><th>Definition</th><th>State</th><th>Proposed (of allowed)</th><th>Confidence</th><th>Rationale</th><th>Age</th><th /></tr></thead>
              <tbody>{pending.data.map((d) => <InboxRow key={d.taskId} d={d} />)}</tbody>
            </table>
          </div>
        )}
      </Panel>
    </>
  );
}
