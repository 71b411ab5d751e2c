import { z } from 'zod';
import type { TenantContext } from '../actor';
import { EngineError } from '../errors';
import { TASK_RUNNER_QUEUE } from '../queues/names';
import type { EngineDeps } from '../runtime/engine-deps';
import { applyEventMessage, insertOutbox, runTaskMessage, settleTaskMessages } from '../store/outbox';
import { lockTaskAndInstance } from '../store/locks';
import { appendTimeline, type TimelineEntry } from '../store/timeline';
import type { Prisma } from '../generated/prisma/client';
import { parseInput } from './parse-input';

const reason = z.string().trim().max(2_000).optional();
const instanceAction = z.object({ instanceId: z.string().uuid('expected an instance id (a UUID)'), reason });
const taskAction = z.object({ taskId: z.string().uuid('expected a task id (a UUID)'), reason });

/** Cancels an instance and every task of it not yet running; later events are ignored. */
export async function cancelInstance(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: { instanceId: string; reason?: string },
): Promise<{ cancelledTasks: number }> {
  const input = parseInput(instanceAction, raw);
  const now = deps.clock();
  const removedJobs: string[] = [];
  const result = await deps.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: string; stateValue: string }[]>`
      SELECT status::text AS status, "stateValue" FROM "WorkflowInstance" WHERE id = ${input.instanceId}::uuid AND "tenantId" = ${ctx.tenantId} FOR UPDATE`;
    const instance = rows[0];
    if (!instance) throw new EngineError('NOT_FOUND', `instance ${input.instanceId} was not found`);
    if (instance.status === 'completed' || instance.status === 'cancelled')
      throw new EngineError('CONFLICT', `instance ${input.instanceId} is already ${instance.status}`);
    // Running tasks are cancelled too: their worker's heartbeat sees it and aborts the handler's signal, and
    // whatever the attempt still reports is recorded as discarded.
    const pending = await tx.task.findMany({
      where: { instanceId: input.instanceId, status: { in: ['queued', 'running'] } },
      select: { id: true, name: true, status: true },
    });
    const queued = pending.filter((t) => t.status === 'queued');
    const entries: TimelineEntry[] = [];
    for (const task of pending) {
      if (task.status === 'queued') removedJobs.push(...(await settleTaskMessages(tx, task.id, now)));
      entries.push({
        type: 'task.cancelled',
        actor: ctx.actor,
        taskId: task.id,
        payload: {
          taskId: task.id,
          name: task.name,
          reason: 'instance cancelled',
          wasRunning: task.status === 'running',
        },
      });
    }
    await tx.task.updateMany({
      where: { id: { in: pending.map((t) => t.id) } },
      data: { status: 'cancelled', finishedAt: now, leaseExpiresAt: null },
    });
    entries.push({
      type: 'instance.cancelled',
      actor: ctx.actor,
      payload: { reason: input.reason ?? null, cancelledTasks: queued.length, state: instance.stateValue },
    });
    await appendTimeline(tx, { tenantId: ctx.tenantId, instanceId: input.instanceId }, entries, now);
    await tx.workflowInstance.update({
      where: { id: input.instanceId },
      data: { status: 'cancelled', cancelledAt: now },
    });
    return { cancelledTasks: queued.length };
  });
  await Promise.all(removedJobs.map((id) => deps.publisher.remove(TASK_RUNNER_QUEUE, id)));
  return result;
}

async function lockTaskForAction(tx: Prisma.TransactionClient, ctx: TenantContext, taskId: string) {
  if (!(await lockTaskAndInstance(tx, ctx.tenantId, taskId)))
    throw new EngineError('NOT_FOUND', `task ${taskId} was not found`);
  const rows = await tx.$queryRaw<
    {
      id: string;
      instanceId: string;
      name: string;
      type: string;
      status: string;
      attempts: number;
      instanceStatus: string;
    }[]
  >`
    SELECT t.id, t."instanceId", t.name, t.type, t.status::text AS status, t.attempts, i.status::text AS "instanceStatus"
    FROM "Task" t JOIN "WorkflowInstance" i ON i.id = t."instanceId"
    WHERE t.id = ${taskId}::uuid AND t."tenantId" = ${ctx.tenantId}`;
  const task = rows[0];
  if (!task) throw new EngineError('NOT_FOUND', `task ${taskId} was not found`);
  return task;
}

