import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { isEngineError } from '../errors';
import { applyEventJobSchema, type ApplyEventJob, type OutboxJobData } from '../contracts/jobs';
import type { WorkerMetrics } from '../observability/metrics';
import { inSpan } from '../observability/tracing';
import { ORCHESTRATOR_QUEUE } from '../contracts/jobs';
import type { RedisConnection } from '../queues/connection';
import { queueKeyPrefix } from '../queues/keys';
import { applyEvent } from '../store/apply-event';
import {
  DEFAULT_MAX_EVENT_FAILURES,
  describeError,
  isTransientInfrastructureError,
  recordEventFailure,
} from '../store/dead-letters';
import type { GuardLimits } from '../store/runaway-guards';
import type { EngineDeps } from './engine-deps';
import { withFairShare, type FairShare } from './fair-share';
import { stalledJobPolicy } from './stalled-jobs';

export interface OrchestratorOptions {
  connection: RedisConnection;
  prefix?: string;
  concurrency: number;
  /** Per-tenant slot caps; absent: no cap (a single-tenant setup, some tests). */
  fairShare?: FairShare;
  /** Runaway guard limits (DEFAULT_GUARD_LIMITS when absent). */
  guards?: GuardLimits;
  /** Deliveries of one event that may throw before it is dead-lettered (DEFAULT_MAX_EVENT_FAILURES). */
  maxEventFailures?: number;
  /** Prometheus metrics (METRICS_PORT); absent: none kept. */
  metrics?: WorkerMetrics;
}

/** The `workflow-orchestrator` consumer: applies each event in one transaction, then publishes what it created. */
export function startOrchestrator(deps: EngineDeps, options: OrchestratorOptions): Worker {
  const apply = async (job: Job<OutboxJobData<unknown>>) => {
    const parsed = applyEventJobSchema.safeParse(job.data.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed orchestrator job ${job.id}: ${parsed.error.message}`);
    try {
      const outcome = await applyEvent(
        {
          pool: deps.pool,
          prisma: deps.prisma,
          definitions: deps.definitions,
          now: deps.clock(),
          guards: options.guards,
        },
        parsed.data,
        job.data.outboxId,
      );
      if (outcome.kind !== 'duplicate') await deps.publisher.publishOrDefer(outcome.outbox, deps.clock());
      deps.logger.debug(
        { instanceId: parsed.data.instanceId, event: parsed.data.event.type, outcome: outcome.kind },
        'event processed',
      );
      return outcome.kind;
    } catch (error) {
      // A missing instance or a broken definition will not heal by retrying.
      if (isEngineError(error) && error.code !== 'INTERNAL') throw new UnrecoverableError(error.message);
      if (isTransientInfrastructureError(error)) throw error;
      // A poison event: retried a bounded number of times, then dead-lettered where an operator sees it.
      const verdict = await recordEventFailure(deps.pool, {
        job: parsed.data,
        outboxId: job.data.outboxId,
        error: describeError(error),
        maxFailures: options.maxEventFailures ?? DEFAULT_MAX_EVENT_FAILURES,
        now: deps.clock(),
      }).catch((recordError: unknown) => {
        deps.logger.warn(
          { err: recordError, outboxId: job.data.outboxId },
          'could not count a failed delivery; retrying',
        );
        return 'retry' as const;
      });
      if (verdict === 'dead-lettered') {
        deps.logger.warn(
          {
            err: error,
            instanceId: parsed.data.instanceId,
            event: parsed.data.event.type,
            outboxId: job.data.outboxId,
          },
          'event dead-lettered',
        );
        return verdict;
      }
      throw error;
    }
  };
  // The one place an event's delivery is observed: a span continuing the sender's trace (its timeline entries carry
  // the trace id) and the outcome and duration in the metrics.
  const processor = (job: Job<OutboxJobData<unknown>>) => {
    const started = performance.now();
    const data = job.data.data as Partial<ApplyEventJob> | undefined;
    return inSpan(
      'switchyard.apply_event',
      {
        kind: 'consumer',
        traceparent: data?.traceparent,
        attributes: {
          'messaging.message.id': job.data.outboxId,
          'switchyard.tenant_id': String(data?.tenantId),
          'switchyard.instance_id': String(data?.instanceId),
          'switchyard.event': String(data?.event?.type),
        },
      },
      () => apply(job),
    ).then(
      (outcome) => {
        options.metrics?.eventApplied(outcome, (performance.now() - started) / 1_000);
        return outcome;
      },
      (error: unknown) => {
        options.metrics?.eventApplied('error', (performance.now() - started) / 1_000);
        throw error;
      },
    );
  };
  return new Worker(ORCHESTRATOR_QUEUE, withFairShare('orchestrator', options.fairShare, processor), {
    connection: options.connection,
    prefix: queueKeyPrefix(options.prefix, ORCHESTRATOR_QUEUE),
    concurrency: options.concurrency,
    ...stalledJobPolicy,
  });
}
