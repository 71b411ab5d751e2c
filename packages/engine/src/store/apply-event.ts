import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { step, type CreateTaskEffect, type PersistedSnapshot, type StepResult, type TaskRunAt } from '../core';
import type { ApplyEventJob } from '../queues/jobs';
import { EngineError } from '../errors';
import { toPrismaJson } from '../json';
import type { DefinitionCache } from './definition-cache';
import { insertOutbox, markOutboxProcessed, runTaskMessage, type OutboxMessage } from './outbox';
import { appendTimeline, type TimelineEntry } from './timeline';

export interface ApplyEventDeps {
  prisma: PrismaClient;
  definitions: DefinitionCache;
  now: Date;
}

export type ApplyEventOutcome =
  | { kind: 'duplicate' }
  | { kind: 'ignored'; reason: string; outbox: OutboxMessage[] }
  | { kind: 'applied'; from: string; to: string; status: string; outbox: OutboxMessage[] };

interface LockedInstance {
  id: string;
  tenantId: string;
  definitionId: string;
  status: 'running' | 'failed' | 'completed' | 'cancelled';
  stateValue: string;
  snapshot: PersistedSnapshot;
  lastSeq: number;
}

function resolveRunAt(runAt: TaskRunAt | undefined, now: Date): Date | null {
  if (!runAt) return null;
  if (runAt.kind === 'in') return new Date(now.getTime() + runAt.ms);
  const at = new Date(runAt.at);
  if (Number.isNaN(at.getTime())) throw new EngineError('BAD_INPUT', `task runAt "${runAt.at}" is not an ISO-8601 timestamp`);
  return at;
}

