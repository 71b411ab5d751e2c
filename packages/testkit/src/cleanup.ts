import { note } from './progress';

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];
let running: Promise<void> | undefined;

/** Registers a cleanup step; steps run last-registered first, like a stack unwinding. */
export function onCleanup(step: Cleanup): void {
  cleanups.push(step);
}

/** Runs the registered steps once (a concurrent call waits for the same run); a failing step does not stop the others. */
export function runCleanup(): Promise<void> {
  running ??= (async () => {
    while (cleanups.length > 0) {
      const step = cleanups.pop()!;
      try {
        await step();
      } catch (error) {
        note(`cleanup step failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })().finally(() => {
    // Steps registered later (the next drill's) need a fresh run.
    running = undefined;
  });
  return running;
}

/** Ctrl-C or a kill still drops the database, obliterates the queues and kills the workers we started. */
export function installSignalCleanup(): void {
  const onSignal = (signal: NodeJS.Signals) => {
    note(`${signal}: cleaning up…`);
    void runCleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
