import type { ApplyEventJob } from '../queues/jobs';
import type { GuardTrip } from './runaway-guards';
import { writeInstance, type LockedInstance } from './sql/instance-statements';
import type { SqlClient } from './sql/transaction';
import { timelineRows, type TimelineEntry } from './timeline';

/** An event a guard held back, as recorded in the timeline; resuming the instance sends these again in order. */
export interface HeldEvent {
  event: ApplyEventJob['event'];
  actor: ApplyEventJob['actor'];
  reason?: string;
  failedTaskId?: string;
}

function held(job: ApplyEventJob): HeldEvent {
  return { event: job.event, actor: job.actor, ...(job.reason ? { reason: job.reason } : {}), ...(job.failedTaskId ? { failedTaskId: job.failedTaskId } : {}) };
}

interface GuardWriteScope {
  client: SqlClient;
  instance: LockedInstance;
  job: ApplyEventJob;
  now: Date;
  /** The event.received entry the caller already built. */
  received: TimelineEntry;
}

/**
 * Stops a runaway instance: the event that would cross a guard is not applied (no transition, no tasks), the
 * instance is failed with the guard and the figure in its timeline, and the event is kept for a resume.
 */
export async function tripGuard(scope: GuardWriteScope, trip: GuardTrip): Promise<void> {
  const { instance, job } = scope;
  const entries: TimelineEntry[] = [
    scope.received,
    { type: 'instance.guard_tripped', actor: job.actor, payload: { guard: trip.guard, limit: trip.limit, value: trip.value, message: trip.message, held: held(job) } },
    { type: 'instance.failed', actor: job.actor, payload: { reason: trip.message, guard: trip.guard } },
  ];
  const { rows, lastSeq } = timelineRows(instance, entries);
  await writeInstance(scope.client, { tenantId: instance.tenantId, instanceId: instance.id, now: scope.now, lastSeq, timeline: rows, outbox: [], tasks: [], status: 'failed', guardTripped: trip.guard });
}

/** An event for an instance a guard stopped waits, recorded, until an operator raises the cap and resumes it. */
export async function holdEvent(scope: GuardWriteScope): Promise<string> {
  const { instance, job } = scope;
  const reason = `instance was stopped by the runaway guard ${instance.guardTripped}; the event is held until an operator raises the cap and resumes it`;
  const entries: TimelineEntry[] = [scope.received, { type: 'event.ignored', actor: job.actor, payload: { event: job.event.type, reason, held: held(job) } }];
  const { rows, lastSeq } = timelineRows(instance, entries);
  await writeInstance(scope.client, { tenantId: instance.tenantId, instanceId: instance.id, now: scope.now, lastSeq, timeline: rows, outbox: [], tasks: [] });
  return reason;
}
