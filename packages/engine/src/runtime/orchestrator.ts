import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { isEngineError } from '../errors';
import { instanceWorkJobSchema, type InstanceWorkJob, type OutboxJobData } from '../contracts/jobs';
import type { WorkerMetrics } from './worker-metrics';
import { inSpan } from '../observability/tracing';
import { ORCHESTRATOR_QUEUE } from '../contracts/jobs';
import type { RedisConnection } from '../queues/connection';
import { queueKeyPrefix } from '../queues/keys';
import type { PendingEvent } from '../store/apply-event';
import {
  DEFAULT_MAX_EVENT_FAILURES,
  describeError,
  isTransientInfrastructureError,
  recordEventFailure,
} from '../store/dead-letters';
import { applyPendingEvents, DEFAULT_BATCH_SIZE } from '../store/instance-batch';
import type { GuardLimits } from '../store/runaway-guards';
import { inTransaction } from '../store/sql/transaction';
import type { EngineDeps } from '../deps/engine-deps';
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
  /** Pending events of one instance applied per transaction (DEFAULT_BATCH_SIZE). */
  batchSize?: number;
  /** Prometheus metrics (METRICS_PORT); absent: none kept. */
  metrics?: WorkerMetrics;
}

/** Batches one wake-up applies before it steps aside for other instances' wake-ups (and wakes itself again). */
const ROUNDS_PER_WAKE_UP = 8;

/** A round left nothing pending, may have left more (it read a full batch), or saw events arrive while it ran. */
type Round = 'done' | 'more' | 'arrived';

/** Runs one transaction that applies up to `limit` pending events of the instance, then publishes what it created. */
async function applyRound(
  deps: EngineDeps,
  options: OrchestratorOptions,
  work: InstanceWorkJob,
  limit: number,
  seen?: PendingEvent[],
): Promise<Round> {
  const applyDeps = { ...deps, now: deps.clock(), guards: options.guards };
  const started = performance.now();
  const { found, applied, morePending, outbox } = await inTransaction(deps.pool, (client) =>
    applyPendingEvents(applyDeps, client, work, { limit, seen }),
  );
  options.metrics?.eventsAppliedTogether('applied', applied, (performance.now() - started) / 1_000);
  await deps.publisher.publishOrDefer(outbox, deps.clock());
  if (found >= limit) return 'more';
  return morePending ? 'arrived' : 'done';
}

/** Takes over the wake-up kept for events that arrived while this one ran (see QueuePublisher.takeKeptWakeUp). */
async function dropKeptWakeUp(deps: EngineDeps, work: InstanceWorkJob): Promise<void> {
  await deps.publisher.takeKeptWakeUp(work.instanceId).catch((error: unknown) => {
    // The kept wake-up stays where it is and runs (finding little or nothing) when this one finishes.
    deps.logger.debug({ err: error, instanceId: work.instanceId }, 'kept wake-up not taken over');
  });
}

/** Errors that are not the event's fault are rethrown as BullMQ should treat them; undefined for a poison. */
function rethrowUnlessPoison(error: unknown): void {
  // A missing instance or a broken definition will not heal by retrying.
  if (isEngineError(error) && error.code !== 'INTERNAL') throw new UnrecoverableError(error.message);
  if (isTransientInfrastructureError(error)) throw error;
}

/**
 * A batch threw something no engine rule explains. Apply one event per transaction up to the one that throws: its
 * neighbours before it are applied, its failure is counted on its outbox row, and once it is dead-lettered the
 * instance goes on past it. Below the bound the wake-up is retried by BullMQ with backoff (one count per delivery).
 */
async function isolatePoison(
  deps: EngineDeps,
  options: OrchestratorOptions,
  work: InstanceWorkJob,
  limit: number,
): Promise<Round> {
  for (let applied = 0; applied < limit; applied++) {
    const seen: PendingEvent[] = [];
    try {
      if ((await applyRound(deps, options, work, 1, seen)) === 'done') return 'done';
    } catch (error) {
      rethrowUnlessPoison(error);
      const poison = seen[0];
      if (!poison?.outboxId) throw error;
      const verdict = await recordEventFailure(deps.pool, {
        job: poison.job,
        outboxId: poison.outboxId,
        error: describeError(error),
        maxFailures: options.maxEventFailures ?? DEFAULT_MAX_EVENT_FAILURES,
        now: deps.clock(),
      }).catch((recordError: unknown) => {
        deps.logger.warn(
          { err: recordError, outboxId: poison.outboxId },
          'could not count a failed delivery; retrying',
        );
        return 'retry' as const;
      });
      if (verdict !== 'dead-lettered') throw error;
      deps.logger.warn(
        { err: error, instanceId: work.instanceId, event: poison.job.event.type, outboxId: poison.outboxId },
        'event dead-lettered',
      );
      return 'more';
    }
  }
  return 'more';
}

/**
 * Applies what an instance has pending, a batch per transaction, until nothing is left; after a few batches it
 * steps aside and wakes itself again, so one hot instance cannot keep a slot while others wait. When events arrived
 * while it ran, it takes over the wake-up BullMQ kept for them and applies them now, rather than leaving that
 * wake-up to be queued behind every other instance's.
 */
async function drainInstance(deps: EngineDeps, options: OrchestratorOptions, work: InstanceWorkJob): Promise<string> {
  const limit = options.batchSize ?? DEFAULT_BATCH_SIZE;
  for (let round = 0; round < ROUNDS_PER_WAKE_UP; round++) {
    let outcome: Round;
    try {
      outcome = await applyRound(deps, options, work, limit);
    } catch (error) {
      rethrowUnlessPoison(error);
      outcome = await isolatePoison(deps, options, work, limit);
    }
    if (outcome === 'done') return 'drained';
    // Their wake-up is kept by BullMQ for when this one finishes; this one applies them now, so drop it (or it
    // would run for nothing, queued behind every other instance's).
    if (outcome === 'arrived') await dropKeptWakeUp(deps, work);
  }
  // This job is running, so BullMQ keeps the wake-up and adds it when this job finishes (after other instances').
  await deps.publisher.wake([work]);
  return 'yielded';
}

/**
 * The `workflow-orchestrator` consumer. A job says "this instance has work"; the events wait in the outbox in commit
 * order, and each transaction applies a batch of them (one lock, one write), then publishes what they created.
 */
export function startOrchestrator(deps: EngineDeps, options: OrchestratorOptions): Worker {
  // A span per wake-up (each event applied in it gets its own span, continuing its sender's trace); events applied
  // are counted per transaction (applyRound), a wake-up that throws once here.
  const processor = async (job: Job<OutboxJobData<unknown>>) => {
    const parsed = instanceWorkJobSchema.safeParse(job.data.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed orchestrator job ${job.id}: ${parsed.error.message}`);
    const started = performance.now();
    const attributes = {
      'switchyard.tenant_id': parsed.data.tenantId,
      'switchyard.instance_id': parsed.data.instanceId,
    };
    return inSpan('switchyard.apply_events', { kind: 'consumer', attributes }, () =>
      drainInstance(deps, options, parsed.data),
    ).then(
      (outcome) => {
        deps.logger.debug({ instanceId: parsed.data.instanceId, outcome }, 'instance drained');
        return outcome;
      },
      (error: unknown) => {
        options.metrics?.eventsAppliedTogether('error', 1, (performance.now() - started) / 1_000);
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
