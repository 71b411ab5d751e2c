import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { onCleanup, progress, progressDone, runPool, sleep } from '@switchyard/testkit';
import { createRedis } from '../../packages/engine/src/queues/connection';

export interface BullmqLimits {
  addPerSec: number;
  addBulkPerSec: number;
  processPerSec: number;
  workers: number;
  concurrency: number;
}

// Same retention as the engine's publisher, so Redis does the same housekeeping per job.
const jobOptions = { removeOnComplete: true, removeOnFail: { count: 10_000 } };

/** Raw BullMQ on this Redis: add and addBulk of empty jobs, then processing them with the engine's worker shape. */
export async function measureBullmq(
  redisUrl: string,
  jobs: number,
  workers: number,
  concurrency: number,
): Promise<BullmqLimits> {
  const prefix = `bench-raw-${randomBytes(4).toString('hex')}`;
  const connection = createRedis(redisUrl);
  const queue = new Queue('raw', { connection, prefix });
  onCleanup(async () => {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await connection.quit().catch(() => undefined);
  });

  // add: one job per call, with as many callers in flight as the engine has orchestrator slots.
  const singles = Math.min(jobs, 5_000);
  let t = performance.now();
  await runPool(
    singles,
    workers * concurrency,
    async () => {
      await queue.add('empty', {}, jobOptions);
    },
    (done) => progress('limit: bullmq add', done, singles),
  );
  const addPerSec = singles / ((performance.now() - t) / 1000);

  t = performance.now();
  for (let i = 0; i < jobs; i += 500) {
    await queue.addBulk(
      Array.from({ length: Math.min(500, jobs - i) }, () => ({ name: 'empty', data: {}, opts: jobOptions })),
    );
    progress('limit: bullmq addBulk', i + 500, jobs);
  }
  const addBulkPerSec = jobs / ((performance.now() - t) / 1000);

  // Process everything queued (singles + bulk): one Worker per engine worker process, each with its own connection.
  const total = singles + jobs;
  let processed = 0;
  t = performance.now();
  const consumers = Array.from({ length: workers }, () => {
    const consumerConnection = createRedis(redisUrl);
    const worker = new Worker(
      'raw',
      async () => {
        processed++;
      },
      { connection: consumerConnection, prefix, concurrency },
    );
    return { worker, consumerConnection };
  });
  while (processed < total) {
    progress('limit: bullmq process', processed, total);
    await sleep(50);
  }
  const processPerSec = total / ((performance.now() - t) / 1000);
  for (const { worker, consumerConnection } of consumers) {
    await worker.close();
    await consumerConnection.quit().catch(() => undefined);
  }
  progressDone(
    'limit: bullmq',
    `add ${Math.round(addPerSec)}/s, addBulk ${Math.round(addBulkPerSec)}/s, process ${Math.round(processPerSec)}/s`,
  );
  return { addPerSec, addBulkPerSec, processPerSec, workers, concurrency };
}
