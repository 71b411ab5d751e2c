import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { PrismaClient } from '../generated/prisma/client';
import { step, type CreateTaskEffect, type StepResult, type TaskRunAt } from '../core';
import type { ApplyEventJob } from '../contracts/jobs';
import { EngineError } from '../errors';
import type { DefinitionCache } from './definition-cache';
import { holdEvent, tripGuard } from './guard-writes';
import { holdReason } from './paused';
import { checkGuards, DEFAULT_GUARD_LIMITS, limitsFor, type GuardLimits } from './runaway-guards';
import { timerDelayMs } from '../tasks/handlers/delay';
import { runTaskMessage, type OutboxMessage } from './outbox';
import {
  insertKeyedTasks,
  lockInstanceAndMark,
  writeInstance,
  type LockedInstance,
  type NewTaskRow,
} from './sql/instance-statements';
import { inTransaction, type SqlClient } from './sql/transaction';
import { timelineRows, type TimelineEntry, type TimelineRow } from './timeline';

export interface ApplyEventDeps {
  /** Runs the transaction (plain SQL: Prisma's per-query overhead was most of an event's cost). */
  pool: pg.Pool;
  /** Only for a definition cache miss; published definitions are immutable, so reading outside the transaction is safe. */
  prisma: PrismaClient;
  definitions: DefinitionCache;
  now: Date;
  /** Runaway guard limits of this worker (DEFAULT_GUARD_LIMITS when absent); an instance's raised caps go on top. */
  guards?: GuardLimits;
}

export type ApplyEventOutcome =
  | { kind: 'duplicate' }
  | { kind: 'ignored'; reason: string; outbox: OutboxMessage[] }
  | { kind: 'guarded'; guard: string; outbox: OutboxMessage[] }
  | { kind: 'applied'; from: string; to: string; status: string; outbox: OutboxMessage[] };

function resolveRunAt(runAt: TaskRunAt | undefined, now: Date): Date | null {
  if (!runAt) return null;
  if (runAt.kind === 'in') return new Date(now.getTime() + runAt.ms);
  const at = new Date(runAt.at);
  if (Number.isNaN(at.getTime()))
    throw new EngineError('BAD_INPUT', `task runAt "${runAt.at}" is not an ISO-8601 timestamp`);
  return at;
}

/**
 * Prepares the tasks a step asked for; the ones with an idempotencyKey are inserted now (a repeated key inserts
 * nothing), the rest ride along in the instance write. Returns the rows still to insert, entries and messages.
 */
export async function createTasks(
  client: SqlClient,
  instance: Pick<LockedInstance, 'id' | 'tenantId'>,
  effects: CreateTaskEffect[],
  job: Pick<ApplyEventJob, 'actor'>,
  now: Date,
): Promise<{ unkeyed: NewTaskRow[]; entries: TimelineEntry[]; outbox: OutboxMessage[] }> {
  const entries: TimelineEntry[] = [];
  const outbox: OutboxMessage[] = [];
  if (effects.length === 0) return { unkeyed: [], entries, outbox };
  const rows = effects.map(({ task }) => {
    const runAt = resolveRunAt(task.runAt, now);
    // A DELAY task waits as a delayed job (a timer), not in a worker slot: it becomes due when its wait is over.
    const nextRunAt = new Date((runAt ?? now).getTime() + timerDelayMs(task.type, task.input));
    const row: NewTaskRow = {
      id: randomUUID(),
      type: task.type,
      name: task.name,
      input: task.input,
      maxAttempts: task.maxAttempts ?? 3,
      runAt: runAt?.toISOString() ?? null,
      nextRunAt: nextRunAt.toISOString(),
      idempotencyKey: task.idempotencyKey ?? null,
      completionEvent: task.completionEvent ?? null,
      failureEvent: task.failureEvent ?? null,
    };
    return { row, nextRunAt };
  });
  const keyed = rows.filter(({ row }) => row.idempotencyKey !== null).map(({ row }) => row);
  const insertedKeyed =
    keyed.length > 0
      ? await insertKeyedTasks(client, { tenantId: instance.tenantId, instanceId: instance.id, now }, keyed)
      : new Set<string>();
  for (const { row, nextRunAt } of rows) {
    if (row.idempotencyKey === null || insertedKeyed.has(row.id)) {
      entries.push({
        type: 'task.created',
        actor: job.actor,
        taskId: row.id,
        payload: {
          taskId: row.id,
          type: row.type,
          name: row.name,
          input: row.input,
          runAt: row.runAt,
          idempotencyKey: row.idempotencyKey,
          maxAttempts: row.maxAttempts,
        },
      });
      outbox.push(runTaskMessage({ tenantId: instance.tenantId, taskId: row.id }, nextRunAt));
    } else {
      entries.push({
        type: 'task.duplicate_skipped',
        actor: job.actor,
        payload: { type: row.type, name: row.name, idempotencyKey: row.idempotencyKey },
      });
    }
  }
  return { unkeyed: rows.filter(({ row }) => row.idempotencyKey === null).map(({ row }) => row), entries, outbox };
}

