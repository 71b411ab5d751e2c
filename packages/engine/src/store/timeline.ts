import type { Actor } from '../contracts/actor';
import { activeTraceId } from '../observability/tracing';

/** The kinds of timeline entry. Documented in the README; the console filters on them. */
export type TimelineEntryType =
  | 'instance.started'
  | 'event.received'
  | 'event.ignored'
  | 'transition'
  | 'context.changed'
  | 'task.created'
  | 'task.duplicate_skipped'
  | 'task.started'
  | 'task.succeeded'
  | 'task.attempt_failed'
  | 'task.failed'
  | 'task.lease_expired'
  | 'task.cancelled'
  | 'task.retried'
  | 'task.output_discarded'
  | 'instance.completed'
  | 'instance.failed'
  | 'instance.cancelled'
  | 'instance.resumed'
  // Operator modifications (service/instance-ops): a pause, a move to another state, a migration to another version.
  | 'instance.paused'
  | 'instance.moved'
  | 'instance.migrated'
  // Runaway guards and poison events: an instance stopped by a guard; an event that could not be applied.
  | 'instance.guard_tripped'
  | 'event.rejected'
  | 'event.redelivered'
  | 'event.discarded'
  // AI decisions (ai/): what the model proposed and what the policy or an operator made of it.
  | 'decision.emitted'
  | 'decision.awaiting_approval'
  | 'decision.blocked'
  | 'decision.approved'
  | 'decision.rejected'
  | 'decision.overridden';

export interface TimelineEntry {
  type: TimelineEntryType;
  actor: Actor;
  payload: Record<string, unknown>;
  taskId?: string;
  stateValue?: string;
}

/** One WorkflowEvent row as the plain-SQL writers send it (jsonb_to_recordset reads these keys as columns). */
export interface TimelineRow {
  seq: number;
  type: TimelineEntryType;
  actorType: string;
  actorId: string;
  actorRole: string | null;
  stateValue: string | null;
  taskId: string | null;
  payload: Record<string, unknown>;
  /** The trace the write belongs to (tracing on), so an entry leads to the spans that produced it. */
  traceId: string | null;
}

/**
 * Numbers entries after `lastSeq` into WorkflowEvent rows. The caller holds the instance row lock (lockInstance
 * or lockTask read lastSeq under it) and writes the rows with the new lastSeq in one statement (store/sql: every
 * writer's INSERT_TIMELINE), which is what keeps each instance's sequence gap-free. Returns the rows and the new lastSeq.
 */
export function timelineRows(
  scope: { lastSeq: number; stateValue?: string | null },
  entries: TimelineEntry[],
): { rows: TimelineRow[]; lastSeq: number } {
  const traceId = activeTraceId();
  const rows = entries.map((entry, index) => ({
    seq: scope.lastSeq + 1 + index,
    type: entry.type,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    actorRole: entry.actor.role ?? null,
    stateValue: entry.stateValue ?? scope.stateValue ?? null,
    taskId: entry.taskId ?? null,
    payload: entry.payload,
    traceId,
  }));
  return { rows, lastSeq: scope.lastSeq + entries.length };
}

/** timelineRows in the shape the SQL writers take: `timeline` and the instance's new `lastSeq`. */
export function numbered(
  scope: { lastSeq: number; stateValue?: string | null },
  entries: TimelineEntry[],
): { timeline: TimelineRow[]; lastSeq: number } {
  const { rows, lastSeq } = timelineRows(scope, entries);
  return { timeline: rows, lastSeq };
}
