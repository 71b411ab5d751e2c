import type { JsonValue } from '../../json';
import { outboxRows, type OutboxMessage } from '../outbox';
import type { TimelineRow } from '../timeline';
import { INSERT_OUTBOX, INSERT_TIMELINE } from './fragments';
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
  lastSeq: number;
  stateValue: string;
  /** Whether the delivered outbox message was marked consumed by this call. */
  marked: boolean;
}

// Instance row first, then the task row (the task CTE reads inst, so it waits for that lock): the one lock order.
// The message is marked consumed unless the task is claimable but not yet due — exactly when claimTask keeps it.
// Timestamps are compared here, not in JS: node-postgres would read timestamp(3) in the process's local zone.
const LOCK_TASK = `WITH inst AS MATERIALIZED (
  SELECT id, "lastSeq", "stateValue" FROM "WorkflowInstance"
  WHERE id = (SELECT "instanceId" FROM "Task" WHERE id = $1::uuid AND "tenantId" = $2) FOR UPDATE
), task AS MATERIALIZED (
  SELECT t.id, t."tenantId", t."instanceId", t.type, t.name, t.input, t.status::text AS status, t.attempts, t."maxAttempts", t."lostAttempts",
    t."completionEvent", t."failureEvent",
    (t.status = 'running' AND t."leaseExpiresAt" IS NOT NULL AND t."leaseExpiresAt" < $3::timestamp(3)) AS "leaseLost",
    (t."nextRunAt" > $3::timestamp(3) + interval '1 second') AS early,
    (extract(epoch FROM t."nextRunAt") * 1000)::float8 AS "nextRunAtMs"
  FROM "Task" t WHERE t.id = $1::uuid AND t."tenantId" = $2 AND t."instanceId" = (SELECT id FROM inst) FOR UPDATE
), mark AS (
  UPDATE "Outbox" SET "processedAt" = $3::timestamp(3)
  WHERE id = $4::uuid AND "processedAt" IS NULL
    AND EXISTS (SELECT 1 FROM task WHERE NOT ((status = 'queued' OR "leaseLost") AND early))
  RETURNING 1
)
SELECT task.*, inst."lastSeq", inst."stateValue", EXISTS (SELECT 1 FROM mark) AS marked FROM task, inst`;

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

// What each attempt step does to the task row; $7 is the task id, $8 onwards the step's own values.
const TASK_UPDATES = {
  claim: `UPDATE "Task" SET status = 'running', attempts = $8, "startedAt" = $4::timestamp(3), "leaseExpiresAt" = $9::timestamp(3), "lostAttempts" = $10, "updatedAt" = $4::timestamp(3) WHERE id = $7::uuid`,
  succeed: `UPDATE "Task" SET status = 'succeeded', output = $8::jsonb, "finishedAt" = $4::timestamp(3), "leaseExpiresAt" = NULL, "lastError" = NULL, "updatedAt" = $4::timestamp(3) WHERE id = $7::uuid`,
  retry: `UPDATE "Task" SET status = 'queued', "nextRunAt" = $8::timestamp(3), "leaseExpiresAt" = NULL, "lastError" = $9, "updatedAt" = $4::timestamp(3) WHERE id = $7::uuid`,
  fail: `UPDATE "Task" SET status = 'failed', "finishedAt" = $4::timestamp(3), "leaseExpiresAt" = NULL, "lastError" = $8, "updatedAt" = $4::timestamp(3) WHERE id = $7::uuid`,
} as const;

/** How an attempt step changes the task row; `none` only writes the timeline (output discarded after a cancel). */
export type TaskChange =
  | { kind: 'claim'; attempt: number; lostAttempts: number; leaseExpiresAt: Date }
  | { kind: 'succeed'; output: JsonValue }
  | { kind: 'retry'; nextRunAt: Date; error: string }
  | { kind: 'fail'; error: string }
  | { kind: 'none' };

function changeValues(change: Exclude<TaskChange, { kind: 'none' }>): unknown[] {
  switch (change.kind) {
    case 'claim':
      return [change.attempt, sqlTimestamp(change.leaseExpiresAt), change.lostAttempts];
    case 'succeed':
      return [JSON.stringify(change.output)];
    case 'retry':
      return [sqlTimestamp(change.nextRunAt), change.error];
    case 'fail':
      return [change.error];
  }
}

function writeText(kind: TaskChange['kind']): string {
  const task = kind === 'none' ? '' : `, tk AS (${TASK_UPDATES[kind]} RETURNING 1)`;
  // The instance row's lastSeq only (a raw bump, as appendTimeline's reserve did: no updatedAt).
  return `WITH inst AS (UPDATE "WorkflowInstance" SET "lastSeq" = $3 WHERE id = $1::uuid RETURNING 1), ${INSERT_TIMELINE}, ${INSERT_OUTBOX}${task}
SELECT (SELECT count(*) FROM inst)::int AS instances`;
}
const WRITE_TEXT = Object.fromEntries(
  (['claim', 'succeed', 'retry', 'fail', 'none'] as const).map((kind) => [kind, writeText(kind)]),
) as Record<TaskChange['kind'], string>;

/** Writes one attempt step — task row, timeline, outbox, the instance's lastSeq — in one statement. */
export async function writeTaskStep(
  client: SqlClient,
  write: {
    task: Pick<LockedTask, 'id' | 'tenantId' | 'instanceId'>;
    now: Date;
    lastSeq: number;
    timeline: TimelineRow[];
    outbox: OutboxMessage[];
    change: TaskChange;
  },
): Promise<void> {
  const { task, change } = write;
  const values: unknown[] = [
    task.instanceId,
    task.tenantId,
    write.lastSeq,
    sqlTimestamp(write.now),
    JSON.stringify(write.timeline),
    JSON.stringify(outboxRows(write.outbox)),
  ];
  if (change.kind !== 'none') values.push(task.id, ...changeValues(change));
  const { rows } = await client.query<{ instances: number }>({
    name: `sy_task_${change.kind}`,
    text: WRITE_TEXT[change.kind],
    values,
  });
  if (rows[0]?.instances !== 1) throw new Error(`instance ${task.instanceId} vanished while writing its timeline`);
}
