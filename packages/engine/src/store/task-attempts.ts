import type pg from 'pg';
import type { PrismaClient } from '../generated/prisma/client';
import type { Actor } from '../contracts/actor';
import type { JsonValue } from '../json';
import { applyEventMessage, runTaskMessage, type OutboxMessage } from './outbox';
import { lockTask, writeTaskStep, type LockedTask, type TaskChange } from './sql/task-statements';
import { inTransaction, type SqlClient } from './sql/transaction';
import type { ApplyEventDeps } from './apply-event';
import { applyPendingEvents } from './instance-batch';
import { ORCHESTRATOR_QUEUE } from '../contracts/jobs';
import { numbered, type TimelineEntry, type TimelineEntryType } from './timeline';

import { DEFAULT_FAILURE_EVENT } from '../contracts/events';
import { failLostTask, MAX_LOST_ATTEMPTS } from './lost-attempts';

export interface ClaimedTask {
  id: string;
  tenantId: string;
  instanceId: string;
  type: string;
  name: string;
  input: JsonValue;
  attempt: number;
  maxAttempts: number;
}

export type ClaimOutcome =
  | { kind: 'claimed'; task: ClaimedTask }
  | { kind: 'skipped'; reason: string }
  /** The job arrived before the task may run (an early republish): leave its message for the sweeper. */
  | { kind: 'early'; nextRunAt: Date };

/**
 * Moves a task from queued to running exactly once (a running task whose lease expired counts as queued:
 * its worker died). The claim and the `task.started` entry commit together.
 */
export async function claimTask(
  pool: pg.Pool,
  params: { tenantId: string; taskId: string; outboxId?: string; worker: Actor; now: Date; leaseMs: number },
): Promise<ClaimOutcome> {
  const { now } = params;
  return inTransaction(pool, async (client): Promise<ClaimOutcome> => {
    // The lock also marks the message consumed, in the cases the checks below would have marked it.
    const task = await lockTask(client, {
      tenantId: params.tenantId,
      taskId: params.taskId,
      outboxId: params.outboxId,
      now,
    });
    if (!task) return { kind: 'skipped', reason: 'task not found in this tenant' };
    if (task.status !== 'queued' && !task.leaseLost) return { kind: 'skipped', reason: `task is ${task.status}` };
    if (task.early) return { kind: 'early', nextRunAt: new Date(task.nextRunAtMs) };
    if (params.outboxId && !task.marked) return { kind: 'skipped', reason: 'message already processed' };
    const attempt = task.attempts + 1;
    // A running task whose lease ran out: its worker died in the attempt. Count it; past the bound, fail the task
    // (the failure event's outbox row is published by the sweeper, like any committed but unpublished row).
    const lost = task.leaseLost ? task.lostAttempts + 1 : task.lostAttempts;
    if (task.leaseLost && lost >= MAX_LOST_ATTEMPTS) {
      const failure = await failLostTask(client, task, lost, params.worker, now);
      return { kind: 'skipped', reason: failure.error };
    }
    await writeTaskStep(client, {
      task,
      now,
      ...numbered(task, [
        {
          type: 'task.started',
          actor: params.worker,
          taskId: task.id,
          payload: { taskId: task.id, name: task.name, type: task.type, attempt, maxAttempts: task.maxAttempts },
        },
      ]),
      outbox: [],
      change: { kind: 'claim', attempt, lostAttempts: lost, leaseExpiresAt: new Date(now.getTime() + params.leaseMs) },
    });
    return {
      kind: 'claimed',
      task: {
        id: task.id,
        tenantId: task.tenantId,
        instanceId: task.instanceId,
        type: task.type,
        name: task.name,
        input: task.input,
        attempt,
        maxAttempts: task.maxAttempts,
      },
    };
  });
}

/**
 * How a successful task tells the instance what happened, when its completionEvent is not the answer
 * (an AI decision picks the event itself, or waits for an operator).
 */
export interface TaskRouting {
  /** Send this event to the instance instead of the task's completionEvent. */
  emit?: { type: string; payload: JsonValue };
  /** Send no event at all: something else (an operator) will. Ignored when `emit` is set. */
  hold?: boolean;
  /** Who the emitted event and the extra entries are attributed to; defaults to the worker. */
  actor?: Actor;
  /** Extra timeline entries written with the task's success, in the same transaction. */
  entries?: { type: TimelineEntryType; payload: Record<string, unknown> }[];
}

export type AttemptResult =
  | { ok: true; output: JsonValue; durationMs: number; routing?: TaskRouting }
  | { ok: false; error: string; retriable: boolean; durationMs: number };

/** The event a successful task sends: the handler's explicit choice, nothing when it holds, else the completionEvent. */
function successEvent(
  task: LockedTask,
  output: JsonValue,
  routing: TaskRouting,
): { type: string; payload: JsonValue } | null {
  if (routing.emit) return routing.emit;
  if (routing.hold) return null;
  return task.completionEvent ? { type: task.completionEvent, payload: output } : null;
}

export type FinishOutcome = 'succeeded' | 'retrying' | 'failed' | 'stale' | 'discarded';

/**
 * Applies the instance's pending events — the completion or failure event just written among them — in the same
 * transaction (the instance row is locked already): no queue hop and no second transaction per task.
 */
export interface FinishDrain {
  deps: Omit<ApplyEventDeps, 'now'>;
  limit: number;
}

export interface Finished {
  outcome: FinishOutcome;
  outbox: OutboxMessage[];
  /** Events of the instance are still pending (more than the drain's limit): wake the orchestrator for them. */
  wake: boolean;
  /** Events applied in the finishing transaction (the task's own event and any others pending). */
  eventsApplied?: number;
}

