// The outbound delivery log (subscriptions and alerts): every delivery with every attempt, and "redeliver".
import type { z } from 'zod';
import { listOutboundDeliveriesInput, type ListOutboundDeliveriesInput } from '../../contracts/queries';
import type { TenantContext } from '../../contracts/actor';
import { recordAudit } from '../../access/audit';
import { EngineError } from '../../errors';
import { idInput } from '../../hooks/config-schemas';
import type { EngineDeps } from '../../deps/engine-deps';
import { parseInput } from '../parse-input';

/** The newest deliveries of the tenant's subscriptions (or alert rules), each with its attempts. */
export async function listOutboundDeliveries(deps: EngineDeps, ctx: TenantContext, raw: ListOutboundDeliveriesInput) {
  const input = parseInput(listOutboundDeliveriesInput, raw);
  const rows = await deps.prisma.outboundDelivery.findMany({
    where: {
      tenantId: ctx.tenantId,
      ...(input.source === 'alerts' ? { alertRuleId: { not: null } } : { subscriptionId: { not: null } }),
    },
    orderBy: { createdAt: 'desc' },
    take: input.limit,
  });
  const attempts = await deps.prisma.outboundAttempt.findMany({
    where: { deliveryId: { in: rows.map((r) => r.id) } },
    orderBy: { attempt: 'asc' },
  });
  return rows.map(({ sourceEventId, ...row }) => ({
    ...row,
    sourceEventId: sourceEventId === null ? null : String(sourceEventId),
    attemptLog: attempts.filter((a) => a.deliveryId === row.id),
  }));
}

/** Queues a delivery again now (delivered or not); its attempts so far stay in the log. */
export async function redeliverOutbound(deps: EngineDeps, ctx: TenantContext, raw: z.input<typeof idInput>) {
  const input = parseInput(idInput, raw);
  return deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.outboundDelivery.updateMany({
      where: { id: input.id, tenantId: ctx.tenantId },
      data: { status: 'pending', nextAttemptAt: new Date(), leaseUntil: null },
    });
    if (count === 0) throw new EngineError('NOT_FOUND', `delivery ${input.id} was not found`);
    await recordAudit(tx, ctx, {
      action: 'outbound_delivery.redelivered',
      targetType: 'outbound_delivery',
      targetId: input.id,
      reason: input.reason ?? null,
    });
    return { id: input.id };
  });
}
