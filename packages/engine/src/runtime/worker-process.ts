import type { Logger } from '../logger';
import { DEFAULT_QUEUE_PREFIX } from '../queues/keys';
import { startWorkerRuntime, type WorkerRuntimeConfig } from './worker-runtime';

/**
 * Runs the worker runtime until SIGTERM/SIGINT, then stops taking jobs, lets in-flight ones finish and exits 0.
 * A second signal exits at once.
 */
export async function runWorkerProcess(config: WorkerRuntimeConfig & { logger: Logger }): Promise<void> {
  const runtime = startWorkerRuntime(config);
  // Publish refuses a custom type until it is registered; a worker that cannot register it does not start.
  await runtime.ready.catch(async (error: unknown) => {
    await runtime.stop();
    throw error;
  });
  config.logger.info(
    {
      worker: runtime.worker.id,
      prefix: config.queuePrefix ?? DEFAULT_QUEUE_PREFIX,
      customTaskTypes: Object.keys(config.handlers ?? {}),
    },
    'worker started',
  );
  let stopping = false;
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        config.logger.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      config.logger.info({ signal }, 'shutting down: finishing in-flight jobs');
      runtime.stop().then(resolve, (error: unknown) => {
        config.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  config.logger.info('worker stopped cleanly');
}
