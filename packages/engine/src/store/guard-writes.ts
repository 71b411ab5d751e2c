import type { ApplyEventJob } from '../contracts/jobs';
import { TASK_RUNNER_QUEUE } from '../contracts/jobs';
import type { HoldReason } from './paused';
import type { GuardTrip } from './runaway-guards';
import { writeInstance, type LockedInstance } from './sql/instance-statements';
import { sqlTimestamp, type SqlClient } from './sql/transaction';
import { timelineRows, type TimelineEntry } from './timeline';

/**
 * An event a guard held back: it points at its own `event.received` entry (which keeps the event, its payload and
 * who sent it), so a large payload is stored once. Resuming the instance sends these again in order.
 */
export interface HeldEvent {
  receivedSeq: number;
  failedTaskId?: string;
  /** What held it: a runaway guard or an operator's pause (absent on entries written before pauses existed). */
  by?: 'guard' | 'pause';
}

function held(instance: LockedInstance, job: ApplyEventJob): HeldEvent {
  // The caller's event.received entry is the first one written for this event: lastSeq + 1.
  return { receivedSeq: instance.lastSeq + 1, ...(job.failedTaskId ? { failedTaskId: job.failedTaskId } : {}) };
}

interface GuardWriteScope {
  client: SqlClient;
  instance: LockedInstance;
  job: ApplyEventJob;
  now: Date;
  /** The event.received entry the caller already built. */
  received: TimelineEntry;
}

// Queued tasks of a stopped instance are parked (cancelled, their messages settled) so a fork bomb's backlog does
// not keep using its tenant's slots; resuming the instance queues them again.
const PARK_TASKS = `WITH parked AS (
  UPDATE "Task" SET status = 'cancelled', "finishedAt" = $2::timestamp(3), "updatedAt" = $2::timestamp(3)
  WHERE "instanceId" = $1::uuid AND status = 'queued' RETURNING id, name
), settled AS (
  UPDATE "Outbox" SET "processedAt" = $2::timestamp(3)
  WHERE "processedAt" IS NULL AND queue = $3 AND payload->>'taskId' IN (SELECT id::text FROM parked) RETURNING 1
)
SELECT id, name, (SELECT count(*) FROM settled)::int AS settled FROM parked`;

async function parkQueuedTasks(
  client: SqlClient,
  instanceId: string,
  now: Date,
): Promise<{ id: string; name: string }[]> {
  const { rows } = await client.query<{ id: string; name: string }>({
    name: 'sy_park_tasks',
    text: PARK_TASKS,
    values: [instanceId, sqlTimestamp(now), TASK_RUNNER_QUEUE],
  });
  return rows;
}

/**
 * Stops a runaway instance: the event that would cross a guard is not applied (no transition, no tasks), the
 * instance is failed with the guard and the figure in its timeline, its queued tasks are parked, and the event is
 * kept for a resume.
 */
export async function tripGuard(scope: GuardWriteScope, trip: GuardTrip): Promise<number> {
  const { instance, job } = scope;
  const parked = await parkQueuedTasks(scope.client, instance.id, scope.now);
  const entries: TimelineEntry[] = [
    scope.received,
    {
      type: 'instance.guard_tripped',
      actor: job.actor,
      payload: {
        guard: trip.guard,
        limit: trip.limit,
        value: trip.value,
        message: trip.message,
        held: held(instance, job),
        parkedTasks: parked.map((t) => t.id),
      },
    },
    ...parked.map((task): TimelineEntry => ({
      type: 'task.cancelled',
      actor: job.actor,
      taskId: task.id,
      payload: {
        taskId: task.id,
        name: task.name,
        reason: `parked: the runaway guard ${trip.guard} stopped the instance; resuming it queues the task again`,
      },
    })),
    { type: 'instance.failed', actor: job.actor, payload: { reason: trip.message, guard: trip.guard } },
  ];
  const { rows, lastSeq } = timelineRows(instance, entries);
  await writeInstance(scope.client, {
    tenantId: instance.tenantId,
    instanceId: instance.id,
    now: scope.now,
    lastSeq,
    timeline: rows,
    outbox: [],
    tasks: [],
    status: 'failed',
    guardTripped: trip.guard,
  });
  return lastSeq;
}

/**
 * An event for an instance a guard stopped (until an operator raises the cap and resumes it) or an operator paused
 * (until resumed) waits, recorded: its event.ignored entry carries `held`, which the resume reads back. Returns the
 * entries to append (the received entry first, numbered lastSeq + 1, which `held` points at).
 */
export function holdEvent(
  scope: Omit<GuardWriteScope, 'client' | 'now'>,
  hold: NonNullable<HoldReason>,
): TimelineEntry[] {
  const { instance, job } = scope;
  return [
    scope.received,
    {
      type: 'event.ignored',
      actor: job.actor,
      payload: { event: job.event.type, reason: hold.reason, held: { ...held(instance, job), by: hold.by } },
    },
  ];
}
