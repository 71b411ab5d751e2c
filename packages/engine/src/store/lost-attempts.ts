// Attempts lost with their worker (the lease expired: a crash, SIGKILL, out of memory). A lost attempt is not a
// failed one (the handler never reported), so it does not use up maxAttempts, but it is counted: a handler that
// kills its worker every time would otherwise be run again forever. After MAX_LOST_ATTEMPTS the task fails.
import type { Actor } from '../actor';
import { applyEventMessage, type OutboxMessage } from './outbox';
import { DEFAULT_FAILURE_EVENT } from './failure-event';

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
export function lostTaskFailure(
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
