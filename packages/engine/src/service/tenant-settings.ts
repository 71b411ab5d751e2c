// Settings a tenant's admin owns: the EMAIL sender and the HTTP host allowlist. Every change is audited.
import type { TenantContext } from '../contracts/actor';
import {
  setEgressHostsInput,
  setEmailSenderInput,
  type SetEgressHostsInput,
  type SetEmailSenderInput,
} from '../contracts/admin-actions';
import { recordAudit } from '../access/audit';
import { validateTenantHost } from '../egress/tenant-hosts';
import { EngineError, type ErrorDetail } from '../errors';
import type { EngineDeps } from '../deps/engine-deps';
import { loadTenantTaskSettings, type TenantTaskSettings } from '../store/tenant-settings';
import { parseInput } from './parse-input';

async function requireTenant(deps: EngineDeps, tenantId: string): Promise<TenantTaskSettings> {
  const exists = await deps.prisma.tenant.count({ where: { id: tenantId } });
  if (exists === 0) throw new EngineError('NOT_FOUND', `tenant ${tenantId} was not found`);
  return loadTenantTaskSettings(deps.prisma, tenantId);
}

/** The tenant's EMAIL sender (null: the deployment's EMAIL_FROM) and HTTP host allowlist (empty: any public host). */
export async function getTenantSettings(deps: EngineDeps, ctx: TenantContext): Promise<TenantTaskSettings> {
  return requireTenant(deps, ctx.tenantId);
}

/**
 * Replaces the tenant's HTTP host allowlist. Non-empty, it restricts the tenant's HTTP tasks to these hosts;
 * it never opens a private address (only the deployment's EGRESS_ALLOW does).
 */
export async function setEgressAllowedHosts(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: SetEgressHostsInput,
): Promise<TenantTaskSettings> {
  const input = parseInput(setEgressHostsInput, raw);
  const problems: ErrorDetail[] = [];
  const hosts: string[] = [];
  input.hosts.forEach((entry, i) => {
    const checked = validateTenantHost(entry);
    if (!checked.ok) problems.push({ path: `hosts.${i}`, message: checked.message });
    else if (!hosts.includes(checked.host)) hosts.push(checked.host);
  });
  if (problems.length > 0)
    throw new EngineError(
      'BAD_INPUT',
      `invalid input: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  const before = await requireTenant(deps, ctx.tenantId);
  await deps.prisma.$transaction(async (tx) => {
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { egressAllowedHosts: hosts } });
    await recordAudit(tx, ctx, {
      action: 'tenant.egress_hosts_set',
      targetType: 'tenant',
      targetId: ctx.tenantId,
      reason: input.reason ?? null,
      payload: { before: before.egressAllowedHosts, after: hosts },
    });
  });
  return { ...before, egressAllowedHosts: hosts };
}

/** Sets the sender of the tenant's EMAIL tasks; null goes back to the deployment's EMAIL_FROM. */
export async function setEmailSender(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: SetEmailSenderInput,
): Promise<TenantTaskSettings> {
  const input = parseInput(setEmailSenderInput, raw);
  const before = await requireTenant(deps, ctx.tenantId);
  const emailFrom = input.emailFrom === null || input.emailFrom === '' ? null : input.emailFrom;
  await deps.prisma.$transaction(async (tx) => {
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { emailFrom } });
    await recordAudit(tx, ctx, {
      action: 'tenant.email_sender_set',
      targetType: 'tenant',
      targetId: ctx.tenantId,
      reason: input.reason ?? null,
      payload: { before: before.emailFrom, after: emailFrom },
    });
  });
  return { ...before, emailFrom };
}
