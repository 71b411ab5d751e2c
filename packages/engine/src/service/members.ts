import { z } from 'zod';
import type { TenantContext } from '../actor';
import { recordAudit } from '../access/audit';
import { roleSchema, type Role } from '../access/roles';
import { EngineError } from '../errors';
import type { EngineDeps } from '../runtime/engine-deps';
import { parseInput } from './parse-input';

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: Role;
  since: Date;
}

/** Everyone with a role in the tenant. */
export async function listMembers(deps: EngineDeps, ctx: TenantContext): Promise<MemberView[]> {
  const rows = await deps.prisma.membership.findMany({ where: { tenantId: ctx.tenantId }, include: { user: true }, orderBy: { createdAt: 'asc' } });
  return rows.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, since: m.createdAt }));
}

const setRoleInput = z.object({ email: z.string().email('expected an email address'), role: roleSchema, reason: z.string().max(2_000).optional() });

/** Gives an existing user a role in the tenant (adding them when new). */
export async function setMemberRole(deps: EngineDeps, ctx: TenantContext, raw: { email: string; role: Role; reason?: string }): Promise<MemberView> {
  const input = parseInput(setRoleInput, raw);
  return deps.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: input.email.toLowerCase() } });
    if (!user) throw new EngineError('NOT_FOUND', `no user has the email ${input.email}; they must sign up first`);
    const membership = await tx.membership.upsert({
      where: { tenantId_userId: { tenantId: ctx.tenantId, userId: user.id } },
      create: { tenantId: ctx.tenantId, userId: user.id, role: input.role },
      update: { role: input.role },
    });
    await recordAudit(tx, ctx, { action: 'member.role_set', targetType: 'user', targetId: user.id, reason: input.reason ?? null, payload: { email: user.email, role: input.role } });
    return { userId: user.id, email: user.email, name: user.name, role: membership.role, since: membership.createdAt };
  });
}

/** Removes a person's access to the tenant. An admin cannot remove the last admin. */
export async function removeMember(deps: EngineDeps, ctx: TenantContext, raw: { userId: string; reason?: string }): Promise<{ userId: string }> {
  const input = parseInput(z.object({ userId: z.string().min(1), reason: z.string().max(2_000).optional() }), raw);
  await deps.prisma.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenantId, userId: input.userId } } });
    if (!membership) throw new EngineError('NOT_FOUND', `user ${input.userId} is not a member of this tenant`);
    if (membership.role === 'admin' && (await tx.membership.count({ where: { tenantId: ctx.tenantId, role: 'admin' } })) === 1) {
      throw new EngineError('CONFLICT', 'the last admin of a tenant cannot be removed');
    }
    await tx.membership.delete({ where: { tenantId_userId: { tenantId: ctx.tenantId, userId: input.userId } } });
    await recordAudit(tx, ctx, { action: 'member.removed', targetType: 'user', targetId: input.userId, reason: input.reason ?? null });
  });
  return { userId: input.userId };
}

/** The tenants a person belongs to, with their role in each (for the tenant switcher). */
export async function listUserTenants(deps: EngineDeps, userId: string): Promise<{ tenantId: string; name: string; role: Role }[]> {
  // Oldest membership first: it is the tenant a person lands in by default.
  const rows = await deps.prisma.membership.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } });
  const tenants = await deps.prisma.tenant.findMany({ where: { id: { in: rows.map((r) => r.tenantId) } } });
  const names = new Map(tenants.map((t) => [t.id, t.name]));
  return rows.map((r) => ({ tenantId: r.tenantId, name: names.get(r.tenantId) ?? r.tenantId, role: r.role }));
}
