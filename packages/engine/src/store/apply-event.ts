import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client';
import { step, type CreateTaskEffect, type StepResult, type TaskRunAt } from '../core';
import { DELAY_TASK } from '../contracts/events';
import type { ApplyEventJob } from '../contracts/jobs';
import { delayInputSchema } from '../contracts/task-inputs';
import { EngineError } from '../errors';
import type { JsonValue } from '../json';
import type { DefinitionCache } from './definition-cache';
import { holdEvent, tripGuard } from './guard-writes';
import { holdReason } from './paused';
import { checkGuards, DEFAULT_GUARD_LIMITS, limitsFor, type GuardLimits } from './runaway-guards';
import { runTaskMessage, type OutboxMessage } from './outbox';
import { insertKeyedTasks, type LockedInstance, type NewTaskRow } from './sql/instance-statements';
import type { SqlClient } from './sql/transaction';
import type { TimelineEntry } from './timeline';
import type { InstanceBatch } from './instance-batch';

export interface ApplyEventDeps {
  /** Only for a definition cache miss; published definitions are immutable, so reading outside the transaction is safe. */
  prisma: PrismaClient;
  definitions: DefinitionCache;
  now: Date;
  /** Runaway guard limits of this worker (DEFAULT_GUARD_LIMITS when absent); an instance's raised caps go on top. */
  guards?: GuardLimits;
}

export type ApplyEventOutcome =
  | { kind: 'ignored'; reason: string }
  | { kind: 'guarded'; guard: string }
  | { kind: 'applied'; from: string; to: string; status: string };

/** One event for a locked instance: the job it carries and the outbox message it came in (none at start). */
export interface PendingEvent {
  outboxId: string | null;
  job: ApplyEventJob;
  /** What event.received records as the payload when not the payload itself (a reference to the start input). */
  recordedPayload?: unknown;
}

/** What one applied event asks the batch to write; the batch numbers the entries and writes them with the rest. */
export interface EventWrites {
  entries: TimelineEntry[];
  tasks: NewTaskRow[];
  outbox: OutboxMessage[];
}

function resolveRunAt(runAt: TaskRunAt | undefined, now: Date): Date | null {
  if (!runAt) return null;
  if (runAt.kind === 'in') return new Date(now.getTime() + runAt.ms);
  const at = new Date(runAt.at);
  if (Number.isNaN(at.getTime()))
    throw new EngineError('BAD_INPUT', `task runAt "${runAt.at}" is not an ISO-8601 timestamp`);
  return at;
}

/**
 * How long a task must wait before it runs, on top of its runAt: a DELAY task's `ms`. The wait is a delayed job
 * (the task stays queued with nextRunAt in the future), so a long DELAY holds no worker slot. Bad input waits
 * nothing; the handler then fails the task with the reason.
 */
function timerDelayMs(type: string, input: JsonValue): number {
  if (type !== DELAY_TASK) return 0;
  const parsed = delayInputSchema.safeParse(input);
  return parsed.success ? parsed.data.ms : 0;
}

