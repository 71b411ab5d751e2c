import type { Prisma } from '../generated/prisma/client';
import type { Actor } from '../actor';
import { toPrismaJson } from '../json';

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

/**
 * Reserves `count` sequence numbers on the instance row (locking it until commit) and returns the first.
 * Every writer of WorkflowEvent goes through here, which is what keeps each instance's sequence gap-free.
 */
async function reserveSequence(
  tx: Prisma.TransactionClient,
  instanceId: string,
  count: number,
): Promise<{ first: number; stateValue: string }> {
  const rows = await tx.$queryRaw<{ lastSeq: number; stateValue: string }[]>`
    UPDATE "WorkflowInstance" SET "lastSeq" = "lastSeq" + ${count} WHERE id = ${instanceId}::uuid
    RETURNING "lastSeq", "stateValue"`;
  const row = rows[0];
  if (!row) throw new Error(`instance ${instanceId} vanished while writing its timeline`);
  return { first: row.lastSeq - count + 1, stateValue: row.stateValue };
}

/** Appends entries to an instance's timeline in order, numbering them after `lastSeq` (the caller holds the row lock). */
export async function appendTimeline(
  tx: Prisma.TransactionClient,
  scope: { tenantId: string; instanceId: string; lastSeq?: number; stateValue?: string },
  entries: TimelineEntry[],
  now: Date,
): Promise<number> {
  if (entries.length === 0) return scope.lastSeq ?? 0;
  let first: number;
  let stateValue: string | undefined = scope.stateValue;
  if (scope.lastSeq === undefined) {
    const reserved = await reserveSequence(tx, scope.instanceId, entries.length);
    first = reserved.first;
    stateValue ??= reserved.stateValue;
  } else {
    first = scope.lastSeq + 1;
  }
  await tx.workflowEvent.createMany({
    data: entries.map((entry, index) => ({
      tenantId: scope.tenantId,
      instanceId: scope.instanceId,
      seq: first + index,
      type: entry.type,
      actorType: entry.actor.type,
      actorId: entry.actor.id,
      actorRole: entry.actor.role ?? null,
      stateValue: entry.stateValue ?? stateValue ?? null,
      taskId: entry.taskId ?? null,
      payload: toPrismaJson(entry.payload),
      createdAt: now,
    })),
  });
  return first + entries.length - 1;
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
}

/**
 * Numbers entries after `lastSeq` (the caller holds the instance row lock) into rows for a plain-SQL insert;
 * the same columns appendTimeline writes. Returns the rows and the new lastSeq.
 */
export function timelineRows(
  scope: { lastSeq: number; stateValue?: string | null },
  entries: TimelineEntry[],
): { rows: TimelineRow[]; lastSeq: number } {
  const rows = entries.map((entry, index) => ({
    seq: scope.lastSeq + 1 + index,
    type: entry.type,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    actorRole: entry.actor.role ?? null,
    stateValue: entry.stateValue ?? scope.stateValue ?? null,
    taskId: entry.taskId ?? null,
    payload: entry.payload,
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