async function lockInstance(tx: Prisma.TransactionClient, tenantId: string, instanceId: string): Promise<LockedInstance> {
  const rows = await tx.$queryRaw<LockedInstance[]>`
    SELECT id, "tenantId", "definitionId", status::text AS status, "stateValue", snapshot, "lastSeq"
    FROM "WorkflowInstance" WHERE id = ${instanceId}::uuid AND "tenantId" = ${tenantId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new EngineError('NOT_FOUND', `instance ${instanceId} was not found in tenant ${tenantId}`);
  return row;
}

/** Inserts the tasks a step asked for; a repeated idempotencyKey inserts nothing. Returns entries and messages. */
async function createTasks(
  tx: Prisma.TransactionClient,
  instance: LockedInstance,
  effects: CreateTaskEffect[],
  job: ApplyEventJob,
  now: Date,
): Promise<{ entries: TimelineEntry[]; outbox: OutboxMessage[] }> {
  const entries: TimelineEntry[] = [];
  const outbox: OutboxMessage[] = [];
  if (effects.length === 0) return { entries, outbox };
  const rows = effects.map(({ task }) => {
    const runAt = resolveRunAt(task.runAt, now);
    return {
      id: randomUUID(),
      tenantId: instance.tenantId,
      instanceId: instance.id,
      type: task.type,
      name: task.name,
      input: toPrismaJson(task.input),
      maxAttempts: task.maxAttempts ?? 3,
      runAt,
      nextRunAt: runAt ?? now,
      idempotencyKey: task.idempotencyKey ?? null,
      completionEvent: task.completionEvent ?? null,
      failureEvent: task.failureEvent ?? null,
      createdAt: now,
    };
  });
  const created = await tx.task.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } });
  const createdIds = new Set(created.map((row) => row.id));
  for (const row of rows) {
    if (createdIds.has(row.id)) {
      entries.push({
        type: 'task.created',
        actor: job.actor,
        taskId: row.id,
        payload: { taskId: row.id, type: row.type, name: row.name, input: row.input, runAt: row.runAt?.toISOString() ?? null, idempotencyKey: row.idempotencyKey, maxAttempts: row.maxAttempts },
      });
      outbox.push(runTaskMessage({ tenantId: instance.tenantId, taskId: row.id }, row.nextRunAt));
    } else {
      entries.push({
        type: 'task.duplicate_skipped',
        actor: job.actor,
        payload: { type: row.type, name: row.name, idempotencyKey: row.idempotencyKey },
      });
    }
  }
  return { entries, outbox };
}

/**
 * Steps the core; an event the spec cannot apply (a reference that resolves to a bad runAt, say) is recorded as
 * ignored with the reason rather than failing the job, so an operator sees it and no delivery loops forever.
 */
function stepOrExplain(compiled: Parameters<typeof step>[0], instance: LockedInstance, job: ApplyEventJob): StepResult {
  try {
    return step(compiled, instance.snapshot, { type: job.event.type, payload: (job.event.payload ?? null) as never });
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    return { snapshot: instance.snapshot, value: instance.stateValue, context: {}, status: 'active', accepted: false, ignoredReason: `could not apply "${job.event.type}": ${error.message}`, transition: null, contextChanges: [], effects: [] };
  }
}

function receivedEntry(job: ApplyEventJob, outboxId: string | undefined): TimelineEntry {
  return {
    type: 'event.received',
    actor: job.actor,
    payload: { event: job.event.type, payload: job.event.payload ?? null, reason: job.reason ?? null, messageId: outboxId ?? null },
  };
}

/**
 * Applies one event to one instance in one Postgres transaction: lock the row, step the pure core, write the
 * snapshot, the timeline, the tasks and the outbox rows — all or nothing. A delivery already applied is a no-op.
 */
export async function applyEvent(deps: ApplyEventDeps, job: ApplyEventJob, outboxId?: string): Promise<ApplyEventOutcome> {
  const { now } = deps;
  return deps.prisma.$transaction(async (tx) => {
    const instance = await lockInstance(tx, job.tenantId, job.instanceId);
    if (outboxId && !(await markOutboxProcessed(tx, outboxId, now))) return { kind: 'duplicate' };

    const scope = { tenantId: instance.tenantId, instanceId: instance.id, lastSeq: instance.lastSeq, stateValue: instance.stateValue };
    if (instance.status === 'completed' || instance.status === 'cancelled') {
      const reason = `instance is ${instance.status}; it accepts no more events`;
      await appendTimeline(tx, scope, [receivedEntry(job, outboxId), { type: 'event.ignored', actor: job.actor, payload: { event: job.event.type, reason } }], now);
      return { kind: 'ignored', reason, outbox: [] };
    }

    const compiled = await deps.definitions.get(tx, instance.definitionId);
    const result = stepOrExplain(compiled, instance, job);
    const entries: TimelineEntry[] = [{ ...receivedEntry(job, outboxId), stateValue: instance.stateValue }];

    if (!result.accepted) {
      const reason = result.ignoredReason ?? `state "${instance.stateValue}" does not accept "${job.event.type}"`;
      entries.push({ type: 'event.ignored', actor: job.actor, payload: { event: job.event.type, reason } });
      // A task's final failure that the spec does not handle leaves the instance unable to move: say so.
      const failsInstance = job.failedTaskId !== undefined && instance.status === 'running';
      if (failsInstance) {
        entries.push({ type: 'instance.failed', actor: job.actor, taskId: job.failedTaskId, payload: { reason: `task failed and state "${instance.stateValue}" does not handle "${job.event.type}"` } });
      }
      const lastSeq = await appendTimeline(tx, scope, entries, now);
      await tx.workflowInstance.update({ where: { id: instance.id }, data: { lastSeq, ...(failsInstance ? { status: 'failed' } : {}) } });
      return { kind: 'ignored', reason, outbox: [] };
    }

    const transition = result.transition;
    if (transition) {
      entries.push({ type: 'transition', actor: job.actor, stateValue: result.value, payload: { ...transition } });
    }
    if (result.contextChanges.length > 0) {
      entries.push({ type: 'context.changed', actor: job.actor, stateValue: result.value, payload: { changes: result.contextChanges, context: result.context } });
    }
    const taskEffects = result.effects.filter((e): e is CreateTaskEffect => e.type === 'createTask');
    const tasks = await createTasks(tx, instance, taskEffects, job, now);
    for (const entry of tasks.entries) entries.push({ ...entry, stateValue: result.value });
    const completed = result.status === 'done';
    if (completed) entries.push({ type: 'instance.completed', actor: job.actor, stateValue: result.value, payload: { state: result.value, context: result.context } });
    // A failed instance that moves again (an operator sent an event, a retried task reported back) is running again.
    const status = completed ? 'completed' : 'running';

    const lastSeq = await appendTimeline(tx, { ...scope, stateValue: result.value }, entries, now);
    await tx.workflowInstance.update({
      where: { id: instance.id },
      data: {
        stateValue: result.value,
        context: toPrismaJson(result.context),
        snapshot: toPrismaJson(result.snapshot),
        version: { increment: 1 },
        lastSeq,
        status,
        ...(completed ? { completedAt: now } : {}),
      },
    });
    await insertOutbox(tx, tasks.outbox);
    return { kind: 'applied', from: instance.stateValue, to: result.value, status, outbox: tasks.outbox };
  });
}

