export const ORCHESTRATOR_QUEUE = 'workflow-orchestrator';
export const TASK_RUNNER_QUEUE = 'workflow-task-runner';
export type QueueName = typeof ORCHESTRATOR_QUEUE | typeof TASK_RUNNER_QUEUE;

export const JOB_APPLY_EVENT = 'apply-event';
export const JOB_RUN_TASK = 'run-task';
