export const ORCHESTRATOR_QUEUE = 'workflow-orchestrator';
export const TASK_RUNNER_QUEUE = 'workflow-task-runner';
/** Operator batches: one job runs a batch until it is done, paused or aborted (service/batches). */
export const BATCH_QUEUE = 'switchyard-batches';
export type QueueName = typeof ORCHESTRATOR_QUEUE | typeof TASK_RUNNER_QUEUE | typeof BATCH_QUEUE;

export const JOB_APPLY_EVENT = 'apply-event';
export const JOB_RUN_TASK = 'run-task';
export const JOB_RUN_BATCH = 'run-batch';
