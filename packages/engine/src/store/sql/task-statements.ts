import type { JsonValue } from '../../json';
import type { InstanceStatus } from '../../contracts/statuses';
import { outboxRows, type OutboxMessage } from '../outbox';
import { TASK_RUNNER_QUEUE } from '../../contracts/jobs';
import type { TimelineRow } from '../timeline';
import { INSERT_OUTBOX, INSERT_TIMELINE, type InstanceAppend } from './fragments';
import { sqlTimestamp, type SqlClient } from './transaction';

/** A task row locked for an attempt, with its instance's timeline position (also locked). */
export interface LockedTask {
  id: string;
  tenantId: string;
  instanceId: string;
  type: string;
  name: string;
  input: JsonValue;
  status: string;
  /** What the task stored (an AI decision's record); null until it succeeds. */
  output: JsonValue | null;
  attempts: number;
  maxAttempts: number;
  lostAttempts: number;
  completionEvent: string | null;
  failureEvent: string | null;
  /** Running, but its lease ran out before `now`: the worker that claimed it died. */
  leaseLost: boolean;
  /** Not due for more than a second after `now` (an early republish). */
  early: boolean;
  nextRunAtMs: number;
  /** When a running attempt's lease runs out; null when not running. */
  leaseExpiresAtMs: number | null;
  lastSeq: number;
  stateValue: string;
  instanceStatus: InstanceStatus;
  /** An operator paused the instance (store/paused.ts): none of its tasks may start. */
  instancePaused: boolean;
  /** Whether the delivered outbox message was marked consumed by this call. */
  marked: boolean;
}

// Instance row first, then the task row (the task CTE reads inst, so it waits for that lock): the one lock order.
// The message is marked consumed unless the task is claimable but not yet due — exactly when claimTask keeps it.
// Timestamps are compared here, not in JS: node-postgres would read timestamp(3) in the process's local zone.
const LOCK_TASK = `WITH inst AS MATERIALIZED (
  SELECT id, "lastSeq", "stateValue", status::text AS "instanceStatus", "pausedAt" IS NOT NULL AS "instancePaused" FROM "WorkflowInstance"
  WHERE id = (SELECT "instanceId" FROM "Task" WHERE id = $1::uuid AND "tenantId" = $2) FOR UPDATE
), task AS MATERIALIZED (
  SELECT t.id, t."tenantId", t."instanceId", t.type, t.name, t.input, t.status::text AS status, t.output, t.attempts, t."maxAttempts", t."lostAttempts",
    t."completionEvent", t."failureEvent",
    (t.status = 'running' AND t."leaseExpiresAt" IS NOT NULL AND t."leaseExpiresAt" < $3::timestamp(3)) AS "leaseLost",
    (t."nextRunAt" > $3::timestamp(3) + interval '1 second') AS early,
    (extract(epoch FROM t."nextRunAt") * 1000)::float8 AS "nextRunAtMs",
    (extract(epoch FROM t."leaseExpiresAt") * 1000)::float8 AS "leaseExpiresAtMs"
  FROM "Task" t WHERE t.id = $1::uuid AND t."tenantId" = $2 AND t."instanceId" = (SELECT id FROM inst) FOR UPDATE
), mark AS (
  UPDATE "Outbox" SET "processedAt" = $3::timestamp(3)
  WHERE id = $4::uuid AND "processedAt" IS NULL
    AND EXISTS (SELECT 1 FROM task WHERE NOT ((status = 'queued' OR "leaseLost") AND early))
  RETURNING 1
)
SELECT task.*, inst."lastSeq", inst."stateValue", inst."instanceStatus", inst."instancePaused", EXISTS (SELECT 1 FROM mark) AS marked FROM task, inst`;

/** Locks a task's instance, then the task (one round trip); marks `outboxId` consumed unless the task is not yet due. */
export async function lockTask(
  client: SqlClient,
  params: { tenantId: string; taskId: string; outboxId?: string; now: Date },
): Promise<LockedTask | undefined> {
  const { rows } = await client.query<LockedTask>({
    name: 'sy_lock_task',
    text: LOCK_TASK,
    values: [params.taskId, params.tenantId, sqlTimestamp(params.now), params.outboxId ?? null],
  });
  return rows[0];
}

