import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { Actor } from '../actor';
import { toPrismaJson, type JsonValue } from '../json';
import type { TaskRouting } from '../tasks/registry';
import { applyEventMessage, insertOutbox, markOutboxProcessed, runTaskMessage, type OutboxMessage } from './outbox';
import { lockTaskAndInstance } from './locks';
import { appendTimeline } from './timeline';

export const DEFAULT_FAILURE_EVENT = 'TASK_FAILED';

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

interface TaskRow {
  id: string;
  tenantId: string;
  instanceId: string;
  type: string;
  name: string;
  input: JsonValue;
  status: string;
  attempts: number;
  maxAttempts: number;
  nextRunAt: Date;
  leaseExpiresAt: Date | null;
  completionEvent: string | null;
  failureEvent: string | null;
}

async function lockTask(tx: Prisma.TransactionClient, tenantId: string, taskId: string): Promise<TaskRow | undefined> {
  if (!(await lockTaskAndInstance(tx, tenantId, taskId))) return undefined;
  const rows = await tx.$queryRaw<TaskRow[]>`
    SELECT id, "tenantId", "instanceId", type, name, input, status::text AS status, attempts, "maxAttempts",
           "nextRunAt", "leaseExpiresAt", "completionEvent", "failureEvent"
    FROM "Task" WHERE id = ${taskId}::uuid AND "tenantId" = ${tenantId}`;
  return rows[0];
}

/**
 * Moves a task from queued to running exactly once (a running task whose lease expired counts as queued:
 * its worker died). The claim and the `task.started` entry commit together.
 */
export async function claimTask(
  prisma: PrismaClient,
  params: { tenantId: string; taskId: string; outboxId?: string; worker: Actor; now: Date; leaseMs: number },
): Promise<ClaimOutcome> {
  const { now } = params;
  return prisma.$transaction(async (tx) => {
    const task = await lockTask(tx, params.tenantId, params.taskId);
    if (!task) return { kind: 'skipped', reason: 'task not found in this tenant' };
    const leaseLost = task.status === 'running' && task.leaseExpiresAt !== null && task.leaseExpiresAt < now;
    if (task.status !== 'queued' && !leaseLost) {
      if (params.outboxId) await markOutboxProcessed(tx, params.outboxId, now);
      return { kind: 'skipped', reason: `task is ${task.status}` };
    }
    if (task.nextRunAt.getTime() > now.getTime() + 1_000) return { kind: 'early', nextRunAt: task.nextRunAt };
    if (params.outboxId && !(await markOutboxProcessed(tx, params.outboxId, now))) return { kind: 'skipped', reason: 'message already processed' };
    const attempt = task.attempts + 1;
    await tx.task.update({
      where: { id: task.id },
      data: { status: 'running', attempts: attempt, startedAt: now, leaseExpiresAt: new Date(now.getTime() + params.leaseMs) },
    });
    await appendTimeline(tx, { tenantId: task.tenantId, instanceId: task.instanceId }, [
      { type: 'task.started', actor: params.worker, taskId: task.id, payload: { taskId: task.id, name: task.name, type: task.type, attempt, maxAttempts: task.maxAttempts } },
    ], now);
    return { kind: 'claimed', task: { id: task.id, tenantId: task.tenantId, instanceId: task.instanceId, type: task.type, name: task.name, input: task.input, attempt, maxAttempts: task.maxAttempts } };
  });
}

export type AttemptResult =
  | { ok: true; output: JsonValue; durationMs: number; routing?: TaskRouting }
  | { ok: false; error: string; retriable: boolean; durationMs: number };

/** The event a successful task sends: the handler's explicit choice, nothing when it holds, else the completionEvent. */
function successEvent(task: TaskRow, output: JsonValue, routing: TaskRouting): { type: string; payload: JsonValue } | null {
  if (routing.emit) return routing.emit;
  if (routing.hold) return null;
  return task.completionEvent ? { type: task.completionEvent, payload: output } : null;
}

/**
 * Stores the outcome of an attempt. Success stores the output and queues the completion event; a failure
 * schedules the next attempt after `retryDelayMs`, or, with no attempts left, fails the task and tells the
 * instance. An attempt that lost its lease meanwhile (another worker re-ran the task) changes nothing.
 */
