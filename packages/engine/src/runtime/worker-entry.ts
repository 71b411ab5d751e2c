export { runWorkerProcess } from './worker-process';
export { workerConfigFromEnv } from '../cli/worker-config';
