import type pg from 'pg';
import { systemActor } from '../contracts/actor';
import type { ApplyEventJob } from '../contracts/jobs';
import { lockInstance } from './sql/instance-statements';
import { countDeliveryFailure } from './sql/outbox-statements';
import { appendToInstance } from './sql/task-statements';
import { inTransaction } from './sql/transaction';
import { numbered, type TimelineEntry } from './timeline';

/** How many deliveries of one event may throw before it is dead-lettered. */
export const DEFAULT_MAX_EVENT_FAILURES = 5;

const MAX_ERROR_CHARS = 2_000;

// SQLSTATE classes that say the database (not the event) was the problem: connection, transaction rollback
// (deadlock, serialization), insufficient resources, operator intervention, system error.
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57', '58']);

/**
 * Whether an error is the infrastructure's fault (a lost connection, a deadlock, a pool timeout): such a delivery
 * is retried without counting against the event, so an outage never dead-letters healthy events.
 */
export function isTransientInfrastructureError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^E[A-Z]+$/.test(code)) return true; // ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE …
    if (code.length === 5 && TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2))) return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed/i.test(
    error.message,
  );
}

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_CHARS);
}

/**
 * Counts one failed delivery of an event whose application threw (a poison message). Below `maxFailures` the
 * caller retries; at the limit the outbox row is dead-lettered (the sweeper skips it), the timeline records
 * `event.rejected` with the error, and a running instance is marked failed — all in one transaction.
 */
export async function recordEventFailure(
  pool: pg.Pool,
  params: { job: ApplyEventJob; outboxId: string; error: string; maxFailures: number; now: Date },
): Promise<'retry' | 'dead-lettered'> {
  const { job, now } = params;
  return inTransaction(pool, async (client) => {
    // Instance first, then the outbox row: the lock order of every other writer.
    const locked = await lockInstance(client, { tenantId: job.tenantId, instanceId: job.instanceId });
    const counted = await countDeliveryFailure(client, { ...params, instanceExists: locked !== undefined });
    if (!locked || !counted?.deadLettered) return 'retry';
    const { instance } = locked;
    const entries: TimelineEntry[] = [
      {
        type: 'event.rejected',
        actor: systemActor,
        payload: {
          event: job.event.type,
          payload: job.event.payload ?? null,
          error: params.error,
          deliveries: counted.failures,
          messageId: params.outboxId,
          sentBy: job.actor,
        },
      },
    ];
    const fails = instance.status === 'running';
    if (fails) {
      entries.push({
        type: 'instance.failed',
        actor: systemActor,
        payload: {
          reason: `event "${job.event.type}" could not be applied after ${counted.failures} deliveries: ${params.error}`,
          messageId: params.outboxId,
        },
      });
    }
    await appendToInstance(client, {
      tenantId: job.tenantId,
      instanceId: job.instanceId,
      now,
      ...numbered(instance, entries),
      outbox: [],
      ...(fails ? { status: 'failed' as const } : {}),
    });
    return 'dead-lettered';
  });
}
