import type { PolicyOutcome } from '../contracts/statuses';
import type { DecisionPolicy } from './decision-input';

export interface PolicyVerdict {
  outcome: PolicyOutcome;
  reason: string;
}

/**
 * Decides what happens to a proposed event. Pure, and the only gate between the model and the instance:
 * the allowlist is the spec's, so nothing the model says (or was told by the context) can widen it.
 */
export function evaluatePolicy(policy: DecisionPolicy, proposedEvent: string): PolicyVerdict {
  if (!policy.allowedEvents.includes(proposedEvent)) {
    return {
      outcome: 'blocked',
      reason: `"${proposedEvent}" is not an allowed event (allowed: ${policy.allowedEvents.join(', ')})`,
    };
  }
  if (!policy.allowDirectEmit) {
    return {
      outcome: 'awaiting_approval',
      reason: `"${proposedEvent}" is allowed, but the policy requires an operator to approve it`,
    };
  }
  return { outcome: 'emitted', reason: `"${proposedEvent}" is allowed and the policy allows emitting it directly` };
}

/** Whether an operator may send this event for a decision (approve as proposed, or override with another). */
export function isAllowedEvent(policy: Pick<DecisionPolicy, 'allowedEvents'>, event: string): boolean {
  return policy.allowedEvents.includes(event);
}