/**
 * Steps the core; an event the spec cannot apply (a reference that resolves to a bad runAt, say) is recorded as
 * ignored with the reason rather than failing the job, so an operator sees it and no delivery loops forever.
 */
function stepOrExplain(compiled: Parameters<typeof step>[0], instance: LockedInstance, job: ApplyEventJob): StepResult {
  try {
    return step(compiled, instance.snapshot, { type: job.event.type, payload: job.event.payload ?? null });
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    return {
      snapshot: instance.snapshot,
      value: instance.stateValue,
      context: {},
      status: 'active',
      accepted: false,
      ignoredReason: `could not apply "${job.event.type}": ${error.message}`,
      transition: null,
      contextChanges: [],
      effects: [],
    };
  }
}

function receivedEntry(job: ApplyEventJob, outboxId: string | undefined): TimelineEntry {
  return {
    type: 'event.received',
    actor: job.actor,
    payload: {
      event: job.event.type,
      payload: job.event.payload ?? null,
      reason: job.reason ?? null,
      messageId: outboxId ?? null,
      ...(job.batchId ? { batchId: job.batchId } : {}),
    },
  };
}

/**
 * Applies one event to one instance in one Postgres transaction: lock the row, step the pure core, write the
 * snapshot, the timeline, the tasks and the outbox rows — all or nothing. A delivery already applied is a no-op.
 */
export async function applyEvent(
  deps: ApplyEventDeps,
  job: ApplyEventJob,
  outboxId?: string,
): Promise<ApplyEventOutcome> {
  return inTransaction(deps.pool, (client) => applyEventIn(client, deps, job, outboxId));
}

/**
 * applyEvent inside the caller's transaction: a resume applies the events a pause held this way, one after the
 * other under one instance lock, so they are applied in the order they arrived.
 */
