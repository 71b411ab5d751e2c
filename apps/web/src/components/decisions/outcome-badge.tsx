import type { DecisionRecordRow } from './decision-types';

/** What happened to a decision: sent by policy, waiting for an operator, resolved by one, or blocked. */
export function OutcomeBadge({ record }: { record: DecisionRecordRow }) {
  const { outcome } = record.policy;
  const approval = record.approval.status;
  if (outcome === 'emitted')
    return (
      <span className="badge badge--green" data-outcome="emitted">
        <span className="badge__dot" />
        emitted
      </span>
    );
  if (outcome === 'blocked')
    return (
      <span className="badge badge--red" data-outcome="blocked">
        <span className="badge__dot" />
        blocked
      </span>
    );
  const tone = { pending: 'amber', approved: 'green', rejected: 'red', overridden: 'blue', not_required: 'grey' }[
    approval
  ];
  const label = approval === 'pending' ? 'awaiting approval' : approval.replace('_', ' ');
  return (
    <span className={`badge badge--${tone}`} data-outcome={approval === 'pending' ? 'awaiting_approval' : approval}>
      <span className="badge__dot" />
      {label}
    </span>
  );
}
