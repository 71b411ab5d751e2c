// Operational rows that only record what happened (webhook deliveries in and out, ended sessions and invitations,
// cleared alert firings) are deleted once they are older than the retention policy. Append-only history
// (WorkflowEvent, AuditLog) is never pruned here, by design. Each statement deletes at most `batchSize` rows, picked
// with FOR UPDATE SKIP LOCKED so it never waits on a row a worker is using (a delivery being finished).
import { Prisma, type PrismaClient } from '../generated/prisma/client';

export interface RetentionPolicy {
  /** Delivered outbound deliveries (with their attempts) and accepted inbound deliveries (RETENTION_DELIVERED_DAYS). */
  deliveredDays: number;
  /** Failed outbound deliveries, rejected inbound ones, ended invitations, cleared alert firings (RETENTION_FAILED_DAYS). */
  failedDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { deliveredDays: 7, failedDays: 30 };

/** Expired sessions and verification tokens can never be used again; a day's grace keeps them for a look. */
const EXPIRED_GRACE_MS = 24 * 60 * 60_000;

export type PrunedCounts = Record<
  | 'outboundDelivered'
  | 'outboundFailed'
  | 'inboundAccepted'
  | 'inboundRejected'
  | 'sessions'
  | 'verifications'
  | 'invitations'
  | 'alertFirings',
  number
>;

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 60 * 60_000);

/** Deletes one batch of a table's rows matching `where` (a condition on alias t); returns how many. */
async function deleteBatch(prisma: PrismaClient, table: string, where: Prisma.Sql, batchSize: number) {
  const name = Prisma.raw(`"${table}"`);
  return prisma.$executeRaw`
    DELETE FROM ${name} WHERE id IN (
      SELECT t.id FROM ${name} t WHERE ${where} LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)`;
}

/** Outbound deliveries and their attempts go together, in one statement. */
async function deleteOutboundBatch(prisma: PrismaClient, where: Prisma.Sql, batchSize: number) {
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    WITH gone AS (
      DELETE FROM "OutboundDelivery" WHERE id IN (
        SELECT t.id FROM "OutboundDelivery" t WHERE ${where} LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
      RETURNING id
    ), attempts AS (
      DELETE FROM "OutboundAttempt" a USING gone WHERE a."deliveryId" = gone.id
    )
    SELECT count(*)::int AS n FROM gone`;
  return row?.n ?? 0;
}

/**
 * One pass: every kind of row in batches until none is left or `maxBatches` batches of a kind were deleted (the
 * next pass goes on), so a first run over a large backlog never holds one long transaction.
 */
export async function pruneOperationalRows(
  prisma: PrismaClient,
  params: { now: Date; policy: RetentionPolicy; batchSize: number; maxBatches: number },
): Promise<PrunedCounts> {
  const delivered = daysBefore(params.now, params.policy.deliveredDays);
  const failed = daysBefore(params.now, params.policy.failedDays);
  const expired = new Date(params.now.getTime() - EXPIRED_GRACE_MS);
  const kinds: [keyof PrunedCounts, (batch: number) => Promise<number>][] = [
    [
      'outboundDelivered',
      (n) => deleteOutboundBatch(prisma, Prisma.sql`t.status = 'delivered' AND t."deliveredAt" < ${delivered}`, n),
    ],
    [
      'outboundFailed',
      (n) => deleteOutboundBatch(prisma, Prisma.sql`t.status = 'failed' AND t."createdAt" < ${failed}`, n),
    ],
    [
      'inboundAccepted',
      (n) =>
        deleteBatch(prisma, 'InboundDelivery', Prisma.sql`t.status = 'accepted' AND t."receivedAt" < ${delivered}`, n),
    ],
    [
      'inboundRejected',
      (n) =>
        deleteBatch(prisma, 'InboundDelivery', Prisma.sql`t.status = 'rejected' AND t."receivedAt" < ${failed}`, n),
    ],
    ['sessions', (n) => deleteBatch(prisma, 'Session', Prisma.sql`t."expiresAt" < ${expired}`, n)],
    ['verifications', (n) => deleteBatch(prisma, 'Verification', Prisma.sql`t."expiresAt" < ${expired}`, n)],
    [
      'invitations',
      (n) =>
        deleteBatch(
          prisma,
          'Invitation',
          Prisma.sql`coalesce(t."acceptedAt", t."revokedAt", t."expiresAt") < ${failed}`,
          n,
        ),
    ],
    ['alertFirings', (n) => deleteBatch(prisma, 'AlertFiring', Prisma.sql`t."clearedAt" < ${failed}`, n)],
  ];
  const counts = {} as PrunedCounts;
  for (const [kind, deleteOne] of kinds) {
    counts[kind] = 0;
    for (let i = 0; i < params.maxBatches; i += 1) {
      const n = await deleteOne(params.batchSize);
      counts[kind] += n;
      if (n < params.batchSize) break;
    }
  }
  return counts;
}