// What each step does to the task row; $8 is the task id, $9 onwards the step's own values. A NULL in a COALESCE keeps
// the stored value, so the worker's retry, the sweeper's requeue and the console's retry are one statement.
const TASK_UPDATES = {
  claim: `UPDATE "Task" SET status = 'running', attempts = $9, "startedAt" = $4::timestamp(3), "leaseExpiresAt" = $10::timestamp(3), "lostAttempts" = $11, "updatedAt" = $4::timestamp(3) WHERE id = $8::uuid`,
  succeed: `UPDATE "Task" SET status = 'succeeded', output = $9::jsonb, "finishedAt" = $4::timestamp(3), "leaseExpiresAt" = NULL, "lastError" = NULL, "updatedAt" = $4::timestamp(3) WHERE id = $8::uuid`,
  retry: `UPDATE "Task" SET status = 'queued', "nextRunAt" = $9::timestamp(3), attempts = COALESCE($10::int, attempts), "lostAttempts" = COALESCE($11::int, "lostAttempts"),
    "lastError" = COALESCE($12, "lastError"), "finishedAt" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = $4::timestamp(3) WHERE id = $8::uuid`,
  fail: `UPDATE "Task" SET status = 'failed', "finishedAt" = $4::timestamp(3), "leaseExpiresAt" = NULL, "lastError" = $9, "lostAttempts" = COALESCE($10::int, "lostAttempts"), "updatedAt" = $4::timestamp(3) WHERE id = $8::uuid`,
  cancel: `UPDATE "Task" SET status = 'cancelled', "finishedAt" = $4::timestamp(3), "leaseExpiresAt" = NULL, "updatedAt" = $4::timestamp(3) WHERE id = $8::uuid`,
  output: `UPDATE "Task" SET output = $9::jsonb, "updatedAt" = $4::timestamp(3) WHERE id = $8::uuid`,
} as const;

/** How a step changes the task row; `none` only writes the timeline (output discarded after a cancel). */
export type TaskChange =
  | { kind: 'claim'; attempt: number; lostAttempts: number; leaseExpiresAt: Date }
  | { kind: 'succeed'; output: JsonValue }
  /** Queued again at `nextRunAt`: the worker after a failed attempt (`error`), the sweeper after a lost one, an operator. */
  | { kind: 'retry'; nextRunAt: Date; error?: string; attempts?: number; lostAttempts?: number }
  | { kind: 'fail'; error: string; lostAttempts?: number }
  /** Cancelled by an operator; its pending run-task messages are settled in the same statement. */
  | { kind: 'cancel' }
  /** Replaces the stored output only (an operator resolving an AI decision). */
  | { kind: 'output'; output: JsonValue }
  | { kind: 'none' };

function changeValues(change: Exclude<TaskChange, { kind: 'none' }>): unknown[] {
  switch (change.kind) {
    case 'claim':
      return [change.attempt, sqlTimestamp(change.leaseExpiresAt), change.lostAttempts];
    case 'succeed':
    case 'output':
      return [JSON.stringify(change.output)];
    case 'retry':
      return [
        sqlTimestamp(change.nextRunAt),
        change.attempts ?? null,
        change.lostAttempts ?? null,
        change.error ?? null,
      ];
    case 'fail':
      return [change.error, change.lostAttempts ?? null];
    case 'cancel':
      return [];
  }
}

// A cancelled task will never run: its messages not yet consumed are settled (the sweeper leaves them alone) and
// returned, so the caller can remove their jobs from the queue.
const SETTLE_TASK_MESSAGES = `settled AS (
  UPDATE "Outbox" SET "processedAt" = $4::timestamp(3)
  WHERE "processedAt" IS NULL AND queue = '${TASK_RUNNER_QUEUE}' AND payload->>'taskId' = $8::text RETURNING id)`;

