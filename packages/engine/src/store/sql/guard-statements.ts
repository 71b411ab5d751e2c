import type { Actor } from '../../contracts/actor';
import type { JsonValue } from '../../contracts/json';
import type { HeldEvent } from '../guard-writes';
import type { SqlClient } from './transaction';

/** The latest `instance.guard_tripped` entry of an instance, for a caller holding the instance lock. */
export async function latestTrip(
  client: SqlClient,
  instanceId: string,
): Promise<
  { seq: number; payload: { guard?: string; limit?: number; held?: HeldEvent; parkedTasks?: string[] } } | undefined
> {
  const { rows } = await client.query<{
    seq: number;
    payload: { limit?: number; held?: HeldEvent; parkedTasks?: string[] };
  }>({
    name: 'sy_latest_trip',
    text: `SELECT seq, payload FROM "WorkflowEvent" WHERE "instanceId" = $1::uuid AND type = 'instance.guard_tripped' ORDER BY seq DESC LIMIT 1`,
    values: [instanceId],
  });
  return rows[0];
}

/** The event an `event.received` entry recorded, with who sent it. */
export interface ReceivedEvent {
  seq: number;
  actor: Actor;
  payload: { event: string; payload?: JsonValue; reason?: string | null };
}

/**
 * The events a guard held back since the trip at `tripSeq` (the trip's own, then each `event.ignored` that held one),
 * in the order they arrived, read back from their `event.received` entries.
 */
export async function heldEventsSince(
  client: SqlClient,
  instanceId: string,
  trip: { seq: number; held?: HeldEvent },
): Promise<{ held: HeldEvent; received: ReceivedEvent }[]> {
  const later = await client.query<{ held: HeldEvent | null }>({
    name: 'sy_held_since',
    text: `SELECT payload->'held' AS held FROM "WorkflowEvent" WHERE "instanceId" = $1::uuid AND seq > $2 AND type = 'event.ignored' ORDER BY seq`,
    values: [instanceId, trip.seq],
  });
  const held = [trip.held ?? null, ...later.rows.map((row) => row.held)].filter((h): h is HeldEvent => h !== null);
  const { rows } = await client.query<{
    seq: number;
    actorType: string;
    actorId: string;
    actorRole: string | null;
    payload: ReceivedEvent['payload'];
  }>({
    name: 'sy_received_at',
    text: `SELECT seq, "actorType", "actorId", "actorRole", payload FROM "WorkflowEvent" WHERE "instanceId" = $1::uuid AND seq = ANY($2::int[]) AND type = 'event.received'`,
    values: [instanceId, held.map((h) => h.receivedSeq)],
  });
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  return held.flatMap((h) => {
    const row = bySeq.get(h.receivedSeq);
    if (!row) return [];
    const actor = { type: row.actorType, id: row.actorId, ...(row.actorRole ? { role: row.actorRole } : {}) } as Actor;
    return [{ held: h, received: { seq: row.seq, actor, payload: row.payload } }];
  });
}

/** Clears the tripped guard and stores the instance's raised caps (the caller then appends, with status running). */
export async function clearGuard(
  client: SqlClient,
  instanceId: string,
  guardLimits: Record<string, number>,
): Promise<void> {
  await client.query({
    name: 'sy_clear_guard',
    text: `UPDATE "WorkflowInstance" SET "guardTripped" = NULL, "guardLimits" = $2::jsonb WHERE id = $1::uuid`,
    values: [instanceId, JSON.stringify(guardLimits)],
  });
}
