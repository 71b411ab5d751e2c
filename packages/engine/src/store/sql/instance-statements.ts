import type { PersistedSnapshot } from '../../core';
import { outboxRows } from '../outbox';
import {
  INSERT_OUTBOX,
  INSERT_TIMELINE,
  TASK_COLUMNS,
  TASK_RECORD,
  TASK_VALUES,
  type InstanceAppend,
} from './fragments';
import { sqlTimestamp, type SqlClient } from './transaction';

export interface LockedInstance {
  id: string;
  tenantId: string;
  definitionId: string;
  status: 'running' | 'failed' | 'completed' | 'cancelled';
  stateValue: string;
  snapshot: PersistedSnapshot;
  lastSeq: number;
  /** Runaway guard counters and state (store/runaway-guards.ts). */
  transitionCount: number;
  minuteStartedMs: number | null;
  minuteTransitions: number;
  taskCount: number;
  guardLimits: unknown;
  guardTripped: string | null;
  /** An operator paused it (store/paused.ts): events are held until resumed. */
  paused: boolean;
  /** The timeline seq up to which a resume has applied the held events. */
  pauseCursor: number;
}

// The EXISTS makes the outbox update wait for the instance row lock: instance first, like every other writer.
const LOCK_INSTANCE = `WITH inst AS MATERIALIZED (
  SELECT id, "tenantId", "definitionId", status::text AS status, "stateValue", snapshot, "lastSeq",
    "transitionCount", (extract(epoch FROM "minuteStartedAt") * 1000)::float8 AS "minuteStartedMs", "minuteTransitions", "taskCount",
    "guardLimits", "guardTripped", "pausedAt" IS NOT NULL AS paused, "pauseCursor"
  FROM "WorkflowInstance" WHERE id = $1::uuid AND "tenantId" = $2 FOR UPDATE
), mark AS (
  UPDATE "Outbox" SET "processedAt" = $4::timestamp(3)
  WHERE id = $3::uuid AND "processedAt" IS NULL AND EXISTS (SELECT 1 FROM inst)
  RETURNING 1
)
SELECT inst.*, (SELECT count(*) FROM mark)::int AS marked FROM inst`;

/**
 * Locks the instance row and, in the same round trip, marks the delivered outbox message consumed. `fresh` is
 * false when the message was consumed before (a duplicate delivery); with no message it is always true.
 */
export async function lockInstanceAndMark(
  client: SqlClient,
  params: { tenantId: string; instanceId: string; outboxId?: string; now: Date },
): Promise<{ instance: LockedInstance; fresh: boolean } | undefined> {
  const { rows } = await client.query<LockedInstance & { marked: number }>({
    name: 'sy_lock_instance',
    text: LOCK_INSTANCE,
    values: [params.instanceId, params.tenantId, params.outboxId ?? null, sqlTimestamp(params.now)],
  });
  const row = rows[0];
  if (!row) return undefined;
  const { marked, ...instance } = row;
  return { instance, fresh: params.outboxId === undefined || marked === 1 };
}

/** A Task row to insert, as the writers send it (timestamps as ISO strings). */
export interface NewTaskRow {
  id: string;
  type: string;
  name: string;
  input: unknown;
  maxAttempts: number;
  runAt: string | null;
  nextRunAt: string;
  idempotencyKey: string | null;
  completionEvent: string | null;
  failureEvent: string | null;
}

const INSERT_KEYED_TASKS = `INSERT INTO "Task" ${TASK_COLUMNS}
  SELECT ${TASK_VALUES} FROM jsonb_to_recordset($3::jsonb) AS ${TASK_RECORD}
  ON CONFLICT ("instanceId", "idempotencyKey") DO NOTHING RETURNING id`;

