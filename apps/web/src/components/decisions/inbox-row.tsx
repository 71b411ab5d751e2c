'use client';

import Link from 'next/link';
import { StatusBadge } from '~/components/status-badge';
import { TimeStamp } from '~/components/time-stamp';
import { text } from '~/lib/format';
import { AllowlistChips } from './allowlist-chips';
import { ConfidenceBar } from './confidence-bar';
import { DecisionActions } from './decision-actions';
import type { PendingDecisionRow } from './decision-types';

const EXCERPT = 180;
const excerpt = (s: string) => (s.length > EXCERPT ? `${s.slice(0, EXCERPT)}…` : s);
/** "refund.amount" → "amount": the last segment is what a person reads; the full path stays in the title. */
const label = (field: string) => field.split('.').at(-1) ?? field;

/** What the decision is about: the business key (or instance id), definition, state and instance status. */
function CaseCell({ d }: { d: PendingDecisionRow }) {
  return (
    <td className="inbox__case">
      <Link
        href={`/instances/${d.instanceId}`}
        prefetch={false}
        className="inbox__key"
        title={`instance ${d.instanceId}`}
        data-testid="inbox-key"
      >
        {d.businessKey ?? <span className="mono">{d.instanceId.slice(0, 8)}</span>}
      </Link>
      <div className="muted">
        <Link
          href={`/definitions/${encodeURIComponent(d.definitionKey)}?version=${d.definitionVersion}`}
          prefetch={false}
        >
          {d.definitionKey}
        </Link>{' '}
        v{d.definitionVersion} · <code>{d.stateValue}</code>
      </div>
      {d.instanceStatus !== 'running' && <StatusBadge status={d.instanceStatus} />}
    </td>
  );
}

/** The facts the model was shown (e.g. amount, order id, reason), one per line. */
function FactsCell({ d }: { d: PendingDecisionRow }) {
  if (d.facts.length === 0) return <td className="muted">—</td>;
  return (
    <td>
      <dl className="inbox__facts" data-testid="inbox-facts">
        {d.facts.map((f) => (
          <div key={f.field} data-fact={f.field}>
            <dt title={f.field}>{label(f.field)}</dt>
            <dd>{text(f.value) || '—'}</dd>
          </div>
        ))}
      </dl>
    </td>
  );
}

/** One decision awaiting approval with everything needed to decide it in place. */
export function InboxRow({ d }: { d: PendingDecisionRow }) {
  const payload = Object.entries(d.payload)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .slice(0, 3);
  return (
    <tr
      data-testid="inbox-row"
      data-instance-id={d.instanceId}
      data-task-id={d.taskId}
      data-business-key={d.businessKey ?? undefined}
    >
      <CaseCell d={d} />
      <FactsCell d={d} />
      <td>
        <AllowlistChips proposed={d.proposedEvent} allowed={d.allowedEvents} />
        {payload.length > 0 && (
          <div className="inbox__payload" data-testid="inbox-payload" title="the payload sent with the event">
            {payload.map(([k, v]) => (
              <div key={k}>
                <span className="muted">{k}:</span> {text(v)}
              </div>
            ))}
          </div>
        )}
      </td>
      <td className="inbox__rationale">
        <ConfidenceBar value={d.confidence} />
        <div title={d.rationale}>{excerpt(d.rationale)}</div>
        <div className="muted">
          {d.taskName} · <TimeStamp iso={d.createdAt} compact />
        </div>
      </td>
      <td className="inbox__actions">
        <DecisionActions
          taskId={d.taskId}
          instanceId={d.instanceId}
          proposedEvent={d.proposedEvent}
          allowedEvents={d.allowedEvents}
          subject={d.businessKey ?? d.instanceId.slice(0, 8)}
        />
      </td>
    </tr>
  );
}
