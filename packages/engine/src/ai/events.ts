// Events the engine sends to an instance about AI decisions; a spec handles them like any other event.

/** Sent when the model proposed an event outside the allowlist. Payload: taskId, taskName, proposedEvent, reason. */
export const AI_DECISION_BLOCKED = 'AI_DECISION_BLOCKED';

/** Sent when an operator rejected a decision awaiting approval. Payload: taskId, taskName, proposedEvent, reason, by. */
export const AI_DECISION_REJECTED = 'AI_DECISION_REJECTED';

/** The task type of AI decisions. */
export const AI_DECISION_TASK = 'AI_DECISION';
