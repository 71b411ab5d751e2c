import { TASK_RUNNER_QUEUE, type ApplyEventJob } from '../../contracts/jobs';
import type { JsonValue } from '../../contracts/json';
import { sqlTimestamp, type SqlClient } from './transaction';

// Sets or clears an operator's pause (the caller holds the instance lock). $3 null clears it.
const SET_PAUSE = `UPDATE "WorkflowInstance" SET "pausedAt" = $3::timestamp(3), "pauseCursor" = $4
  WHERE id = $1::uuid AND "tenantId" = $2`;

/** Pauses (`at` set) or resumes (`at` null) the locked instance; `cursor` is where held events start. */
export async function setPause(
  client: SqlClient,
  scope: { tenantId: string; instanceId: string },
  at: Date | null,
  cursor: number,
): Promise<void> {
  await client.query({
    name: 'sy_set_pause',
    text: SET_PAUSE,
    values: [scope.instanceId, scope.tenantId, at ? sqlTimestamp(at) : null, cursor],
  });
}

const MOVE_CURSOR = `UPDATE "WorkflowInstance" SET "pauseCursor" = $3 WHERE id = $1::uuid AND "tenantId" = $2`;

/** A resume that applied part of the held events records how far it got; the next part starts after it. */
export async function movePauseCursor(
  client: SqlClient,
  scope: { tenantId: string; instanceId: string },
  cursor: number,
): Promise<void> {
  await client.query({
    name: 'sy_move_pause_cursor',
    text: MOVE_CURSOR,
    values: [scope.instanceId, scope.tenantId, cursor],
  });
}

// The messages of the instance's queued (and delayed) tasks are settled, so no worker starts them while paused;
// the tasks stay queued, and a resume publishes them again.
const SETTLE_QUEUED = `WITH queued AS (
  SELECT id::text AS id FROM "Task" WHERE "instanceId" = $1::uuid AND "tenantId" = $2 AND status = 'queued'
), settled AS (
  UPDATE "Outbox" SET "processedAt" = $3::timestamp(3)
  WHERE "processedAt" IS NULL AND queue = $4 AND payload->>'taskId' IN (SELECT id FROM queued) RETURNING id::text
)
SELECT (SELECT count(*) FROM queued)::int AS tasks, ARRAY(SELECT id FROM settled) AS messages`;

/** Holds the instance's queued tasks: returns how many and the BullMQ job ids to remove after commit. */
export async function holdQueuedTasks(
  client: SqlClient,
  scope: { tenantId: string; instanceId: string },
  now: Date,
): Promise<{ tasks: number; messages: string[] }> {
  const { rows } = await client.query<{ tasks: number; messages: string[] }>({
    name: 'sy_hold_queued_tasks',
    text: SETTLE_QUEUED,
    values: [scope.instanceId, scope.tenantId, sqlTimestamp(now), TASK_RUNNER_QUEUE],
  });
  return rows[0] ?? { tasks: 0, messages: [] };
}

// Tasks with a pending message (one a held event created during the resume) are left alone.
const QUEUED_TASKS = `SELECT t.id::text AS id, (extract(epoch FROM t."nextRunAt") * 1000)::float8 AS "nextRunAtMs"
  FROM "Task" t WHERE t."instanceId" = $1::uuid AND t."tenantId" = $2 AND t.status = 'queued'
    AND NOT EXISTS (SELECT 1 FROM "Outbox" o WHERE o."processedAt" IS NULL AND o.queue = $3 AND o.payload->>'taskId' = t.id::text)
  ORDER BY t."createdAt", t.id`;

/** The instance's queued tasks without a pending message, to publish again on resume (each when it is due). */
export async function queuedTasks(
  client: SqlClient,
  scope: { tenantId: string; instanceId: string },
): Promise<{ id: string; nextRunAt: Date }[]> {
  const { rows } = await client.query<{ id: string; nextRunAtMs: number }>({
    name: 'sy_queued_tasks',
    text: QUEUED_TASKS,
    values: [scope.instanceId, scope.tenantId, TASK_RUNNER_QUEUE],
  });
  return rows.map((row) => ({ id: row.id, nextRunAt: new Date(row.nextRunAtMs) }));
}

// An event a pause held: its event.ignored marker (after the cursor) joined to the event.received entry that keeps
// the event, its payload, its reason and who sent it.
const HELD_BY_PAUSE = `SELECT m.seq AS "markerSeq", r."actorType", r."actorId", r."actorRole", r.payload AS received,
    m.payload->'held'->>'failedTaskId' AS "failedTaskId"
  FROM "WorkflowEvent" m
  JOIN "WorkflowEvent" r ON r."instanceId" = m."instanceId" AND r.seq = (m.payload->'held'->>'receivedSeq')::int
    AND r.type = 'event.received'
  WHERE m."instanceId" = $1::uuid AND m."tenantId" = $2 AND m.seq > $3 AND m.type = 'event.ignored'
    AND m.payload->'held'->>'by' = 'pause'
  ORDER BY m.seq LIMIT $4`;

export interface HeldJob {
  /** The seq of the event.ignored entry that held it: the resume's cursor moves past it. */
  markerSeq: number;
  job: ApplyEventJob;
}

/** The next `limit` events a pause held, oldest first, rebuilt as the jobs they arrived as. */
export async function heldByPause(
  client: SqlClient,
  scope: { tenantId: string; instanceId: string },
  afterSeq: number,
  limit: number,
): Promise<HeldJob[]> {
  const { rows } = await client.query<{
    markerSeq: number;
    actorType: string;
    actorId: string;
    actorRole: string | null;
    received: { event: string; payload?: JsonValue; reason?: string | null; batchId?: string | null };
    failedTaskId: string | null;
  }>({
    name: 'sy_held_by_pause',
    text: HELD_BY_PAUSE,
    values: [scope.instanceId, scope.tenantId, afterSeq, limit],
  });
  return rows.map((row) => ({
    markerSeq: row.markerSeq,
    job: {
      tenantId: scope.tenantId,
      instanceId: scope.instanceId,
      event: { type: row.received.event, payload: row.received.payload ?? null },
      actor: {
        type: row.actorType,
        id: row.actorId,
        ...(row.actorRole ? { role: row.actorRole } : {}),
      } as ApplyEventJob['actor'],
      ...(row.received.reason ? { reason: row.received.reason } : {}),
      ...(row.failedTaskId ? { failedTaskId: row.failedTaskId } : {}),
      ...(row.received.batchId ? { batchId: row.received.batchId } : {}),
    },
  }));
}
