// Shared steps of the webhook and alert-rule settings: the per-tenant cap, deletion with its audit row.
import type { TenantContext } from '../../contracts/actor';
import { recordAudit } from '../../access/audit';
import { EngineError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import { HOOK_CONFIGS_PER_TENANT } from '../../hooks/config-schemas';

type Tx = Prisma.TransactionClient;
export type HookConfigKind = 'webhook_endpoint' | 'webhook_subscription' | 'alert_rule';

const delegates = {
  webhook_endpoint: (tx: Tx) => tx.webhookEndpoint,
  webhook_subscription: (tx: Tx) => tx.webhookSubscription,
  alert_rule: (tx: Tx) => tx.alertRule,
};
const labels: Record<HookConfigKind, string> = {
  webhook_endpoint: 'webhook endpoint',
  webhook_subscription: 'webhook subscription',
  alert_rule: 'alert rule',
};

export function actorLabel(ctx: TenantContext): string {
  return `${ctx.actor.type}:${ctx.actor.id}`;
}

/** Refuses a new row past the per-tenant cap or under a name the tenant already uses. */
export async function checkNewConfig(tx: Tx, ctx: TenantContext, kind: HookConfigKind, name: string): Promise<void> {
  const table = delegates[kind](tx) as unknown as {
    count(args: { where: { tenantId: string; name?: string } }): Promise<number>;
  };
  if ((await table.count({ where: { tenantId: ctx.tenantId } })) >= HOOK_CONFIGS_PER_TENANT)
    throw new EngineError(
      'BAD_INPUT',
      `a tenant holds at most ${HOOK_CONFIGS_PER_TENANT} ${labels[kind]}s; delete one first`,
      [{ path: 'name', message: `limit of ${HOOK_CONFIGS_PER_TENANT} reached` }],
    );
  if ((await table.count({ where: { tenantId: ctx.tenantId, name } })) > 0)
    throw new EngineError('CONFLICT', `a ${labels[kind]} named "${name}" already exists`, [
      { path: 'name', message: 'expected a name not used yet' },
    ]);
}

/** Deletes one row of the tenant and audits it; another tenant's id is not found. */
export async function deleteConfig(
  tx: Tx,
  ctx: TenantContext,
  kind: HookConfigKind,
  input: { id: string; reason?: string | undefined },
): Promise<{ id: string }> {
  const table = delegates[kind](tx) as unknown as {
    deleteMany(args: { where: { id: string; tenantId: string } }): Promise<{ count: number }>;
  };
  const { count } = await table.deleteMany({ where: { id: input.id, tenantId: ctx.tenantId } });
  if (count === 0) throw new EngineError('NOT_FOUND', `${labels[kind]} ${input.id} was not found`);
  await recordAudit(tx, ctx, {
    action: `${kind}.deleted`,
    targetType: kind,
    targetId: input.id,
    reason: input.reason ?? null,
  });
  return { id: input.id };
}

/** Audits a created row (its settings, never a secret's value: only the secret's name is stored anyway). */
export async function auditCreated(
  tx: Tx,
  ctx: TenantContext,
  kind: HookConfigKind,
  row: { id: string },
  input: Record<string, unknown> & { reason?: string | undefined },
): Promise<void> {
  const { reason, ...settings } = input;
  await recordAudit(tx, ctx, {
    action: `${kind}.created`,
    targetType: kind,
    targetId: row.id,
    reason: reason ?? null,
    payload: settings,
  });
}
