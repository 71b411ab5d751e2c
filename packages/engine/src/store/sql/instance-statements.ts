import type { PersistedSnapshot } from '../../core';
import type { InstanceStatus } from '../../contracts/statuses';
import { outboxRows } from '../outbox';
import {
  INSERT_OUTBOX,
  INSERT_TIMELINE,
  TASK_COLUMNS,
  TASK_RECORD,
  TASK_VALUES,
  storedSnapshot,
  type InstanceAppend,
} from './fragments';
import { sqlTimestamp, type SqlClient } from './transaction';

export interface LockedInstance {
  id: string;
  tenantId: string;
  definitionId: string;
  status: InstanceStatus;
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

// The snapshot is stored without its context (storedSnapshot); the context column puts it back.
const INSTANCE_COLUMNS = `id, "tenantId", "definitionId", status::text AS status, "stateValue",
  snapshot || jsonb_build_object('context', context) AS snapshot, "lastSeq",
  "transitionCount", (extract(epoch FROM "minuteStartedAt") * 1000)::float8 AS "minuteStartedMs", "minuteTransitions", "taskCount",
  "guardLimits", "guardTripped", "pausedAt" IS NOT NULL AS paused, "pauseCursor"`;

// The pending events are read in a subquery of the locked row, so only after the lock is held; FOR UPDATE re-checks
// each against its newest version, so a message the previous lock holder consumed (committed while this statement
// waited) is skipped rather than applied again. Messages committed later get their own wake-up.
const LOCK_INSTANCE = `WITH inst AS MATERIALIZED (
  SELECT ${INSTANCE_COLUMNS} FROM "WorkflowInstance" WHERE id = $1::uuid AND "tenantId" = $2 FOR UPDATE
)
SELECT inst.*, (SELECT coalesce(json_agg(json_build_object('id', p.id, 'payload', p.payload) ORDER BY p.position), '[]'::json)
  FROM (SELECT o.id, o.payload, o.position FROM "Outbox" o
    WHERE o."instanceId" = inst.id AND o."processedAt" IS NULL AND o."deadLetteredAt" IS NULL
    ORDER BY o.position LIMIT $3 FOR UPDATE) p) AS pending
FROM inst`;

/** A message waiting for its instance: the outbox row id and the event it carries (not yet parsed). */
export interface PendingMessage {
  id: string;
  payload: unknown;
}

/**
 * Locks the instance row and, in the same round trip, reads up to `limit` of its pending events in the order they
 * were committed. With `limit` 0 it only locks. Undefined when the instance does not exist in this tenant.
 */
export async function lockInstanceWithPending(
  client: SqlClient,
  params: { tenantId: string; instanceId: string; limit: number },
): Promise<{ instance: LockedInstance; pending: PendingMessage[] } | undefined> {
  const { rows } = await client.query<LockedInstance & { pending: PendingMessage[] }>({
    name: 'sy_lock_instance',
    text: LOCK_INSTANCE,
    values: [params.instanceId, params.tenantId, params.limit],
  });
  const row = rows[0];
  if (!row) return undefined;
  const { pending, ...instance } = row;
  return { instance, pending };
}

/**
 * Locks the instance row for a writer that applies no pending events (an operator action, a dead-letter count, a
 * pause): the same statement, and so the same lock order, as the apply path. Undefined when it is not in the tenant.
 */
export async function lockInstance(
  client: SqlClient,
  scope: { tenantId: string; instanceId: string },
): Promise<{ instance: LockedInstance } | undefined> {
  const locked = await lockInstanceWithPending(client, { ...scope, limit: 0 });
  return locked && { instance: locked.instance };
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
    version = version + $10::int, status = COALESCE($11::"InstanceStatus", status), "completedAt" = COALESCE($12::timestamp(3), "completedAt"),
    "transitionCount" = "transitionCount" + $14, "taskCount" = "taskCount" + $15,
    "minuteStartedAt" = COALESCE($16::timestamp(3), "minuteStartedAt"), "minuteTransitions" = COALESCE($17::int, "minuteTransitions"),
    "guardTripped" = COALESCE($18, "guardTripped"),
    "stateEnteredAt" = CASE WHEN $7::text <> "stateValue" OR $20::boolean THEN $4::timestamp(3) ELSE "stateEnteredAt" END
  WHERE id = $1::uuid RETURNING 1
), ${INSERT_TIMELINE}, ${INSERT_OUTBOX}, tk AS (
  INSERT INTO "Task" ${TASK_COLUMNS} SELECT ${TASK_VALUES} FROM jsonb_to_recordset($13::jsonb) AS ${TASK_RECORD} RETURNING 1
), consumed AS (
  UPDATE "Outbox" SET "processedAt" = $4::timestamp(3) WHERE id = ANY($19::uuid[]) AND "processedAt" IS NULL RETURNING 1
)
SELECT (SELECT count(*) FROM inst)::int AS instances, (SELECT count(*) FROM consumed)::int AS consumed,
  EXISTS (SELECT 1 FROM "Outbox" o WHERE o."instanceId" = $1::uuid AND o."processedAt" IS NULL
    AND o."deadLetteredAt" IS NULL AND o.id <> ALL($19::uuid[])) AS "morePending"`;

export interface InstanceWrite extends InstanceAppend {
  tasks: NewTaskRow[];
  /**
   * Set only when events moved the instance: where it ended, how many events moved it (the version advances by as
   * many) and whether its state changed on the way (stateEnteredAt moves even if it came back to where it was).
   */
  moved?: {
    stateValue: string;
    context: unknown;
    snapshot: unknown;
    completedAt: Date | null;
    versions: number;
    stateChanged: boolean;
  };
  status?: Exclude<InstanceStatus, 'cancelled'>;
  /** Runaway guard counters after this event (store/runaway-guards.ts); absent: unchanged. */
  guards?: { transitions: number; tasks: number; minuteStartedAt: Date; minuteTransitions: number };
  /** The guard that just stopped the instance. */
  guardTripped?: string;
  /** Outbox messages (pending events of this instance, locked by lockInstanceWithPending) this write consumes. */
  consumed?: string[];
}

/**
 * Writes what one or several events did to an instance — row, timeline, unkeyed tasks, outbox, the consumed
 * messages — in one statement. Every writer of an instance's timeline and outbox goes through here or writeTaskStep.
 * Returns whether events of the instance are pending beyond those consumed: the statement's snapshot is newer than
 * the lock's, so it sees events committed while the batch was applied (their wake-up is deduplicated against the
 * running one), and the orchestrator applies them at once.
 */
export async function writeInstance(client: SqlClient, write: InstanceWrite): Promise<{ morePending: boolean }> {
  const { moved } = write;
  const consumed = write.consumed ?? [];
  const { rows } = await client.query<{ instances: number; consumed: number; morePending: boolean }>({
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
      moved ? storedSnapshot(moved.snapshot) : null,
      moved?.versions ?? 0,
      write.status ?? null,
      moved?.completedAt ? sqlTimestamp(moved.completedAt) : null,
      JSON.stringify(write.tasks),
      write.guards?.transitions ?? 0,
      write.guards?.tasks ?? 0,
      write.guards ? sqlTimestamp(write.guards.minuteStartedAt) : null,
      write.guards?.minuteTransitions ?? null,
      write.guardTripped ?? null,
      consumed,
      moved?.stateChanged ?? false,
    ],
  });
  if (rows[0]?.instances !== 1) throw new Error(`instance ${write.instanceId} vanished while applying an event`);
  // The messages were locked unconsumed by this transaction: anything else is a broken lock order, so roll back.
  if (rows[0].consumed !== consumed.length)
    throw new Error(
      `instance ${write.instanceId}: ${consumed.length - rows[0].consumed} pending messages were consumed by someone else`,
    );
  return { morePending: rows[0].morePending };
}
