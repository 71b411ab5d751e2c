import type { Logger } from '../logger';

/**
 * Runs `pass` every `intervalMs` until stopped, one pass at a time (a slow pass delays the next rather than overlapping
 * it). A failed pass is logged with `failureMessage` and the next one tries again; stop() waits for the pass under way,
 * so a worker that drains leaves no pass half done.
 */
export function runPeriodically(
  logger: Logger,
  options: { intervalMs: number; failureMessage: string },
  pass: () => Promise<unknown>,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(() => pass().catch((error: unknown) => logger.warn({ err: error }, options.failureMessage)));
  }, options.intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