/**
 * Stores the outcome of an attempt. Success stores the output and queues the completion event; a failure
 * schedules the next attempt after `retryDelayMs`, or, with no attempts left, fails the task and tells the
 * instance. An attempt that lost its lease meanwhile (another worker re-ran the task) changes nothing.
 */
export async function finishAttempt(
  pool: pg.Pool,
  params: {
    task: ClaimedTask;
    result: AttemptResult;
    worker: Actor;
    now: Date;
    retryDelayMs: number;
    /** Apply the event the task sends right away (absent: it is only queued for the orchestrator). */
    drain?: FinishDrain;
  },
): Promise<Finished> {
  const { task: claimed, now, drain } = params;
  return inTransaction(pool, async (client): Promise<Finished> => {
    const finished = await finishInTransaction(client, params);
    const sendsEvent = finished.outbox.some((message) => message.queue === ORCHESTRATOR_QUEUE);
    if (!drain || !sendsEvent) return { ...finished, wake: false };
    const applied = await applyPendingEvents(
      { ...drain.deps, now },
      client,
      { tenantId: claimed.tenantId, instanceId: claimed.instanceId },
      { limit: drain.limit },
    );
    return {
      outcome: finished.outcome,
      outbox: [...finished.outbox.filter((m) => m.queue !== ORCHESTRATOR_QUEUE), ...applied.outbox],
      wake: applied.found >= drain.limit,
      eventsApplied: applied.applied,
    };
  });
}

async function finishInTransaction(
  client: SqlClient,
  params: { task: ClaimedTask; result: AttemptResult; worker: Actor; now: Date; retryDelayMs: number },
): Promise<{ outcome: FinishOutcome; outbox: OutboxMessage[] }> {
  const { task: claimed, result, worker, now } = params;
  const task = await lockTask(client, { tenantId: claimed.tenantId, taskId: claimed.id, now });
  if (!task || task.attempts !== claimed.attempt) return { outcome: 'stale', outbox: [] };
  const write = (entries: TimelineEntry[], outbox: OutboxMessage[], change: TaskChange) =>
    writeTaskStep(client, { task, now, ...numbered(task, entries), outbox, change });
  const base = {
    taskId: task.id,
    name: task.name,
    type: task.type,
    attempt: claimed.attempt,
    durationMs: result.durationMs,
  };
  if (task.status !== 'running') {
    // Cancelled while running: keep what happened visible, but act on nothing.
    await write(
      [
        {
          type: 'task.output_discarded',
          actor: worker,
          taskId: task.id,
          payload: {
            ...base,
            status: task.status,
            ...(result.ok ? { output: result.output } : { error: result.error }),
          },
        },
      ],
      [],
      { kind: 'none' },
    );
    return { outcome: 'discarded', outbox: [] };
  }
  if (result.ok) {
    const routing = result.routing ?? {};
    const event = successEvent(task, result.output, routing);
    const by = routing.actor ?? worker;
    const outbox = event
      ? [applyEventMessage({ tenantId: task.tenantId, instanceId: task.instanceId, event, actor: by }, now)]
      : [];
    await write(
      [
        {
          type: 'task.succeeded',
          actor: worker,
          taskId: task.id,
          payload: { ...base, output: result.output, event: event?.type ?? null },
        },
        ...(routing.entries ?? []).map((entry) => ({ ...entry, actor: by, taskId: task.id })),
      ],
      outbox,
      { kind: 'succeed', output: result.output },
    );
    return { outcome: 'succeeded', outbox };
  }
  if (result.retriable && claimed.attempt < task.maxAttempts) {
    const nextRunAt = new Date(now.getTime() + params.retryDelayMs);
    const outbox = [runTaskMessage({ tenantId: task.tenantId, taskId: task.id }, nextRunAt)];
    await write(
      [
        {
          type: 'task.attempt_failed',
          actor: worker,
          taskId: task.id,
          payload: {
            ...base,
            error: result.error,
            maxAttempts: task.maxAttempts,
            nextRunAt: nextRunAt.toISOString(),
            retryInMs: params.retryDelayMs,
          },
        },
      ],
      outbox,
      { kind: 'retry', nextRunAt, error: result.error },
    );
    return { outcome: 'retrying', outbox };
  }
  const failureEvent = task.failureEvent ?? DEFAULT_FAILURE_EVENT;
  const outbox = [
    applyEventMessage(
      {
        tenantId: task.tenantId,
        instanceId: task.instanceId,
        event: {
          type: failureEvent,
          payload: {
            taskId: task.id,
            taskName: task.name,
            taskType: task.type,
            error: result.error,
            attempts: claimed.attempt,
          },
        },
        actor: worker,
        failedTaskId: task.id,
      },
      now,
    ),
  ];
  await write(
    [
      {
        type: 'task.failed',
        actor: worker,
        taskId: task.id,
        payload: {
          ...base,
          error: result.error,
          maxAttempts: task.maxAttempts,
          retriable: result.retriable,
          event: failureEvent,
        },
      },
    ],
    outbox,
    { kind: 'fail', error: result.error },
  );
  return { outcome: 'failed', outbox };
}

/**
 * Pushes a running attempt's lease forward. Returns false when the attempt is no longer the current running one
 * (the task was cancelled, or another worker took it over): its handler should stop.
 */
export async function extendLease(
  prisma: PrismaClient,
  params: { taskId: string; attempt: number; until: Date },
): Promise<boolean> {
  const { count } = await prisma.task.updateMany({
    where: { id: params.taskId, attempts: params.attempt, status: 'running' },
    data: { leaseExpiresAt: params.until },
  });
  return count > 0;
}