/** Runs a failed (or cancelled) task again with a fresh set of attempts; a failed instance resumes. */
export async function retryTask(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: { taskId: string; reason?: string },
): Promise<{ taskId: string }> {
  const input = parseInput(taskAction, raw);
  const now = deps.clock();
  const message = await deps.prisma.$transaction(async (tx) => {
    const task = await lockTaskForAction(tx, ctx, input.taskId);
    if (task.status !== 'failed' && task.status !== 'cancelled')
      throw new EngineError(
        'CONFLICT',
        `task ${input.taskId} is ${task.status}; only a failed or cancelled task can be retried`,
      );
    if (task.instanceStatus === 'completed' || task.instanceStatus === 'cancelled')
      throw new EngineError(
        'CONFLICT',
        `task ${input.taskId} belongs to a ${task.instanceStatus} instance; it cannot run again`,
      );
    await tx.task.update({
      where: { id: task.id },
      data: { status: 'queued', attempts: 0, nextRunAt: now, finishedAt: null, leaseExpiresAt: null },
    });
    const entries: TimelineEntry[] = [
      {
        type: 'task.retried',
        actor: ctx.actor,
        taskId: task.id,
        payload: {
          taskId: task.id,
          name: task.name,
          previousStatus: task.status,
          previousAttempts: task.attempts,
          reason: input.reason ?? null,
        },
      },
    ];
    if (task.instanceStatus === 'failed') {
      entries.push({ type: 'instance.resumed', actor: ctx.actor, payload: { reason: `task ${task.name} retried` } });
      await tx.workflowInstance.update({ where: { id: task.instanceId }, data: { status: 'running' } });
    }
    await appendTimeline(tx, { tenantId: ctx.tenantId, instanceId: task.instanceId }, entries, now);
    const msg = runTaskMessage({ tenantId: ctx.tenantId, taskId: task.id }, now);
    await insertOutbox(tx, [msg]);
    return msg;
  });
  await deps.publisher.publishOrDefer([message], now);
  return { taskId: input.taskId };
}

/** The event an instance hears when an operator cancels one of its tasks. */
export const TASK_CANCELLED_EVENT = 'TASK_CANCELLED';

/**
 * Cancels a queued, delayed or running task: it will not run (again), a running handler is aborted through its
 * signal. The instance hears TASK_CANCELLED ({ taskId, taskName, taskType, reason }); a state that does not
 * handle it marks the instance failed, so a cancelled task never leaves it waiting on nothing unnoticed.
 */
export async function cancelTask(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: { taskId: string; reason?: string },
): Promise<{ taskId: string }> {
  const input = parseInput(taskAction, raw);
  const now = deps.clock();
  const { removedJobs, message } = await deps.prisma.$transaction(async (tx) => {
    const task = await lockTaskForAction(tx, ctx, input.taskId);
    if (task.status !== 'queued' && task.status !== 'running')
      throw new EngineError(
        'CONFLICT',
        `task ${input.taskId} is ${task.status}; only a queued, delayed or running task can be cancelled`,
      );
    await tx.task.update({
      where: { id: task.id },
      data: { status: 'cancelled', finishedAt: now, leaseExpiresAt: null },
    });
    const jobs = task.status === 'queued' ? await settleTaskMessages(tx, task.id, now) : [];
    await appendTimeline(
      tx,
      { tenantId: ctx.tenantId, instanceId: task.instanceId },
      [
        {
          type: 'task.cancelled',
          actor: ctx.actor,
          taskId: task.id,
          payload: {
            taskId: task.id,
            name: task.name,
            reason: input.reason ?? null,
            wasRunning: task.status === 'running',
          },
        },
      ],
      now,
    );
    const live = task.instanceStatus === 'running' || task.instanceStatus === 'failed';
    const msg = live
      ? applyEventMessage(
          {
            tenantId: ctx.tenantId,
            instanceId: task.instanceId,
            event: {
              type: TASK_CANCELLED_EVENT,
              payload: { taskId: task.id, taskName: task.name, taskType: task.type, reason: input.reason ?? null },
            },
            actor: ctx.actor,
            failedTaskId: task.id,
          },
          now,
        )
      : null;
    if (msg) await insertOutbox(tx, [msg]);
    return { removedJobs: jobs, message: msg };
  });
  await Promise.all(removedJobs.map((id) => deps.publisher.remove(TASK_RUNNER_QUEUE, id)));
  if (message) await deps.publisher.publishOrDefer([message], now);
  return { taskId: input.taskId };
}
