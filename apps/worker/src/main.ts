import { readEnv } from '@switchyard/engine/env';
import { runWorkerProcess, workerConfigFromEnv } from '@switchyard/engine/worker';

// The worker app is a thin shell: configuration from the environment, everything else in the engine.
await runWorkerProcess(workerConfigFromEnv(readEnv()));
process.exit(0);
