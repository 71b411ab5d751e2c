import type { TenantContext } from '../contracts/actor';
import { setTenantConcurrencyInput, type SetTenantConcurrencyInput } from '../contracts/admin-actions';
import { recordAudit } from '../access/audit';
import { EngineError } from '../errors';
import type { EngineDeps } from '../deps/engine-deps';
import { parseInput } from './parse-input';

/**
 * A tenant's own caps: worker slots (null: the worker's TENANT_TASK_CONCURRENCY / TENANT_ORCHESTRATOR_CONCURRENCY)
 * and request rates on the console per minute (null: the console's RATE_LIMIT_TENANT_READS / _WRITES).
 */
export interface TenantConcurrency {
  taskConcurrency: number | null;
  orchestratorConcurrency: number | null;
  readsPerMinute: number | null;
  writesPerMinute: number | null;
}

export async function getTenantConcurrency(deps: EngineDeps, ctx: TenantContext): Promise<TenantConcurrency> {
  const row = await deps.prisma.tenant.findUnique({
    where: { id: ctx.tenantId },
    select: { taskConcurrency: true, orchestratorConcurrency: true, readsPerMinute: true, writesPerMinute: true },
  });
  if (!row) throw new EngineError('NOT_FOUND', `tenant ${ctx.tenantId} was not found`);
  return row;
}

/**
 * Sets a tenant's fair-share caps (a deployment decision: the CLI offers it to the local administrator, not to
 * API tokens or the console, so a tenant cannot raise its own share). Workers and consoles pick it up within seconds. Audited.
 */
export async function setTenantConcurrency(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: SetTenantConcurrencyInput,
): Promise<TenantConcurrency> {
  const input = parseInput(setTenantConcurrencyInput, raw);
  const before = await getTenantConcurrency(deps, ctx);
  const keep = <K extends keyof TenantConcurrency>(key: K) => (input[key] === undefined ? before[key] : input[key]);
  const after: TenantConcurrency = {
    taskConcurrency: keep('taskConcurrency'),
    orchestratorConcurrency: keep('orchestratorConcurrency'),
    readsPerMinute: keep('readsPerMinute'),
    writesPerMinute: keep('writesPerMinute'),
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
