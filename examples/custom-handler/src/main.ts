import { readEnv } from '@switchyard/engine/env';
import { runWorkerProcess, workerConfigFromEnv } from '@switchyard/engine/worker';
import { createHandlers } from './handlers';

// A worker like apps/worker plus this package's handlers: configured by the same environment variables.
await runWorkerProcess({ ...workerConfigFromEnv(readEnv()), handlers: createHandlers(process.env) });
process.exit(0);
