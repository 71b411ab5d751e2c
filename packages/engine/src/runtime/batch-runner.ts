import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { runBatchJobSchema, type OutboxJobData } from '../contracts/jobs';
import type { RedisConnection } from '../queues/connection';
import { queueKeyPrefix } from '../queues/keys';
import { BATCH_QUEUE } from '../contracts/jobs';
import { runBatch } from '../service/batches/run-batch';
import type { EngineDeps } from '../deps/engine-deps';
import { stalledJobPolicy } from './stalled-jobs';

/**
 * The `switchyard-batches` consumer: one job runs one batch to its end (or its pause/abort). A worker killed mid-run
 * leaves the job stalled; BullMQ hands it to another worker, and the outbox row (marked only when a run ends) lets
 * the sweeper republish it if Redis lost it.
 */
export function startBatchRunner(
  deps: EngineDeps,
  options: { connection: RedisConnection; prefix?: string; concurrency?: number; shutdownSignal?: AbortSignal },
): Worker {
  return new Worker(
    BATCH_QUEUE,
    async (job: Job<OutboxJobData<unknown>>) => {
      const parsed = runBatchJobSchema.safeParse(job.data.data);
      if (!parsed.success) throw new UnrecoverableError(`malformed batch job ${job.id}: ${parsed.error.message}`);
      const outcome = await runBatch(deps, parsed.data.batchId, { signal: options.shutdownSignal });
      // A run stopped by a shutdown leaves its message unconsumed: the batch goes on after the restart.
      if (!options.shutdownSignal?.aborted || outcome !== 'paused')
        await deps.prisma.outbox.updateMany({
          where: { id: job.data.outboxId, processedAt: null },
          data: { processedAt: deps.clock() },
        });
      deps.logger.info({ batchId: parsed.data.batchId, outcome }, 'batch run ended');
      return outcome;
    },
    {
      connection: options.connection,
      prefix: queueKeyPrefix(options.prefix, BATCH_QUEUE),
      concurrency: options.concurrency ?? 2,
      ...stalledJobPolicy,
    },
  );
}