/** The task rows a step asked for (pure; throws an EngineError for a runAt the spec computed badly). */
function prepareTasks(effects: CreateTaskEffect[], now: Date): { row: NewTaskRow; nextRunAt: Date }[] {
  return effects.map(({ task }) => {
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
}

/**
 * Inserts the tasks with an idempotencyKey now (a repeated key inserts nothing: one round trip, only when a step
 * has such tasks); the rest ride along in the batch's write. Returns the rows still to insert, entries and messages.
 */
async function insertTasks(
  client: SqlClient,
  instance: Pick<LockedInstance, 'id' | 'tenantId'>,
  rows: { row: NewTaskRow; nextRunAt: Date }[],
  job: Pick<ApplyEventJob, 'actor'>,
  now: Date,
): Promise<EventWrites> {
  const writes: EventWrites = { entries: [], tasks: [], outbox: [] };
  const keyed = rows.filter(({ row }) => row.idempotencyKey !== null).map(({ row }) => row);
  const insertedKeyed =
    keyed.length > 0
      ? await insertKeyedTasks(client, { tenantId: instance.tenantId, instanceId: instance.id, now }, keyed)
      : new Set<string>();
  for (const { row, nextRunAt } of rows) {
    if (row.idempotencyKey === null || insertedKeyed.has(row.id)) {
      writes.entries.push({
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
      writes.outbox.push(runTaskMessage({ tenantId: instance.tenantId, taskId: row.id }, nextRunAt));
    } else {
      writes.entries.push({
        type: 'task.duplicate_skipped',
        actor: job.actor,
        payload: { type: row.type, name: row.name, idempotencyKey: row.idempotencyKey },
      });
    }
  }
  writes.tasks = rows.filter(({ row }) => row.idempotencyKey === null).map(({ row }) => row);
  return writes;
}

/**
 * Creates the tasks of a step outside a batch (a move to another version re-creates its state's tasks): keyed ones
 * are inserted now, the rest returned for the caller's instance write, with their entries and messages.
 */
export async function createTasks(
  client: SqlClient,
  instance: Pick<LockedInstance, 'id' | 'tenantId'>,
  effects: CreateTaskEffect[],
  job: Pick<ApplyEventJob, 'actor'>,
  now: Date,
): Promise<{ unkeyed: NewTaskRow[]; entries: TimelineEntry[]; outbox: OutboxMessage[] }> {
  const writes = await insertTasks(client, instance, prepareTasks(effects, now), job, now);
  return { unkeyed: writes.tasks, entries: writes.entries, outbox: writes.outbox };
}

function notApplied(instance: LockedInstance, reason: string): StepResult {
  return {
    snapshot: instance.snapshot,
    value: instance.stateValue,
    context: {},
    status: 'active',
    accepted: false,
    ignoredReason: reason,
    transition: null,
    contextChanges: [],
    effects: [],
  };
}

/**
 * Steps the core and prepares the tasks; an event the spec cannot apply (a reference that resolves to a bad runAt,
 * say) is recorded as ignored with the reason rather than failing the batch, so an operator sees it and its
 * neighbours are applied.
 */
function stepOrExplain(
  compiled: Parameters<typeof step>[0],
  instance: LockedInstance,
  job: ApplyEventJob,
  now: Date,
): { result: StepResult; tasks: { row: NewTaskRow; nextRunAt: Date }[] } {
  try {
    const result = step(compiled, instance.snapshot, {
      type: job.event.type,
      payload: job.event.payload ?? null,
    });
    const effects = result.effects.filter((e): e is CreateTaskEffect => e.type === 'createTask');
    return { result, tasks: result.accepted ? prepareTasks(effects, now) : [] };
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    return { result: notApplied(instance, `could not apply "${job.event.type}": ${error.message}`), tasks: [] };
  }
}

function receivedEntry({ job, outboxId, recordedPayload }: PendingEvent): TimelineEntry {
  return {
    type: 'event.received',
    actor: job.actor,
    payload: {
      event: job.event.type,
      payload: recordedPayload ?? job.event.payload ?? null,
      reason: job.reason ?? null,
      messageId: outboxId,
      ...(job.batchId ? { batchId: job.batchId } : {}),
    },
  };
}

/**
 * Applies one event to the instance the batch holds locked: steps the pure core and hands the batch what to write.
 * The batch's instance is advanced in memory, so the next event of the batch sees this one's result.
 */
export async function applyEvent(
  deps: ApplyEventDeps,
  batch: InstanceBatch,
  event: PendingEvent,
  /** `applyingHeld`: a resume applies the events a pause held, which must go through. */
  options: { applyingHeld?: boolean } = {},
): Promise<ApplyEventOutcome> {
  const { now } = deps;
  const { job, outboxId } = event;
  const { instance } = batch;
  batch.consume(outboxId);
  const writes = (entries: TimelineEntry[]): EventWrites => ({ entries, tasks: [], outbox: [] });

  if (instance.status === 'completed' || instance.status === 'cancelled') {
    const reason = `instance is ${instance.status}; it accepts no more events`;
    batch.append(
      writes([
        receivedEntry(event),
        { type: 'event.ignored', actor: job.actor, payload: { event: job.event.type, reason } },
      ]),
      instance.stateValue,
    );
    return { kind: 'ignored', reason };
  }

  // The one check of whether the instance takes the event now: a runaway guard or an operator's pause holds it.
  const hold = holdReason(instance, options);
  if (hold) {
    batch.append(writes(holdEvent({ instance, job, received: receivedEntry(event) }, hold)), instance.stateValue);
    return { kind: 'ignored', reason: hold.reason };
  }

  const compiled = await deps.definitions.get(deps.prisma, instance.definitionId);
  const { result, tasks: taskRows } = stepOrExplain(compiled, instance, job, now);
  const entries: TimelineEntry[] = [{ ...receivedEntry(event), stateValue: instance.stateValue }];

  if (!result.accepted) {
    const reason = result.ignoredReason ?? `state "${instance.stateValue}" does not accept "${job.event.type}"`;
    entries.push({ type: 'event.ignored', actor: job.actor, payload: { event: job.event.type, reason } });
    // A task's final failure that the spec does not handle leaves the instance unable to move: say so.
    if (job.failedTaskId !== undefined && instance.status === 'running') {
      entries.push({
        type: 'instance.failed',
        actor: job.actor,
        taskId: job.failedTaskId,
        payload: {
          reason: `a task ended with "${job.event.type}" and state "${instance.stateValue}" does not handle it`,
        },
      });
      instance.status = 'failed';
    }
    batch.append(writes(entries), instance.stateValue);
    return { kind: 'ignored', reason };
  }

  const guards = checkGuards(
    instance,
    limitsFor(deps.guards ?? DEFAULT_GUARD_LIMITS, instance.guardLimits),
    { tasks: taskRows.length, contextBytes: Buffer.byteLength(JSON.stringify(result.context)) },
    now,
  );
  if (guards.trip) {
    // Parking reads the instance's queued tasks: the ones this batch created so far must be in the table first.
    await batch.flush();
    instance.lastSeq = await tripGuard(
      { client: batch.client, instance, job, now, received: entries[0]! },
      guards.trip,
    );
    instance.status = 'failed';
    instance.guardTripped = guards.trip.guard;
    return { kind: 'guarded', guard: guards.trip.guard };
  }

  if (result.transition) {
    entries.push({ type: 'transition', actor: job.actor, stateValue: result.value, payload: { ...result.transition } });
  }
  if (result.contextChanges.length > 0) {
    entries.push({
      type: 'context.changed',
      actor: job.actor,
      stateValue: result.value,
      payload: { changes: result.contextChanges, context: result.context },
    });
  }
  // Keyed tasks are inserted at once (a repeated key inserts nothing), so the instance row must exist by then.
  if (taskRows.some(({ row }) => row.idempotencyKey !== null)) await batch.ensureStored();
  const tasks = await insertTasks(batch.client, instance, taskRows, job, now);
  for (const entry of tasks.entries) entries.push({ ...entry, stateValue: result.value });
  const completed = result.status === 'done';
  if (completed)
    entries.push({
      type: 'instance.completed',
      actor: job.actor,
      stateValue: result.value,
      payload: { state: result.value, context: result.context },
    });
  batch.append({ entries, tasks: tasks.tasks, outbox: tasks.outbox }, result.value);

  const from = instance.stateValue;
  // A failed instance that moves again (an operator sent an event, a retried task reported back) is running again.
  const status = completed ? 'completed' : 'running';
  Object.assign(instance, {
    stateValue: result.value,
    snapshot: result.snapshot,
    status,
    transitionCount: instance.transitionCount + guards.advance.transitions,
    taskCount: instance.taskCount + guards.advance.tasks,
    minuteStartedMs: guards.advance.minuteStartedAt.getTime(),
    minuteTransitions: guards.advance.minuteTransitions,
  } satisfies Partial<LockedInstance>);
  batch.moved({ from, context: result.context, completed, advance: guards.advance });
  return { kind: 'applied', from, to: result.value, status };
}
