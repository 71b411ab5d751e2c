'use client';

import { CopyId } from '~/components/copy-id';
import { JsonView } from '~/components/json-view';
import { StatusBadge } from '~/components/status-badge';
import { TimeStamp } from '~/components/time-stamp';
import { AllowlistChips } from './allowlist-chips';
import { ConfidenceBar } from './confidence-bar';
import { DecisionActions } from './decision-actions';
import type { DecisionRecordRow, DecisionViewRow } from './decision-types';
import { OutcomeBadge } from './outcome-badge';

const count = (n: number | null) => (n === null ? '?' : String(n));

/** The raw answer pretty-printed when it is JSON, as it came otherwise (an invalid answer is what needs reading). */
function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

function Resolution({ record }: { record: DecisionRecordRow }) {
  const { approval, emitted } = record;
  if (approval.status === 'not_required' || approval.status === 'pending') return null;
  return (
    <div className={`decision-resolution decision-resolution--${approval.status}`} data-testid="decision-resolution">
      <b>{approval.status}</b> by <code>{approval.by ?? 'someone'}</code>
      {approval.at && (
        <>
          {' '}
          · <TimeStamp iso={approval.at} compact />
        </>
      )}
      {approval.reason && <> — “{approval.reason}”</>}
      {emitted && (
        <>
          {' '}
          · sent <span className="chip">{emitted.type}</span>
        </>
      )}
    </div>
  );
}

function RecordBody({ view, record }: { view: DecisionViewRow; record: DecisionRecordRow }) {
  const { usage, model } = record;
  const closed = view.instanceStatus === 'completed' || view.instanceStatus === 'cancelled';
  return (
    <>
      <div className="decision-card__proposal">
        <span className="decision-card__label">Proposed</span>
        <AllowlistChips proposed={record.decision.event} allowed={record.policy.allowedEvents} />
      </div>
      <div className={`decision-card__policy decision-card__policy--${record.policy.outcome}`}>
        <span className="decision-card__label">Policy</span>
        <span>{record.policy.reason}</span>
      </div>
      <blockquote className="decision-card__rationale">
        {record.decision.rationale || <span className="muted">no rationale given</span>}
      </blockquote>
      <dl className="decision-card__facts">
        <div>
          <dt>Confidence</dt>
          <dd>
            <ConfidenceBar value={record.decision.confidence} />
          </dd>
        </div>
        <div>
          <dt>Model</dt>
          <dd>
            <code>
              {model.provider}:{model.name}
            </code>
            {model.responseModelId && model.responseModelId !== model.name && (
              <span className="muted"> ({model.responseModelId})</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd className="mono">
            {count(usage.inputTokens)} in · {count(usage.outputTokens)} out · {count(usage.totalTokens)}
          </dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd className="mono">{record.latencyMs.toLocaleString('en')} ms</dd>
        </div>
        <div>
          <dt>Decided</dt>
          <dd>
            <TimeStamp iso={record.decidedAt} compact />
          </dd>
        </div>
      </dl>
      <Resolution record={record} />
      {record.approval.status === 'pending' && !closed && (
        <div className="decision-card__actions">
          <span className="muted">An operator must decide:</span>
          <DecisionActions
            taskId={view.taskId}
            instanceId={view.instanceId}
            proposedEvent={record.decision.event}
            allowedEvents={record.policy.allowedEvents}
          />
        </div>
      )}
      <details className="decision-card__more">
        <summary>Proposed payload</summary>
        <JsonView value={record.decision.payload} maxHeight={200} />
      </details>
      <details className="decision-card__more">
        <summary>Prompt as sent</summary>
        <div className="decision-card__label">system</div>
        <pre className="json decision-card__text">{record.prompt.system}</pre>
        <div className="decision-card__label">user</div>
        <pre className="json decision-card__text">{record.prompt.user}</pre>
      </details>
      <details className="decision-card__more">
        <summary>Raw response</summary>
        <pre className="json decision-card__text">{pretty(record.rawResponse)}</pre>
      </details>
    </>
  );
}

/** One AI decision as a card: proposal vs allowlist, policy outcome, rationale, model facts, and the operator's choices. */
export function DecisionCard({ view }: { view: DecisionViewRow }) {
  const record = view.decision;
  return (
    <article
      className="decision-card"
      data-testid="decision-card"
      data-task-id={view.taskId}
      data-approval={record?.approval.status ?? 'none'}
    >
      <header className="decision-card__header">
        <b>AI_DECISION</b> <code>{view.taskName}</code>
        <CopyId id={view.taskId} />
        <span className="decision-card__badges">
          {record ? <OutcomeBadge record={record} /> : <StatusBadge status={view.taskStatus} />}
        </span>
      </header>
      {record ? (
        <RecordBody view={view} record={record} />
      ) : (
        <div className="decision-card__waiting">
          {view.lastError ? (
            <div className="cell-error">{view.lastError}</div>
          ) : (
            <span className="muted">Waiting for the model to answer…</span>
          )}
        </div>
      )}
    </article>
  );
}