export async function finishAttempt(
  prisma: PrismaClient,
  params: { task: ClaimedTask; result: AttemptResult; worker: Actor; now: Date; retryDelayMs: number },
): Promise<{ outcome: 'succeeded' | 'retrying' | 'failed' | 'stale' | 'discarded'; outbox: OutboxMessage[] }> {
  const { task: claimed, result, worker, now } = params;
  return prisma.$transaction(async (tx) => {
    const task = await lockTask(tx, claimed.tenantId, claimed.id);
    if (!task || task.attempts !== claimed.attempt) return { outcome: 'stale' as const, outbox: [] };
    const scope = { tenantId: task.tenantId, instanceId: task.instanceId };
    const base = { taskId: task.id, name: task.name, type: task.type, attempt: claimed.attempt, durationMs: result.durationMs };
    if (task.status !== 'running') {
      // Cancelled while running: keep what happened visible, but act on nothing.
      await appendTimeline(tx, scope, [{ type: 'task.output_discarded', actor: worker, taskId: task.id, payload: { ...base, status: task.status, ...(result.ok ? { output: result.output } : { error: result.error }) } }], now);
      return { outcome: 'discarded' as const, outbox: [] };
    }
    if (result.ok) {
      const routing = result.routing ?? {};
      const event = successEvent(task, result.output, routing);
      const by = routing.actor ?? worker;
      await tx.task.update({ where: { id: task.id }, data: { status: 'succeeded', output: toPrismaJson(result.output), finishedAt: now, leaseExpiresAt: null, lastError: null } });
      await appendTimeline(tx, scope, [
        { type: 'task.succeeded', actor: worker, taskId: task.id, payload: { ...base, output: result.output, event: event?.type ?? null } },
        ...(routing.entries ?? []).map((entry) => ({ ...entry, actor: by, taskId: task.id })),
      ], now);
      const outbox = event ? [applyEventMessage({ tenantId: task.tenantId, instanceId: task.instanceId, event, actor: by }, now)] : [];
      await insertOutbox(tx, outbox);
      return { outcome: 'succeeded' as const, outbox };
    }
    if (result.retriable && claimed.attempt < task.maxAttempts) {
      const nextRunAt = new Date(now.getTime() + params.retryDelayMs);
      await tx.task.update({ where: { id: task.id }, data: { status: 'queued', nextRunAt, leaseExpiresAt: null, lastError: result.error } });
      await appendTimeline(tx, scope, [{ type: 'task.attempt_failed', actor: worker, taskId: task.id, payload: { ...base, error: result.error, maxAttempts: task.maxAttempts, nextRunAt: nextRunAt.toISOString(), retryInMs: params.retryDelayMs } }], now);
      const outbox = [runTaskMessage({ tenantId: task.tenantId, taskId: task.id }, nextRunAt)];
      await insertOutbox(tx, outbox);
      return { outcome: 'retrying' as const, outbox };
    }
    await tx.task.update({ where: { id: task.id }, data: { status: 'failed', finishedAt: now, leaseExpiresAt: null, lastError: result.error } });
    const failureEvent = task.failureEvent ?? DEFAULT_FAILURE_EVENT;
    await appendTimeline(tx, scope, [{ type: 'task.failed', actor: worker, taskId: task.id, payload: { ...base, error: result.error, maxAttempts: task.maxAttempts, retriable: result.retriable, event: failureEvent } }], now);
    const outbox = [applyEventMessage({
      tenantId: task.tenantId,
      instanceId: task.instanceId,
      event: { type: failureEvent, payload: { taskId: task.id, taskName: task.name, taskType: task.type, error: result.error, attempts: claimed.attempt } },
      actor: worker,
      failedTaskId: task.id,
    }, now)];
    await insertOutbox(tx, outbox);
    return { outcome: 'failed' as const, outbox };
  });
}

/** Pushes a running attempt's lease forward; does nothing when the attempt is no longer the current one. */
export async function extendLease(prisma: PrismaClient, params: { taskId: string; attempt: number; until: Date }): Promise<void> {
  await prisma.task.updateMany({ where: { id: params.taskId, attempts: params.attempt, status: 'running' }, data: { leaseExpiresAt: params.until } });
}
