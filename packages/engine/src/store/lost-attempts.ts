// Attempts lost with their worker (the lease expired: a crash, SIGKILL, out of memory). A lost attempt is not a
// failed one (the handler never reported), so it does not use up maxAttempts, but it is counted: a handler that
// kills its worker every time would otherwise be run again forever. After MAX_LOST_ATTEMPTS the task fails.
import type { Actor } from '../contracts/actor';
import { applyEventMessage, type OutboxMessage } from './outbox';
import { DEFAULT_FAILURE_EVENT } from '../contracts/events';
import { writeTaskStep, type LockedTask } from './sql/task-statements';
import type { SqlClient } from './sql/transaction';
import { numbered, type TimelineEntry } from './timeline';

/** How many attempts may be lost with their worker before the task fails. */
export const MAX_LOST_ATTEMPTS = 3;

/** The task's lastError once it gave up on lost attempts. */
export function lostAttemptsError(lost: number): string {
  return `the worker running this task was lost ${lost} times (lease expired each time; at most ${MAX_LOST_ATTEMPTS}): the handler may be crashing its process`;
}

interface LostTask {
  id: string;
  tenantId: string;
  instanceId: string;
  name: string;
  type: string;
  attempts: number;
  failureEvent: string | null;
}

/** The failure event a task that gave up on lost attempts sends its instance (unhandled, it fails the instance). */
function lostTaskFailure(
  task: LostTask,
  lost: number,
  actor: Actor,
  now: Date,
): { event: string; error: string; outbox: OutboxMessage[] } {
  const error = lostAttemptsError(lost);
  const event = task.failureEvent ?? DEFAULT_FAILURE_EVENT;
  const outbox = [
    applyEventMessage(
      {
        tenantId: task.tenantId,
        instanceId: task.instanceId,
        event: {
          type: event,
          payload: {
            taskId: task.id,
            taskName: task.name,
            taskType: task.type,
            error,
            attempts: task.attempts,
            lostAttempts: lost,
          },
        },
        actor,
        failedTaskId: task.id,
      },
      now,
    ),
  ];
  return { event, error, outbox };
}

/** The timeline entry for an attempt lost with its worker (the `lost`-th). */
export function leaseExpiredEntry(task: LockedTask, lost: number, actor: Actor): TimelineEntry {
  return {
    type: 'task.lease_expired',
    actor,
    taskId: task.id,
    payload: {
      taskId: task.id,
      name: task.name,
      attempt: task.attempts,
      lostAttempts: lost,
      maxLostAttempts: MAX_LOST_ATTEMPTS,
      leaseExpiredAt: task.leaseExpiresAtMs === null ? null : new Date(task.leaseExpiresAtMs).toISOString(),
    },
  };
}

/**
 * Fails a locked task whose lease ran out for the last allowed time (found by the sweeper or by a worker claiming it):
 * both entries, the task row and the failure event's outbox row in one write. Returns the error and that row.
 */
export async function failLostTask(
  client: SqlClient,
  task: LockedTask,
  lost: number,
  actor: Actor,
  now: Date,
): Promise<{ error: string; outbox: OutboxMessage[] }> {
  const failure = lostTaskFailure(task, lost, actor, now);
  const failed: TimelineEntry = {
    type: 'task.failed',
    actor,
    taskId: task.id,
    payload: {
      taskId: task.id,
      name: task.name,
      type: task.type,
      attempt: task.attempts,
      maxAttempts: task.maxAttempts,
      error: failure.error,
      retriable: false,
      event: failure.event,
    },
  };
  await writeTaskStep(client, {
    task,
    now,
    ...numbered(task, [leaseExpiredEntry(task, lost, actor), failed]),
    outbox: failure.outbox,
    change: { kind: 'fail', error: failure.error, lostAttempts: lost },
  });
  return failure;
}
