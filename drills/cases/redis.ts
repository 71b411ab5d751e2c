import { note } from '../../bench/lib/progress';
import { sleep } from '../../bench/lib/stats';
import { onCleanup } from '../../bench/lib/cleanup';
import { ensureRedis, flushRedis, restartRedis } from '../lib/faults';
import { runFaultDrill } from '../lib/fault-drill';
import type { Drill } from '../lib/result';

/** Restarts Redis (nosave) mid-run, then FLUSHALLs it: the outbox and the sweeper must rebuild every job. */
export const redisDrill: Drill = {
  name: 'redis',
  quick: true,
  summary: 'restart Redis without saving, then FLUSHALL, under load',
  run: ({ instances }) =>
    runFaultDrill({
      name: 'redis',
      workers: 2,
      instances,
      loadSeconds: 10,
      taskMs: 100,
      // Rows the sweeper already republished wait its fixed 30 s republish interval before the next try.
      recoveryDeadlineMs: 90_000,
      async inject() {
        onCleanup(ensureRedis);
        await sleep(2_000);
        await restartRedis(1_500);
        note('redis: restarted without saving (down 1.5 s)');
        await sleep(3_000);
        await flushRedis();
        note('redis: FLUSHALL');
        return 'Redis shutdown nosave (1.5 s down) + restart; FLUSHALL 3 s later';
      },
    }),
};