/** Inserts tasks that carry an idempotencyKey; a key this instance already used inserts nothing. Returns the ids inserted. */
export async function insertKeyedTasks(
  client: SqlClient,
  scope: { tenantId: string; instanceId: string; now: Date },
  tasks: NewTaskRow[],
): Promise<Set<string>> {
  const { rows } = await client.query<{ id: string }>({
    name: 'sy_insert_keyed_tasks',
    text: INSERT_KEYED_TASKS,
    values: [scope.instanceId, scope.tenantId, JSON.stringify(tasks), sqlTimestamp(scope.now)],
  });
  return new Set(rows.map((row) => row.id));
}

// Every column but lastSeq and updatedAt is optional: NULL keeps the stored value (none of them is ever set to NULL here).
// stateEnteredAt moves only when the state changes (SET reads the row as it was), for "waiting longer than".
// The tasks of $13 carry no idempotencyKey, so they cannot conflict (NULLs are distinct in the unique index).
const WRITE_INSTANCE = `WITH inst AS (
  UPDATE "WorkflowInstance" SET "lastSeq" = $3, "updatedAt" = $4::timestamp(3),
    "stateValue" = COALESCE($7, "stateValue"), context = COALESCE($8::jsonb, context), snapshot = COALESCE($9::jsonb, snapshot),
    version = version + $10, status = COALESCE($11::"InstanceStatus", status), "completedAt" = COALESCE($12::timestamp(3), "completedAt"),
    "transitionCount" = "transitionCount" + $14, "taskCount" = "taskCount" + $15,
    "minuteStartedAt" = COALESCE($16::timestamp(3), "minuteStartedAt"), "minuteTransitions" = COALESCE($17::int, "minuteTransitions"),
    "guardTripped" = COALESCE($18, "guardTripped"),
    "stateEnteredAt" = CASE WHEN $7::text <> "stateValue" THEN $4::timestamp(3) ELSE "stateEnteredAt" END
  WHERE id = $1::uuid RETURNING 1
), ${INSERT_TIMELINE}, ${INSERT_OUTBOX}, tk AS (
  INSERT INTO "Task" ${TASK_COLUMNS} SELECT ${TASK_VALUES} FROM jsonb_to_recordset($13::jsonb) AS ${TASK_RECORD} RETURNING 1
)
SELECT (SELECT count(*) FROM inst)::int AS instances`;

export interface InstanceWrite extends InstanceAppend {
  tasks: NewTaskRow[];
  /** Set only when the event moved the instance. */
  moved?: { stateValue: string; context: unknown; snapshot: unknown; completedAt: Date | null };
  status?: 'running' | 'failed' | 'completed';
  /** Runaway guard counters after this event (store/runaway-guards.ts); absent: unchanged. */
  guards?: { transitions: number; tasks: number; minuteStartedAt: Date; minuteTransitions: number };
  /** The guard that just stopped the instance. */
  guardTripped?: string;
}

/** Writes what one event did to an instance — row, timeline, unkeyed tasks, outbox — in one statement. */
export async function writeInstance(client: SqlClient, write: InstanceWrite): Promise<void> {
  const { moved } = write;
  const { rows } = await client.query<{ instances: number }>({
    name: 'sy_write_instance',
    text: WRITE_INSTANCE,
    values: [
      write.instanceId,
      write.tenantId,
      write.lastSeq,
      sqlTimestamp(write.now),
      JSON.stringify(write.timeline),
      JSON.stringify(outboxRows(write.outbox)),
      moved?.stateValue ?? null,
      moved ? JSON.stringify(moved.context) : null,
      moved ? JSON.stringify(moved.snapshot) : null,
      moved ? 1 : 0,
      write.status ?? null,
      moved?.completedAt ? sqlTimestamp(moved.completedAt) : null,
      JSON.stringify(write.tasks),
      write.guards?.transitions ?? 0,
      write.guards?.tasks ?? 0,
      write.guards ? sqlTimestamp(write.guards.minuteStartedAt) : null,
      write.guards?.minuteTransitions ?? null,
      write.guardTripped ?? null,
    ],
  });
  if (rows[0]?.instances !== 1) throw new Error(`instance ${write.instanceId} vanished while applying an event`);
}