function writeText(kind: TaskChange['kind']): string {
  const task = kind === 'none' ? '' : `, tk AS (${TASK_UPDATES[kind]} RETURNING 1)`;
  const settle = kind === 'cancel' ? `, ${SETTLE_TASK_MESSAGES}` : '';
  const settled = kind === 'cancel' ? 'ARRAY(SELECT id::text FROM settled)' : `'{}'::text[]`;
  // The instance row's lastSeq; its status (and updatedAt) only when $7 names a new one. cancelledAt goes with
  // 'cancelled', and a cancelled instance holds nothing: its pause ends.
  return `WITH inst AS (
  UPDATE "WorkflowInstance" SET "lastSeq" = $3, status = COALESCE($7::"InstanceStatus", status),
    "updatedAt" = CASE WHEN $7::text IS NULL THEN "updatedAt" ELSE $4::timestamp(3) END,
    "cancelledAt" = CASE WHEN $7::text = 'cancelled' THEN $4::timestamp(3) ELSE "cancelledAt" END,
    "pausedAt" = CASE WHEN $7::text = 'cancelled' THEN NULL ELSE "pausedAt" END
  WHERE id = $1::uuid RETURNING 1
), ${INSERT_TIMELINE}, ${INSERT_OUTBOX}${task}${settle}
SELECT (SELECT count(*) FROM inst)::int AS instances, ${settled} AS settled`;
}
const WRITE_TEXT = Object.fromEntries(
  (['claim', 'succeed', 'retry', 'fail', 'cancel', 'output', 'none'] as const).map((kind) => [kind, writeText(kind)]),
) as Record<TaskChange['kind'], string>;

/**
 * Writes one step of a task — task row, timeline, outbox, the instance's lastSeq (and status, when given) — in one
 * statement, under the locks lockTask took. The worker, the sweeper and every operator action on a task write
 * through here. Returns the ids of the run-task messages a cancel settled.
 */
export async function writeTaskStep(
  client: SqlClient,
  write: {
    task: Pick<LockedTask, 'id' | 'tenantId' | 'instanceId'>;
    now: Date;
    lastSeq: number;
    timeline: TimelineRow[];
    outbox: OutboxMessage[];
    change: TaskChange;
    /** The instance's new status (a retry resumes a failed instance); absent: unchanged. */
    instanceStatus?: InstanceStatus;
  },
): Promise<string[]> {
  const { task, change } = write;
  const values: unknown[] = [
    task.instanceId,
    task.tenantId,
    write.lastSeq,
    sqlTimestamp(write.now),
    JSON.stringify(write.timeline),
    JSON.stringify(outboxRows(write.outbox)),
    write.instanceStatus ?? null,
  ];
  if (change.kind !== 'none') values.push(task.id, ...changeValues(change));
  const { rows } = await client.query<{ instances: number; settled: string[] }>({
    name: `sy_task_${change.kind}`,
    text: WRITE_TEXT[change.kind],
    values,
  });
  if (rows[0]?.instances !== 1) throw new Error(`instance ${task.instanceId} vanished while writing its timeline`);
  return rows[0].settled;
}

/**
 * Appends timeline entries and outbox rows to a locked instance (lockInstance), with its new status when
 * given: the write of an action on an instance rather than on one task. The same statement as a task step with no
 * task change.
 */
export async function appendToInstance(
  client: SqlClient,
  write: InstanceAppend & { status?: InstanceStatus },
): Promise<void> {
  const { tenantId, instanceId, status, ...rest } = write;
  await writeTaskStep(client, {
    ...rest,
    task: { id: '', tenantId, instanceId },
    change: { kind: 'none' },
    ...(status ? { instanceStatus: status } : {}),
  });
}

/**
 * Tasks of an instance in one of `statuses` (and among `ids`, when given), oldest first, for a caller holding the
 * instance lock: every task writer takes that lock first, so these rows stay as read until commit.
 */
export async function instanceTasks<S extends string>(
  client: SqlClient,
  instanceId: string,
  filter: { statuses: readonly S[]; ids?: readonly string[] },
): Promise<{ id: string; name: string; status: S; attempts: number }[]> {
  const { rows } = await client.query<{ id: string; name: string; status: S; attempts: number }>({
    name: 'sy_instance_tasks',
    text: `SELECT id, name, status::text AS status, attempts FROM "Task"
      WHERE "instanceId" = $1::uuid AND status::text = ANY($2::text[]) AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))
      ORDER BY "createdAt", id`,
    values: [instanceId, filter.statuses, filter.ids ?? null],
  });
  return rows;
}
