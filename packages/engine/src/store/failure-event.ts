/** The event a failed task sends its instance when the task names no failureEvent. */
export const DEFAULT_FAILURE_EVENT = 'TASK_FAILED';
