import { outboxRows } from '../outbox';
import {
  INSERT_OUTBOX,
  INSERT_TIMELINE,
  storedSnapshot,
  TASK_COLUMNS,
  TASK_RECORD,
  TASK_VALUES,
  type InstanceAppend,
} from './fragments';
import type { NewTaskRow } from './instance-statements';
import { sqlTimestamp, type SqlClient } from './transaction';

/** The definition a start uses: the newest version of `key` in the tenant, or the given one. */
export interface StartDefinition {
  id: string;
  key: string;
  version: number;
}

const FIND_DEFINITION = `SELECT id, key, version FROM "WorkflowDefinition"
  WHERE "tenantId" = $1 AND key = $2 AND ($3::int IS NULL OR version = $3) ORDER BY version DESC LIMIT 1`;

/** One indexed read, as a prepared statement (the start path's only read besides the definition cache). */
export async function findStartDefinition(
  client: SqlClient,
  params: { tenantId: string; key: string; version?: number },
): Promise<StartDefinition | undefined> {
  const { rows } = await client.query<StartDefinition>({
    name: 'sy_find_start_definition',
    text: FIND_DEFINITION,
    values: [params.tenantId, params.key, params.version ?? null],
  });
  return rows[0];
}

/** A new instance as it is after the events applied in its creating transaction (WORKFLOW_START, usually). */
export interface StartedInstanceRow {
  id: string;
  tenantId: string;
  definitionId: string;
  definitionKey: string;
  definitionVersion: number;
  businessKey: string | null;
  createdBy: string;
  /** The start input, stored once, here. */
  input: unknown;
  status: 'running' | 'failed' | 'completed';
  stateValue: string;
  context: unknown;
  snapshot: unknown;
  /** One per applied event, as writeInstance advances it. */
  version: number;
  completedAt: Date | null;
  transitionCount: number;
  taskCount: number;
  minuteStartedAt: Date | null;
  minuteTransitions: number;
}

// The instance goes in already in the state its first events left it, so the row and its ten indexes (two of them
// GIN) are written once rather than inserted and then updated in the same transaction. A business key already taken
// (ON CONFLICT DO NOTHING: a concurrent start with the same key waits for the other transaction) writes nothing.
const START_INSTANCE = `WITH inst AS (
  INSERT INTO "WorkflowInstance" (id, "tenantId", "definitionId", "definitionKey", "definitionVersion", "businessKey", "createdBy",
    input, status, "stateValue", context, snapshot, version, "lastSeq", "completedAt", "transitionCount", "taskCount",
    "minuteStartedAt", "minuteTransitions", "createdAt", "updatedAt", "stateEnteredAt")
  VALUES ($1::uuid, $2, $7::uuid, $8, $9, $10, $11,
    $12::jsonb, $13::"InstanceStatus", $14, $15::jsonb, $16::jsonb, $17, $3, $18::timestamp(3), $19, $20,
    $21::timestamp(3), $22, $4::timestamp(3), $4::timestamp(3), $4::timestamp(3))
  ON CONFLICT DO NOTHING
  RETURNING 1
), ${INSERT_TIMELINE}, ${INSERT_OUTBOX}, tk AS (
  INSERT INTO "Task" ${TASK_COLUMNS} SELECT ${TASK_VALUES} FROM jsonb_to_recordset($23::jsonb) AS ${TASK_RECORD}
  WHERE EXISTS (SELECT 1 FROM inst) RETURNING 1
)
SELECT (SELECT count(*) FROM inst)::int AS instances`;

/**
 * Inserts a started instance with its timeline, its (unkeyed) tasks and its outbox rows in one statement.
 * False when its business key was taken by another instance (nothing was written).
 */
export async function insertStartedInstance(
  client: SqlClient,
  write: InstanceAppend & { row: StartedInstanceRow; tasks: NewTaskRow[] },
): Promise<boolean> {
  const { row } = write;
  const { rows } = await client.query<{ instances: number }>({
    name: 'sy_start_instance',
    text: START_INSTANCE,
    values: [
      row.id,
      row.tenantId,
      write.lastSeq,
      sqlTimestamp(write.now),
      JSON.stringify(write.timeline),
      JSON.stringify(outboxRows(write.outbox)),
      row.definitionId,
      row.definitionKey,
      row.definitionVersion,
      row.businessKey,
      row.createdBy,
      JSON.stringify(row.input),
      row.status,
      row.stateValue,
      JSON.stringify(row.context),
      storedSnapshot(row.snapshot),
      row.version,
      row.completedAt ? sqlTimestamp(row.completedAt) : null,
      row.transitionCount,
      row.taskCount,
      row.minuteStartedAt ? sqlTimestamp(row.minuteStartedAt) : null,
      row.minuteTransitions,
      JSON.stringify(write.tasks),
    ],
  });
  return rows[0]?.instances === 1;
}
