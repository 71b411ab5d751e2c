import { progressDone, runCleanup, type Stack, type WorkerProcess } from '@switchyard/testkit';
import { verifyInstances, waitForFinal } from './checks';
import { openDrillStack, startWorkers } from './fixture';
import { startLoad } from './load';
import type { DrillResult } from './result';
import { taskSpec } from './specs';

export interface FaultDrillOptions {
  name: string;
  workers: number;
  instances: number;
  /** How long the load of starts lasts; faults are injected while it runs. */
  loadSeconds: number;
  taskMs: number;
  /** How long the system may take to finish everything after the last fault. */
  recoveryDeadlineMs: number;
  /** A Redis other than the machine's (a drill that restarts Redis brings its own). */
  redisUrl?: string;
  /** Injects the faults while the load runs; returns what it did, for the report. */
  inject(context: { stack: Stack; workers: WorkerProcess[]; loaded: () => number }): Promise<string>;
}

/** Load of task instances + faults + recovery + the invariants from Postgres; always cleans up. */
export async function runFaultDrill(options: FaultDrillOptions): Promise<DrillResult> {
  try {
    const stack = await openDrillStack(options.name, [taskSpec(options.taskMs)], options.redisUrl);
    const workers = await startWorkers(stack, options.workers);
    const load = startLoad(
      stack,
      'drill-task',
      options.instances,
      options.instances / options.loadSeconds,
      `${options.name}: load`,
    );
    const faults = await options.inject({ stack, workers, loaded: () => load.ids.length });
    await load.done;
    const faultsOver = Date.now();
    const notFinal = await waitForFinal(
      stack,
      load.ids,
      ['done'],
      options.recoveryDeadlineMs,
      `${options.name}: recovering`,
    );
    const recoverySeconds = (Date.now() - faultsOver) / 1000;
    progressDone(
      `${options.name}: recovered`,
      notFinal === 0
        ? `in ${recoverySeconds.toFixed(1)} s`
        : `${notFinal} still not done after ${recoverySeconds.toFixed(1)} s`,
    );
    const verdict = await verifyInstances(stack, load.ids, { finalStates: ['done'], transitions: 2 });
    const crashed = workers.filter((w) => w.child.exitCode !== null && w.child.signalCode === null);
    verdict.checks.push({
      what: 'no worker process exited on its own',
      ok: crashed.length === 0,
      detail: crashed.length
        ? crashed
            .map((w) => `exit ${w.child.exitCode}: ${w.stderrTail().replace(/\s+/g, ' ').slice(0, 600)}`)
            .join(' | ')
        : undefined,
    });
    return {
      name: options.name,
      load: `${load.ids.length} instances over ${options.loadSeconds} s, ${options.workers} workers, ${options.taskMs ? `DELAY ${options.taskMs} ms` : 'NOOP'} task`,
      faults,
      recoverySeconds,
      ...verdict,
    };
  } finally {
    await runCleanup();
  }
}
