import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Actor } from '../contracts/actor';
import { runTaskJobSchema, type OutboxJobData, type RunTaskJob } from '../contracts/jobs';
import type { WorkerMetrics } from './worker-metrics';
import { inSpan } from '../observability/tracing';
import { TASK_RUNNER_QUEUE } from '../contracts/jobs';
import type { RedisConnection } from '../queues/connection';
import { queueKeyPrefix } from '../queues/keys';
import { isEngineError } from '../errors';
import { isTransientInfrastructureError } from '../store/dead-letters';
import type { GuardLimits } from '../store/runaway-guards';
import {
  claimTask,
  extendLease,
  finishAttempt,
  type AttemptResult,
  type ClaimedTask,
  type FinishDrain,
} from '../store/task-attempts';
import { backoffDelay, type BackoffPolicy } from '../tasks/backoff';
import { NonRetriableTaskError, TaskResult, type TaskHandlerRegistry } from '../tasks/registry';
import type { EngineDeps } from '../deps/engine-deps';
import { withFairShare, type FairShare } from './fair-share';
import { stalledJobPolicy } from './stalled-jobs';
import { runWithSecrets } from './task-secrets';

export interface TaskRunnerOptions {
  connection: RedisConnection;
  prefix?: string;
  concurrency: number;
  /** Per-tenant slot caps; absent: no cap (a single-tenant setup, some tests). */
  fairShare?: FairShare;
  registry: TaskHandlerRegistry;
  worker: Actor;
  backoff: BackoffPolicy;
  /** How long a claim holds before another worker may presume this one dead. */
  leaseMs: number;
  /** Aborted on shutdown so long handlers can stop early. */
  shutdownSignal: AbortSignal;
  /** Prometheus metrics (METRICS_PORT); absent: none kept. */
  metrics?: WorkerMetrics;
  /** Runaway guard limits for the events a finished task applies at once (DEFAULT_GUARD_LIMITS when absent). */
  guards?: GuardLimits;
  /** Pending events of the instance a finished task applies at most (the orchestrator takes the rest). */
  batchSize: number;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

async function runHandler(
  deps: EngineDeps,
  options: TaskRunnerOptions,
  task: ClaimedTask,
  signal: AbortSignal,
): Promise<AttemptResult> {
  const started = performance.now();
  const handler = options.registry.get(task.type);
  if (!handler) {
    return {
      ok: false,
      retriable: false,
      durationMs: 0,
      error: `no handler is registered for task type "${task.type}"; known types: ${options.registry.types().join(', ')}`,
    };
  }
  try {
    const output = await handler(task.input, {
      tenantId: task.tenantId,
      taskId: task.id,
      instanceId: task.instanceId,
      attempt: task.attempt,
      name: task.name,
      signal,
      logger: deps.logger.child({ taskId: task.id, type: task.type }),
    });
    const durationMs = Math.round(performance.now() - started);
    if (output instanceof TaskResult)
      return { ok: true, output: output.output ?? null, routing: output.routing, durationMs };
    return { ok: true, output: output ?? null, durationMs };
  } catch (error) {
    return {
      ok: false,
      retriable: !(error instanceof NonRetriableTaskError),
      error: describeError(error),
      durationMs: Math.round(performance.now() - started),
    };
  }
}

/**
 * Keeps a running task's lease fresh, so the lease can be short (a dead worker is noticed quickly) while a
 * handler may run for as long as it needs. When the attempt is no longer the running one (an operator cancelled
 * the task or its instance), the heartbeat aborts `cancel`, which the handler sees through its signal.
 */
function startLeaseHeartbeat(
  deps: EngineDeps,
  options: TaskRunnerOptions,
  task: ClaimedTask,
  cancel: AbortController,
): { stop(): void } {
  const timer = setInterval(
    () => {
      extendLease(deps.prisma, {
        taskId: task.id,
        attempt: task.attempt,
        until: new Date(deps.clock().getTime() + options.leaseMs),
      }).then(
        (current) => {
          if (!current && !cancel.signal.aborted)
            cancel.abort(new Error(`task ${task.id} was cancelled while running`));
        },
        (error: unknown) => {
          deps.logger.warn({ err: error, taskId: task.id }, 'lease heartbeat failed');
        },
      );
    },
    Math.max(100, Math.floor(options.leaseMs / 3)),
  );
  return { stop: () => clearInterval(timer) };
}

/** The `workflow-task-runner` consumer: claim once, run the handler, store the outcome, tell the instance. */
export function startTaskRunner(deps: EngineDeps, options: TaskRunnerOptions): Worker {
  const processor = async (job: Job<OutboxJobData<unknown>>) => {
    const parsed = runTaskJobSchema.safeParse(job.data.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed task job ${job.id}: ${parsed.error.message}`);
    const attributes = { 'messaging.message.id': job.data.outboxId, 'switchyard.task_id': parsed.data.taskId };
    return inSpan('switchyard.run_task', { kind: 'consumer', traceparent: parsed.data.traceparent, attributes }, () =>
      runAttempt(job, parsed.data),
    );
  };
  const runAttempt = async (job: Job<OutboxJobData<unknown>>, data: RunTaskJob) => {
    const started = performance.now();
    const claim = await claimTask(deps.pool, {
      ...data,
      outboxId: job.data.outboxId,
      worker: options.worker,
      now: deps.clock(),
      leaseMs: options.leaseMs,
    });
    if (claim.kind !== 'claimed') return claim.kind;
    const cancel = new AbortController();
    const heartbeat = startLeaseHeartbeat(deps, options, claim.task, cancel);
    const signal = AbortSignal.any([options.shutdownSignal, cancel.signal]);
    const result = await runWithSecrets(deps, claim.task, (task) => runHandler(deps, options, task, signal)).finally(
      () => heartbeat.stop(),
    );
    const finish = (drain?: FinishDrain) =>
      finishAttempt(deps.pool, {
        task: claim.task,
        result,
        worker: options.worker,
        now: deps.clock(),
        retryDelayMs: backoffDelay(options.backoff, claim.task.attempt),
        drain,
      });
    const finished = await finish({ deps: { ...deps, guards: options.guards }, limit: options.batchSize }).catch(
      (error: unknown) => {
        if (isEngineError(error) || isTransientInfrastructureError(error)) throw error;
        // Applying the event threw (a poison event): store the outcome alone; the orchestrator counts the event.
        deps.logger.warn({ err: error, taskId: claim.task.id }, 'could not apply the task event at once; queued');
        return finish();
      },
    );
    await deps.publisher.publishOrDefer(finished.outbox, deps.clock());
    // Labelled by registered types only: a type no handler knows is one label, whatever a spec called it.
    const typeLabel = options.registry.get(claim.task.type) ? claim.task.type : 'unregistered';
    options.metrics?.taskAttempt(typeLabel, finished.outcome, (performance.now() - started) / 1_000);
    if (finished.eventsApplied)
      options.metrics?.eventsAppliedTogether('applied', finished.eventsApplied, (performance.now() - started) / 1_000);
    if (finished.wake)
      await deps.publisher
        .wake([{ tenantId: claim.task.tenantId, instanceId: claim.task.instanceId }])
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'wake-up failed; the outbox sweeper will retry'));
    deps.logger.info(
      {
        taskId: claim.task.id,
        type: claim.task.type,
        attempt: claim.task.attempt,
        outcome: finished.outcome,
        ...(result.ok ? {} : { error: result.error }),
      },
      'task attempt finished',
    );
    return finished.outcome;
  };
  return new Worker(TASK_RUNNER_QUEUE, withFairShare('task', options.fairShare, processor), {
    connection: options.connection,
    prefix: queueKeyPrefix(options.prefix, TASK_RUNNER_QUEUE),
    concurrency: options.concurrency,
    ...stalledJobPolicy,
  });
}
