// Outbound deliveries (subscriptions, alerts): claimed with a lease, so a worker that dies mid-delivery lets the
// lease expire and another worker delivers again; finished in one transaction with the attempt it records.
import type { PrismaClient } from '../generated/prisma/client';
import type { JsonValue } from '../json';

export interface ClaimedDelivery {
  id: string;
  tenantId: string;
  channel: 'webhook' | 'email';
  eventType: string;
  payload: JsonValue;
  attempts: number;
  subscriptionId: string | null;
  alertRuleId: string | null;
  /** Where it goes now (the subscription's or the rule's current settings); null when that was deleted. */
  url: string | null;
  secretName: string | null;
  emailTo: string | null;
  targetExists: boolean;
}

/**
 * Claims due deliveries fairly: at most `perTenant` in flight per tenant (counting those other workers hold), the
 * oldest first within a tenant, tenants interleaved. A row another worker claimed in the meantime is skipped by the
 * UPDATE's re-check of the lease.
 */
export async function claimDueDeliveries(
  prisma: PrismaClient,
  options: { now: Date; limit: number; perTenant: number; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  return prisma.$queryRaw<ClaimedDelivery[]>`
    WITH busy AS (
      SELECT "tenantId", count(*)::int AS n FROM "OutboundDelivery"
       WHERE status = 'pending' AND "leaseUntil" > ${options.now}
       GROUP BY "tenantId"
    ), due AS (
      SELECT id, "tenantId", row_number() OVER (PARTITION BY "tenantId" ORDER BY "nextAttemptAt", id) AS rn
        FROM (SELECT id, "tenantId", "nextAttemptAt" FROM "OutboundDelivery"
               WHERE status = 'pending' AND "nextAttemptAt" <= ${options.now}
                 AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${options.now})
               ORDER BY "nextAttemptAt" LIMIT 1000) oldest
    ), pick AS (
      SELECT due.id FROM due LEFT JOIN busy USING ("tenantId")
       WHERE due.rn + coalesce(busy.n, 0) <= ${options.perTenant}
       ORDER BY due.rn, due.id LIMIT ${options.limit}
    ), claimed AS (
      UPDATE "OutboundDelivery" d SET "leaseUntil" = ${leaseUntil}, attempts = d.attempts + 1
        FROM pick
       WHERE d.id = pick.id AND d.status = 'pending' AND (d."leaseUntil" IS NULL OR d."leaseUntil" <= ${options.now})
      RETURNING d.*
    )
    SELECT c.id, c."tenantId", c.channel, c."eventType", c.payload, c.attempts, c."subscriptionId", c."alertRuleId",
           coalesce(s.url, r.url) AS url, coalesce(s."secretName", r."secretName") AS "secretName", r."emailTo",
           (s.id IS NOT NULL OR r.id IS NOT NULL) AS "targetExists"
      FROM claimed c
      LEFT JOIN "WebhookSubscription" s ON s.id = c."subscriptionId"
      LEFT JOIN "AlertRule" r ON r.id = c."alertRuleId"`;
}

export interface AttemptOutcome {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  startedAt: Date;
  /** When to try again; null: no more attempts (delivered, or failed for good). */
  retryAt: Date | null;
}

/** Records the attempt and moves the delivery on (delivered, retry later, or failed), in one transaction. */
export async function finishDeliveryAttempt(
  prisma: PrismaClient,
  delivery: Pick<ClaimedDelivery, 'id' | 'tenantId' | 'attempts'>,
  outcome: AttemptOutcome,
): Promise<void> {
  const status = outcome.ok ? 'delivered' : outcome.retryAt ? 'pending' : 'failed';
  await prisma.$transaction([
    prisma.outboundAttempt.create({
      data: {
        tenantId: delivery.tenantId,
        deliveryId: delivery.id,
        attempt: delivery.attempts,
        ok: outcome.ok,
        httpStatus: outcome.httpStatus,
        error: outcome.error,
        durationMs: outcome.durationMs,
        startedAt: outcome.startedAt,
      },
    }),
    prisma.outboundDelivery.update({
      where: { id: delivery.id },
      data: {
        status,
        leaseUntil: null,
        lastError: outcome.error,
        ...(outcome.retryAt ? { nextAttemptAt: outcome.retryAt } : {}),
        ...(outcome.ok ? { deliveredAt: outcome.startedAt } : {}),
      },
    }),
  ]);
}
