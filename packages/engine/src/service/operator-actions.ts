import type { TenantContext } from '../contracts/actor';
import { TASK_CANCELLED_EVENT } from '../contracts/events';
import {
  instanceActionInput,
  taskActionInput,
  type InstanceActionInput,
  type TaskActionInput,
} from '../contracts/operator-actions';
import { EngineError } from '../errors';
import { TASK_RUNNER_QUEUE } from '../contracts/jobs';
import type { EngineDeps } from '../deps/engine-deps';
import { applyEventMessage, runTaskMessage } from '../store/outbox';
import { lockInstance } from '../store/sql/instance-statements';
import {
  appendToInstance,
  instanceTasks,
  lockTask,
  writeTaskStep,
  type LockedTask,
} from '../store/sql/task-statements';
import { inTransaction, type SqlClient } from '../store/sql/transaction';
import { numbered, type TimelineEntry } from '../store/timeline';
import { parseInput } from './parse-input';

const batchTag = (id: string | undefined) => (id ? { batchId: id } : {});

function cancelledEntry(
  ctx: TenantContext,
  task: { id: string; name: string; status: string },
  reason: string | null,
): TimelineEntry {
  return {
    type: 'task.cancelled',
    actor: ctx.actor,
    taskId: task.id,
    payload: { taskId: task.id, name: task.name, reason, wasRunning: task.status === 'running' },
  };
}

/** Cancels an instance and every task of it not yet running; later events are ignored. */
export async function cancelInstance(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: InstanceActionInput,
): Promise<{ cancelledTasks: number }> {
  const input = parseInput(instanceActionInput, raw);
  const now = deps.clock();
  const { removedJobs, cancelledTasks } = await inTransaction(deps.pool, async (client) => {
    const locked = await lockInstance(client, { tenantId: ctx.tenantId, instanceId: input.instanceId });
    if (!locked) throw new EngineError('NOT_FOUND', `instance ${input.instanceId} was not found`);
    const { instance } = locked;
    if (instance.status === 'completed' || instance.status === 'cancelled')
      throw new EngineError('CONFLICT', `instance ${input.instanceId} is already ${instance.status}`);
    // Running tasks are cancelled too: their worker's heartbeat sees it and aborts the handler's signal, and
    // whatever the attempt still reports is recorded as discarded.
    const pending = await instanceTasks(client, instance.id, { statuses: ['queued', 'running'] as const });
    let { lastSeq } = instance;
    const removed: string[] = [];
    for (const task of pending) {
      const entry = cancelledEntry(ctx, task, 'instance cancelled');
      const step = numbered({ lastSeq, stateValue: instance.stateValue }, [entry]);
      removed.push(
        ...(await writeTaskStep(client, {
          task: { id: task.id, tenantId: instance.tenantId, instanceId: instance.id },
          now,
          ...step,
          outbox: [],
          change: { kind: 'cancel' },
        })),
      );
      lastSeq = step.lastSeq;
    }
    const queued = pending.filter((t) => t.status === 'queued').length;
    const cancelled: TimelineEntry = {
      type: 'instance.cancelled',
      actor: ctx.actor,
      payload: {
        reason: input.reason ?? null,
        cancelledTasks: queued,
        state: instance.stateValue,
        ...batchTag(input.batchId),
      },
    };
    await appendToInstance(client, {
      tenantId: instance.tenantId,
      instanceId: instance.id,
      now,
      ...numbered({ lastSeq, stateValue: instance.stateValue }, [cancelled]),
      outbox: [],
      status: 'cancelled',
    });
    return { removedJobs: removed, cancelledTasks: queued };
  });
  await Promise.all(removedJobs.map((id) => deps.publisher.remove(TASK_RUNNER_QUEUE, id)));
  return { cancelledTasks };
}

/** Locks a task's instance, then the task (the one lock order, the worker's statement); NOT_FOUND outside the tenant. */
export async function lockTaskForAction(
  client: SqlClient,
  ctx: TenantContext,
  taskId: string,
  now: Date,
  notFound = `task ${taskId} was not found`,
): Promise<LockedTask> {
  const task = await lockTask(client, { tenantId: ctx.tenantId, taskId, now });
  if (!task) throw new EngineError('NOT_FOUND', notFound);
  return task;
}

/** Runs a failed (or cancelled) task again with a fresh set of attempts; a failed instance resumes. */
export async function retryTask(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: TaskActionInput,
): Promise<{ taskId: string }> {
  const input = parseInput(taskActionInput, raw);
  const now = deps.clock();
  const message = await inTransaction(deps.pool, async (client) => {
    const task = await lockTaskForAction(client, ctx, input.taskId, now);
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
    if (task.instancePaused)
      throw new EngineError(
        'CONFLICT',
        `task ${input.taskId} belongs to a paused instance; resume the instance first (no task starts while it is paused)`,
      );
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
          ...batchTag(input.batchId),
        },
      },
    ];
    const resumes = task.instanceStatus === 'failed';
    if (resumes)
      entries.push({ type: 'instance.resumed', actor: ctx.actor, payload: { reason: `task ${task.name} retried` } });
    const msg = runTaskMessage({ tenantId: ctx.tenantId, taskId: task.id }, now);
    await writeTaskStep(client, {
      task,
      now,
      ...numbered(task, entries),
      outbox: [msg],
      change: { kind: 'retry', nextRunAt: now, attempts: 0 },
      ...(resumes ? { instanceStatus: 'running' as const } : {}),
    });
    return msg;
  });
  await deps.publisher.publishOrDefer([message], now);
  return { taskId: input.taskId };
}

/**
 * Cancels a queued, delayed or running task: it will not run (again), a running handler is aborted through its
 * signal. The instance hears TASK_CANCELLED ({ taskId, taskName, taskType, reason }); a state that does not
 * handle it marks the instance failed, so a cancelled task never leaves it waiting on nothing unnoticed.
 */
export async function cancelTask(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: TaskActionInput,
): Promise<{ taskId: string }> {
  const input = parseInput(taskActionInput, raw);
  const now = deps.clock();
  const { removedJobs, message } = await inTransaction(deps.pool, async (client) => {
    const task = await lockTaskForAction(client, ctx, input.taskId, now);
    if (task.status !== 'queued' && task.status !== 'running')
      throw new EngineError(
        'CONFLICT',
        `task ${input.taskId} is ${task.status}; only a queued, delayed or running task can be cancelled`,
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
    const jobs = await writeTaskStep(client, {
      task,
      now,
      ...numbered(task, [cancelledEntry(ctx, task, input.reason ?? null)]),
      outbox: msg ? [msg] : [],
      change: { kind: 'cancel' },
    });
    return { removedJobs: jobs, message: msg };
  });
  await Promise.all(removedJobs.map((id) => deps.publisher.remove(TASK_RUNNER_QUEUE, id)));
  if (message) await deps.publisher.publishOrDefer([message], now);
  return { taskId: input.taskId };
}
