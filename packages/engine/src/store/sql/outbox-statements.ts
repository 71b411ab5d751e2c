import { ORCHESTRATOR_QUEUE } from '../../contracts/jobs';
import { outboxRows, type OutboxMessage } from '../outbox';
import { insertOutbox } from './fragments';
import { sqlTimestamp, type SqlClient } from './transaction';

// The outbox insert of every writer, here behind a live instance of the tenant rather than an updated row: one
// statement, no lock, no interactive transaction (a burst of sends would otherwise hold a pooled connection each).
const QUEUE_EVENTS = `WITH inst AS (
  SELECT 1 FROM "WorkflowInstance" WHERE id = $1::uuid AND "tenantId" = $2 AND status NOT IN ('completed', 'cancelled')
), ${insertOutbox('$3', '$4')}
SELECT (SELECT count(*) FROM ob)::int AS inserted`;

/** Queues event messages for an instance while it exists in the tenant and still takes events; false otherwise. */
export async function queueEventsIfLive(
  client: SqlClient,
  scope: { tenantId: string; instanceId: string; now: Date },
  messages: OutboxMessage[],
): Promise<boolean> {
  const { rows } = await client.query<{ inserted: number }>({
    name: 'sy_queue_events',
    text: QUEUE_EVENTS,
    values: [scope.instanceId, scope.tenantId, sqlTimestamp(scope.now), JSON.stringify(outboxRows(messages))],
  });
  return (rows[0]?.inserted ?? 0) > 0;
}

// Counts a failed delivery and, at the limit ($4, only while the instance exists: $5), dead-letters the row at once.
const COUNT_FAILURE = `UPDATE "Outbox" SET failures = failures + 1, "lastError" = $2,
    "deadLetteredAt" = CASE WHEN $5::boolean AND failures + 1 >= $4 THEN $3::timestamp(3) END
  WHERE id = $1::uuid AND "processedAt" IS NULL AND "deadLetteredAt" IS NULL
  RETURNING failures, "deadLetteredAt" IS NOT NULL AS "deadLettered"`;

/**
 * Counts one failed delivery of an event message (the caller holds its instance's lock). Returns the count and
 * whether the row was dead-lettered; undefined when the row was consumed or dead-lettered meanwhile.
 */
export async function countDeliveryFailure(
  client: SqlClient,
  params: { outboxId: string; error: string; now: Date; maxFailures: number; instanceExists: boolean },
): Promise<{ failures: number; deadLettered: boolean } | undefined> {
  const { rows } = await client.query<{ failures: number; deadLettered: boolean }>({
    name: 'sy_count_delivery_failure',
    text: COUNT_FAILURE,
    values: [params.outboxId, params.error, sqlTimestamp(params.now), params.maxFailures, params.instanceExists],
  });
  return rows[0];
}

export interface DeadLetterRow {
  id: string;
  tenantId: string;
  jobName: string;
  payload: unknown;
  /** The error it was dead-lettered with (before a retry cleared it). */
  lastError: string | null;
}

// What an operator does with an open dead letter: deliver it again with fresh deliveries, or settle it for good.
const SETTLE_DEAD_LETTER = {
  retry: `"deadLetteredAt" = NULL, failures = 0, "lastError" = NULL, "publishedAt" = $3::timestamp(3)`,
  discard: `"processedAt" = $3::timestamp(3), "discardedAt" = $3::timestamp(3)`,
} as const;

function settleText(action: keyof typeof SETTLE_DEAD_LETTER): string {
  return `WITH open AS MATERIALIZED (
  SELECT id, "lastError" FROM "Outbox"
  WHERE id = $1::uuid AND "tenantId" = $2 AND queue = '${ORCHESTRATOR_QUEUE}' AND "deadLetteredAt" IS NOT NULL AND "processedAt" IS NULL
  FOR UPDATE
)
UPDATE "Outbox" o SET ${SETTLE_DEAD_LETTER[action]} FROM open WHERE o.id = open.id
RETURNING o.id, o."tenantId", o."jobName", o.payload, open."lastError"`;
}

/**
 * Retries or discards an open dead letter of the tenant (the caller holds its instance's lock, taken first like
 * every writer). Undefined when it is not an open dead letter (already retried or discarded).
 */
export async function settleDeadLetter(
  client: SqlClient,
  params: { tenantId: string; messageId: string; action: keyof typeof SETTLE_DEAD_LETTER; now: Date },
): Promise<DeadLetterRow | undefined> {
  const { rows } = await client.query<DeadLetterRow>({
    name: `sy_dead_letter_${params.action}`,
    text: settleText(params.action),
    values: [params.messageId, params.tenantId, sqlTimestamp(params.now)],
  });
  return rows[0];
}
