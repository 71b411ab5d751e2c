import { note, onCleanup, sleep, startScratchRedis } from '@switchyard/testkit';
import { runFaultDrill } from '../lib/fault-drill';
import type { Drill } from '../lib/result';

/** Restarts the drill's own Redis (nosave) mid-run, then FLUSHALLs it: the outbox and the sweeper must rebuild every job. */
export const redisDrill: Drill = {
  name: 'redis',
  quick: true,
  summary: 'restart Redis without saving, then FLUSHALL, under load',
  async run({ instances }) {
    const redis = await startScratchRedis();
    onCleanup(() => redis.stop());
    return runFaultDrill({
      name: 'redis',
      workers: 2,
      instances,
      loadSeconds: 10,
      taskMs: 100,
      // Rows the sweeper already republished wait its fixed 30 s republish interval before the next try.
      recoveryDeadlineMs: 90_000,
      redisUrl: redis.url,
      async inject() {
        await sleep(2_000);
        await redis.restart(1_500);
        note('redis: restarted without saving (down 1.5 s)');
        await sleep(3_000);
        await redis.flush();
        note('redis: FLUSHALL');
        return 'Redis shutdown nosave (1.5 s down) + restart; FLUSHALL 3 s later';
      },
    });
  },
};
