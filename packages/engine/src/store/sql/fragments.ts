import type { OutboxMessage } from '../outbox';
import type { TimelineRow } from '../timeline';

// Pieces of the fixed-shape write statements. Each writer binds the same first six parameters:
// $1 instance id, $2 tenant id, $3 the instance's new lastSeq, $4 now, $5 timeline rows (jsonb), $6 outbox rows (jsonb).
// Data-modifying CTEs all run to completion in one statement, so a whole write is one round trip. Each writer's first
// CTE is `inst` (the instance row it updates or inserts); rows are written only when it returned one, so a write to
// an instance that is not there (or, for a start, already taken) writes nothing.

/** What every writer binds as $1–$6 (the outbox and timeline rows as JSON). */
export interface InstanceAppend {
  tenantId: string;
  instanceId: string;
  now: Date;
  lastSeq: number;
  timeline: TimelineRow[];
  outbox: OutboxMessage[];
}

/** Appends the timeline rows of $5 (numbered by the caller under the instance lock). */
export const INSERT_TIMELINE = `ev AS (
  INSERT INTO "WorkflowEvent" ("tenantId", "instanceId", seq, type, "actorType", "actorId", "actorRole", "stateValue", "taskId", payload, "traceId", "createdAt")
  SELECT $2, $1::uuid, e.seq, e.type, e."actorType", e."actorId", e."actorRole", e."stateValue", e."taskId", e.payload, e."traceId", $4::timestamp(3)
  FROM jsonb_to_recordset($5::jsonb) AS e(seq int, type text, "actorType" text, "actorId" text, "actorRole" text, "stateValue" text, "taskId" uuid, payload jsonb, "traceId" text)
  WHERE EXISTS (SELECT 1 FROM inst)
  RETURNING 1)`;

/** Inserts the outbox rows of `rows` (jsonb), committed (or not) with the change that needs them. */
export function insertOutbox(now: string, rows: string): string {
  return `ob AS (
  INSERT INTO "Outbox" (id, "tenantId", "instanceId", queue, "jobName", payload, "availableAt", "createdAt")
  SELECT o.id, o."tenantId", o."instanceId", o.queue, o."jobName", o.payload, o."availableAt", ${now}::timestamp(3)
  FROM jsonb_to_recordset(${rows}::jsonb) AS o(id uuid, "tenantId" text, "instanceId" uuid, queue text, "jobName" text, payload jsonb, "availableAt" timestamp(3))
  WHERE EXISTS (SELECT 1 FROM inst)
  RETURNING 1)`;
}

/** The outbox insert of the fixed-shape writers: the rows of $6 at $4. */
export const INSERT_OUTBOX = insertOutbox('$4', '$6');

/** The columns of a Task row as jsonb_to_recordset reads them from the JSON the writers send. */
export const TASK_RECORD = `t(id uuid, type text, name text, input jsonb, "maxAttempts" int, "runAt" timestamp(3), "nextRunAt" timestamp(3),
  "idempotencyKey" text, "completionEvent" text, "failureEvent" text)`;

/** Task columns in insert order, and the matching select list over TASK_RECORD ($1 instance, $2 tenant, $4 now). */
export const TASK_COLUMNS = `(id, "tenantId", "instanceId", type, name, input, "maxAttempts", "runAt", "nextRunAt", "idempotencyKey",
  "completionEvent", "failureEvent", "createdAt", "updatedAt")`;
export const TASK_VALUES = `t.id, $2, $1::uuid, t.type, t.name, t.input, t."maxAttempts", t."runAt", t."nextRunAt", t."idempotencyKey",
  t."completionEvent", t."failureEvent", $4::timestamp(3), $4::timestamp(3)`;

/**
 * The snapshot column as stored: without its context, which the instance's `context` column holds (once). Reading
 * puts it back (INSTANCE_COLUMNS), so the core sees the whole snapshot.
 */
export function storedSnapshot(snapshot: unknown): string {
  if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) return JSON.stringify(snapshot);
  const { context: _held, ...rest } = snapshot as Record<string, unknown>;
  return JSON.stringify(rest);
}
