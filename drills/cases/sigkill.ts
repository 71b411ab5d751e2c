import { killWorker, note, sleep, spawnWorker } from '@switchyard/testkit';
import { runFaultDrill } from '../lib/fault-drill';
import { DRILL_WORKER_ENV } from '../lib/fixture';
import type { Drill } from '../lib/result';

/** SIGKILLs a random worker every `intervalMs` and starts a replacement, `kills` times, under load. */
export function sigkillDrill(name: string, kills: number, quick: boolean): Drill {
  const intervalMs = 1_200;
  return {
    name,
    quick,
    summary: `SIGKILL a worker ${kills}× under load (3 workers, DELAY task)`,
    run: ({ instances }) =>
      runFaultDrill({
        name,
        workers: 3,
        instances: Math.max(instances, kills * 15),
        loadSeconds: Math.ceil((kills * intervalMs) / 1000) + 2,
        taskMs: 300,
        // A killed worker's active jobs come back only through BullMQ's stalled-job check (30 s lock + 30 s interval).
        recoveryDeadlineMs: 120_000,
        async inject({ stack, workers }) {
          await sleep(1_000);
          for (let k = 0; k < kills; k++) {
            const index = Math.floor(Math.random() * workers.length);
            await killWorker(workers[index]!);
            workers[index] = spawnWorker(stack, DRILL_WORKER_ENV);
            await sleep(intervalMs);
          }
          note(`${name}: ${kills} workers SIGKILLed and replaced`);
          return `${kills} × SIGKILL of a random worker, every ${intervalMs} ms`;
        },
      }),
  };
}
