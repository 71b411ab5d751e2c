// Names the engine itself gives to events and task types. Specs handle these events like any other, the console
// treats them specially (no one-click buttons), so each is spelled once, here.

/** The first event of every instance, carrying the start input as payload. */
export const START_EVENT = 'WORKFLOW_START';

/** The event a failed task sends its instance when the task names no failureEvent. */
export const DEFAULT_FAILURE_EVENT = 'TASK_FAILED';

/** The event an instance hears when an operator cancels one of its tasks. */
export const TASK_CANCELLED_EVENT = 'TASK_CANCELLED';

/** Sent when the model proposed an event outside the allowlist. Payload: taskId, taskName, proposedEvent, reason. */
export const AI_DECISION_BLOCKED = 'AI_DECISION_BLOCKED';

/** Sent when an operator rejected a decision awaiting approval. Payload: taskId, taskName, proposedEvent, reason, by. */
export const AI_DECISION_REJECTED = 'AI_DECISION_REJECTED';

/** The task type of AI decisions. */
export const AI_DECISION_TASK = 'AI_DECISION';

/** The task type that waits: its input's `ms` becomes a delayed job (contracts/task-inputs.ts). */
export const DELAY_TASK = 'DELAY';

/** The task types every worker registers (runtime/builtin-registry.ts); the default when no registry is at hand. */
export const BUILTIN_TASK_TYPES: readonly string[] = [AI_DECISION_TASK, DELAY_TASK, 'EMAIL', 'HTTP', 'NOOP'];
