import type { Prisma } from '../generated/prisma/client';
import type { TenantContext } from '../contracts/actor';
import { toPrismaJson } from '../json';

/** Writes an audit row for an action that is not about one instance, inside the caller's transaction. */
export async function recordAudit(
  tx: Prisma.TransactionClient,
  ctx: TenantContext,
  entry: {
    action: string;
    targetType?: string;
    targetId?: string;
    reason?: string | null;
    payload?: Record<string, unknown>;
  },
): Promise<void> {
  await tx.auditLog.create({
    data: {
      tenantId: ctx.tenantId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      role: ctx.actor.role ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      reason: entry.reason ?? null,
      payload: toPrismaJson(entry.payload ?? {}),
    },
  });
}
