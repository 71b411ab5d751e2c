import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { isEngineError } from '../errors';
import { applyEventJobSchema, type OutboxJobData } from '../queues/jobs';
import { ORCHESTRATOR_QUEUE } from '../queues/names';
import type { Redis } from '../queues/connection';
import { applyEvent } from '../store/apply-event';
import type { EngineDeps } from './engine-deps';
import { stalledJobPolicy } from './stalled-jobs';

export interface OrchestratorOptions {
  connection: Redis;
  prefix?: string;
  concurrency: number;
}

/** The `workflow-orchestrator` consumer: applies each event in one transaction, then publishes what it created. */
export function startOrchestrator(deps: EngineDeps, options: OrchestratorOptions): Worker {
  const processor = async (job: Job<OutboxJobData<unknown>>) => {
    const parsed = applyEventJobSchema.safeParse(job.data.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed orchestrator job ${job.id}: ${parsed.error.message}`);
    try {
      const outcome = await applyEvent({ pool: deps.pool, prisma: deps.prisma, definitions: deps.definitions, now: deps.clock() }, parsed.data, job.data.outboxId);
      if (outcome.kind !== 'duplicate') await deps.publisher.publishOrDefer(outcome.outbox, deps.clock());
      deps.logger.debug({ instanceId: parsed.data.instanceId, event: parsed.data.event.type, outcome: outcome.kind }, 'event processed');
      return outcome.kind;
    } catch (error) {
      // A missing instance or a broken definition will not heal by retrying.
      if (isEngineError(error) && error.code !== 'INTERNAL') throw new UnrecoverableError(error.message);
      throw error;
    }
  };
  return new Worker(ORCHESTRATOR_QUEUE, processor, { connection: options.connection, prefix: options.prefix, concurrency: options.concurrency, ...stalledJobPolicy });
}
