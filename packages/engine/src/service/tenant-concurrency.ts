import type { TenantContext } from '../contracts/actor';
import { setTenantConcurrencyInput, type SetTenantConcurrencyInput } from '../contracts/admin-actions';
import { recordAudit } from '../access/audit';
import { EngineError } from '../errors';
import type { EngineDeps } from '../deps/engine-deps';
import { parseInput } from './parse-input';

/** A tenant's own slot caps; null means the worker's TENANT_TASK_CONCURRENCY / TENANT_ORCHESTRATOR_CONCURRENCY. */
export interface TenantConcurrency {
  taskConcurrency: number | null;
  orchestratorConcurrency: number | null;
}

export async function getTenantConcurrency(deps: EngineDeps, ctx: TenantContext): Promise<TenantConcurrency> {
  const row = await deps.prisma.tenant.findUnique({
    where: { id: ctx.tenantId },
    select: { taskConcurrency: true, orchestratorConcurrency: true },
  });
  if (!row) throw new EngineError('NOT_FOUND', `tenant ${ctx.tenantId} was not found`);
  return row;
}

/**
 * Sets a tenant's fair-share caps (a deployment decision: the CLI offers it to the local administrator, not to
 * API tokens or the console, so a tenant cannot raise its own share). Workers pick it up within seconds. Audited.
 */
export async function setTenantConcurrency(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: SetTenantConcurrencyInput,
): Promise<TenantConcurrency> {
  const input = parseInput(setTenantConcurrencyInput, raw);
  const before = await getTenantConcurrency(deps, ctx);
  const after: TenantConcurrency = {
    taskConcurrency: input.taskConcurrency === undefined ? before.taskConcurrency : input.taskConcurrency,
    orchestratorConcurrency:
      input.orchestratorConcurrency === undefined ? before.orchestratorConcurrency : input.orchestratorConcurrency,
  };
  await deps.prisma.$transaction(async (tx) => {
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: after });
    await recordAudit(tx, ctx, {
      action: 'tenant.concurrency_set',
      targetType: 'tenant',
      targetId: ctx.tenantId,
      reason: input.reason ?? null,
      payload: { before: { ...before }, after: { ...after } },
    });
  });
  return after;
}
