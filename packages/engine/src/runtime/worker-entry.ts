// `@switchyard/engine/worker`: what a deployment needs to run workers, with or without its own task handlers.
export { runWorkerProcess } from './worker-process';
export { startWorkerRuntime as startWorker, type WorkerRuntime, type WorkerRuntimeConfig } from './worker-runtime';
export { workerConfigFromEnv } from './worker-config';
export {
  defineTaskHandler,
  type CustomTaskContext,
  type EgressFetch,
  type TaskHandlerDefinition,
  type TaskHandlerDefinitions,
} from '../tasks/define';
export type { EgressResponse } from '../egress';
export { NonRetriableTaskError, TaskResult, type TaskContext } from '../tasks/registry';