export async function applyEventIn(
  client: SqlClient,
  deps: Omit<ApplyEventDeps, 'pool'>,
  job: ApplyEventJob,
  outboxId?: string,
  options: { applyingHeld?: boolean } = {},
): Promise<ApplyEventOutcome> {
  const { now } = deps;
  const locked = await lockInstanceAndMark(client, {
    tenantId: job.tenantId,
    instanceId: job.instanceId,
    outboxId,
    now,
  });
  if (!locked) throw new EngineError('NOT_FOUND', `instance ${job.instanceId} was not found in tenant ${job.tenantId}`);
  if (!locked.fresh) return { kind: 'duplicate' };
  const { instance } = locked;
  const base = { tenantId: instance.tenantId, instanceId: instance.id, now, outbox: [], tasks: [] };

  if (instance.status === 'completed' || instance.status === 'cancelled') {
    const reason = `instance is ${instance.status}; it accepts no more events`;
    const entries: TimelineEntry[] = [
      receivedEntry(job, outboxId),
      { type: 'event.ignored', actor: job.actor, payload: { event: job.event.type, reason } },
    ];
    // lastSeq moves with the rows: leaving it behind would make the next event here collide on (instanceId, seq).
    await writeInstance(client, { ...base, ...toTimeline(instance, entries) });
    return { kind: 'ignored', reason, outbox: [] };
  }

  const hold = holdReason(instance, options);
  if (hold) {
    const reason = await holdEvent({ client, instance, job, now, received: receivedEntry(job, outboxId) }, hold);
    return { kind: 'ignored', reason, outbox: [] };
  }

  const compiled = await deps.definitions.get(deps.prisma, instance.definitionId);
  const result = stepOrExplain(compiled, instance, job);
  const entries: TimelineEntry[] = [{ ...receivedEntry(job, outboxId), stateValue: instance.stateValue }];

  if (!result.accepted) {
    const reason = result.ignoredReason ?? `state "${instance.stateValue}" does not accept "${job.event.type}"`;
    entries.push({ type: 'event.ignored', actor: job.actor, payload: { event: job.event.type, reason } });
    // A task's final failure that the spec does not handle leaves the instance unable to move: say so.
    const failsInstance = job.failedTaskId !== undefined && instance.status === 'running';
    if (failsInstance) {
      entries.push({
        type: 'instance.failed',
        actor: job.actor,
        taskId: job.failedTaskId,
        payload: {
          reason: `a task ended with "${job.event.type}" and state "${instance.stateValue}" does not handle it`,
        },
      });
    }
    await writeInstance(client, {
      ...base,
      ...toTimeline(instance, entries),
      ...(failsInstance ? { status: 'failed' as const } : {}),
    });
    return { kind: 'ignored', reason, outbox: [] };
  }

  const taskEffects = result.effects.filter((e): e is CreateTaskEffect => e.type === 'createTask');
  const guards = checkGuards(
    instance,
    limitsFor(deps.guards ?? DEFAULT_GUARD_LIMITS, instance.guardLimits),
    { tasks: taskEffects.length, contextBytes: Buffer.byteLength(JSON.stringify(result.context)) },
    now,
  );
  if (guards.trip) {
    await tripGuard({ client, instance, job, now, received: entries[0]! }, guards.trip);
    return { kind: 'guarded', guard: guards.trip.guard, outbox: [] };
  }

  const transition = result.transition;
  if (transition) {
    entries.push({ type: 'transition', actor: job.actor, stateValue: result.value, payload: { ...transition } });
  }
  if (result.contextChanges.length > 0) {
    entries.push({
      type: 'context.changed',
      actor: job.actor,
      stateValue: result.value,
      payload: { changes: result.contextChanges, context: result.context },
    });
  }
  const tasks = await createTasks(client, instance, taskEffects, job, now);
  for (const entry of tasks.entries) entries.push({ ...entry, stateValue: result.value });
  const completed = result.status === 'done';
  if (completed)
    entries.push({
      type: 'instance.completed',
      actor: job.actor,
      stateValue: result.value,
      payload: { state: result.value, context: result.context },
    });
  // A failed instance that moves again (an operator sent an event, a retried task reported back) is running again.
  const status = completed ? 'completed' : 'running';

  await writeInstance(client, {
    ...base,
    ...toTimeline({ ...instance, stateValue: result.value }, entries),
    outbox: tasks.outbox,
    tasks: tasks.unkeyed,
    moved: {
      stateValue: result.value,
      context: result.context,
      snapshot: result.snapshot,
      completedAt: completed ? now : null,
    },
    status,
    guards: guards.advance,
  });
  return { kind: 'applied', from: instance.stateValue, to: result.value, status, outbox: tasks.outbox };
}

function toTimeline(
  instance: Pick<LockedInstance, 'lastSeq' | 'stateValue'>,
  entries: TimelineEntry[],
): { timeline: TimelineRow[]; lastSeq: number } {
  const { rows, lastSeq } = timelineRows(instance, entries);
  return { timeline: rows, lastSeq };
}
