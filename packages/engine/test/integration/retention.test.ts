import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/queues/connection';
import { IntervalClaim } from '../../src/queues/interval-claim';
import { runRetentionTick } from '../../src/runtime/retention';
import { DEFAULT_RETENTION } from '../../src/store/retention';
import { createHarness, REDIS_URL, type Harness } from '../support/harness';

// Retention of operational rows on the real database: what a deployment accumulates over weeks is written with old
// timestamps, then two workers' retention ticks run at once. One of them prunes, in batches; rows inside their
// retention and the append-only history stay.
const DAY = 24 * 60 * 60_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

describe('retention', () => {
  let h: Harness;
  const redis = createRedis(REDIS_URL, { maxRetriesPerRequest: 3 });
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h.close();
    await redis.quit();
  });

  async function outbound(status: 'delivered' | 'failed' | 'pending', createdDaysAgo: number, attempts = 2) {
    const id = randomUUID();
    await h.engine.deps.prisma.outboundDelivery.create({
      data: {
        id,
        tenantId: 'demo',
        channel: 'webhook',
        eventType: 'instance.completed',
        payload: {},
        status,
        attempts,
        createdAt: ago(createdDaysAgo),
        ...(status === 'delivered' ? { deliveredAt: ago(createdDaysAgo) } : {}),
      },
    });
    for (let attempt = 1; attempt <= attempts; attempt += 1)
      await h.engine.deps.prisma.outboundAttempt.create({
        data: { tenantId: 'demo', deliveryId: id, attempt, ok: status === 'delivered', durationMs: 5 },
      });
    return id;
  }

  async function inbound(status: 'accepted' | 'rejected', receivedDaysAgo: number) {
    const row = await h.engine.deps.prisma.inboundDelivery.create({
      data: {
        tenantId: 'demo',
        endpointId: randomUUID(),
        status,
        httpStatus: status === 'accepted' ? 202 : 401,
        bodyBytes: 10,
        receivedAt: ago(receivedDaysAgo),
      },
    });
    return row.id;
  }

  it('deletes delivered rows after 7 days and failed ones after 30, with their attempts, in one worker, in batches', async () => {
    const prisma = h.engine.deps.prisma;
    const old = {
      delivered: await Promise.all([8, 9, 10, 11, 12].map((d) => outbound('delivered', d))),
      failed: await outbound('failed', 31),
      accepted: await inbound('accepted', 8),
      rejected: await inbound('rejected', 31),
    };
    const kept = {
      delivered: await outbound('delivered', 6),
      failed: await outbound('failed', 20),
      pending: await outbound('pending', 40),
      accepted: await inbound('accepted', 6),
      rejected: await inbound('rejected', 29),
    };
    const user = await prisma.user.findFirstOrThrow({ where: { email: 'viewer@demo.test' } });
    const session = (expiresDaysAgo: number) =>
      prisma.session.create({
        data: { id: randomUUID(), token: randomUUID(), userId: user.id, expiresAt: ago(expiresDaysAgo) },
      });
    const [expiredSession, liveSession] = [await session(2), await session(-7)];
    const invitation = (endedDaysAgo: number) =>
      prisma.invitation.create({
        data: {
          tenantId: 'demo',
          email: `${randomUUID()}@example.test`,
          role: 'viewer',
          tokenHash: randomUUID(),
          invitedBy: 'admin@demo.test',
          expiresAt: ago(endedDaysAgo),
        },
      });
    const [oldInvitation, pendingInvitation] = [await invitation(31), await invitation(-3)];
    const history = async () => ({ events: await prisma.workflowEvent.count(), audit: await prisma.auditLog.count() });
    const historyBefore = await history();

    const claim = (worker: string) => new IntervalClaim(redis, h.queuePrefix, 'retention', 60_000, worker);
    const options = { policy: DEFAULT_RETENTION, batchSize: 2, maxBatches: 100 };
    const passes = await Promise.all([
      runRetentionTick(h.engine.deps, { ...options, claim: claim('worker-a') }),
      runRetentionTick(h.engine.deps, { ...options, claim: claim('worker-b') }),
    ]);
    const pass = passes.find((p) => p !== null);
    expect(passes.filter((p) => p === null)).toHaveLength(1);
    expect(pass).toMatchObject({
      outboundDelivered: 5,
      outboundFailed: 1,
      inboundAccepted: 1,
      inboundRejected: 1,
      sessions: 1,
      invitations: 1,
    });

    const outboundIds = [...old.delivered, old.failed, kept.delivered, kept.failed, kept.pending];
    const left = await prisma.outboundDelivery.findMany({ where: { id: { in: outboundIds } }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([kept.delivered, kept.failed, kept.pending].sort());
    const attemptsLeft = await prisma.outboundAttempt.findMany({ where: { deliveryId: { in: outboundIds } } });
    expect(new Set(attemptsLeft.map((a) => a.deliveryId))).toEqual(
      new Set([kept.delivered, kept.failed, kept.pending]),
    );
    const inboundLeft = await prisma.inboundDelivery.findMany({
      where: { id: { in: [old.accepted, old.rejected, kept.accepted, kept.rejected] } },
      select: { id: true },
    });
    expect(inboundLeft.map((r) => r.id).sort()).toEqual([kept.accepted, kept.rejected].sort());
    expect(await prisma.session.findUnique({ where: { id: expiredSession.id } })).toBeNull();
    expect(await prisma.session.findUnique({ where: { id: liveSession.id } })).not.toBeNull();
    expect(await prisma.invitation.findUnique({ where: { id: oldInvitation.id } })).toBeNull();
    expect(await prisma.invitation.findUnique({ where: { id: pendingInvitation.id } })).not.toBeNull();
    // WorkflowEvent and AuditLog are append-only history: never pruned.
    expect(await history()).toEqual(historyBefore);
  });

  it('reads its retention from RETENTION_DELIVERED_DAYS and RETENTION_FAILED_DAYS', async () => {
    const { readEnv } = await import('../../src/config/env');
    const { workerConfigFromEnv } = await import('../../src/runtime/worker-config');
    const config = workerConfigFromEnv(
      readEnv({ RETENTION_DELIVERED_DAYS: '2', RETENTION_FAILED_DAYS: '14', RETENTION_INTERVAL_MS: '60000' }),
    );
    expect(config.retention).toEqual({ policy: { deliveredDays: 2, failedDays: 14 }, intervalMs: 60_000 });
  });
});
