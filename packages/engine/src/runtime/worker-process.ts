import type { Logger } from '../logger';
import { DEFAULT_QUEUE_PREFIX } from '../queues/keys';
import { startTracingFromEnv } from '../observability/tracing-setup';
import { startWorkerRuntime, type WorkerRuntimeConfig } from './worker-runtime';

/**
 * Runs the worker runtime until SIGTERM/SIGINT, then stops taking jobs, lets in-flight ones finish and exits 0.
 * A second signal exits at once.
 */
export async function runWorkerProcess(config: WorkerRuntimeConfig & { logger: Logger }): Promise<void> {
  // Off unless OTEL_TRACES_EXPORTER names an exporter; registered before anything creates a span.
  const tracing = startTracingFromEnv(process.env, 'switchyard-worker');
  const runtime = startWorkerRuntime(config);
  // Publish refuses a custom type until it is registered; a worker that cannot register it does not start.
  const { metricsUrl } = await runtime.ready.catch(async (error: unknown) => {
    await runtime.stop();
    throw error;
  });
  config.logger.info(
    {
      worker: runtime.worker.id,
      prefix: config.queuePrefix ?? DEFAULT_QUEUE_PREFIX,
      customTaskTypes: Object.keys(config.handlers ?? {}),
      metrics: metricsUrl,
      tracing: tracing ? process.env['OTEL_TRACES_EXPORTER'] : 'off',
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
  await tracing
    ?.shutdown()
    .catch((error: unknown) => config.logger.warn({ err: error }, 'could not flush the last spans'));
  config.logger.info('worker stopped cleanly');
}
