import type { TenantContext } from '../contracts/actor';
import {
  removeMemberInput,
  setMemberRoleInput,
  type RemoveMemberInput,
  type SetMemberRoleInput,
} from '../contracts/admin-actions';
import type { Prisma } from '../generated/prisma/client';
import { recordAudit } from '../access/audit';
import type { Role } from '../contracts/roles';
import { EngineError } from '../errors';
import type { EngineDeps } from '../deps/engine-deps';
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
  const rows = await deps.prisma.membership.findMany({
    where: { tenantId: ctx.tenantId },
    include: { user: true },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((m) => ({
    userId: m.userId,
    email: m.user.email,
    name: m.user.name,
    role: m.role,
    since: m.createdAt,
  }));
}

/**
 * Refuses to lower or remove the tenant's last admin. The admin rows are locked first, so two admins demoting
 * each other at the same moment cannot both succeed and leave the tenant without one.
 */
async function assertNotLastAdmin(
  tx: Prisma.TransactionClient,
  tenantId: string,
  userId: string,
  what: string,
): Promise<void> {
  const admins = await tx.$queryRaw<
    { userId: string }[]
  >`SELECT "userId" FROM "Membership" WHERE "tenantId" = ${tenantId} AND "role" = 'admin' FOR UPDATE`;
  if (admins.length === 1 && admins[0]?.userId === userId)
    throw new EngineError('CONFLICT', `the last admin of a tenant cannot be ${what}: make someone else admin first`);
}

/**
 * Changes the role of someone who is already a member. People join through invitations only, so a role is
 * never handed to whoever happens to hold an account with that email.
 */
export async function setMemberRole(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: SetMemberRoleInput,
): Promise<MemberView> {
  const input = parseInput(setMemberRoleInput, raw);
  return deps.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: input.email.toLowerCase() } });
    const current = user
      ? await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenantId, userId: user.id } } })
      : null;
    if (!user || !current)
      throw new EngineError('NOT_FOUND', `${input.email} is not a member of this tenant; invite them instead`);
    if (current.role === 'admin' && input.role !== 'admin')
      await assertNotLastAdmin(tx, ctx.tenantId, user.id, 'demoted');
    const membership = await tx.membership.update({
      where: { tenantId_userId: { tenantId: ctx.tenantId, userId: user.id } },
      data: { role: input.role },
    });
    await recordAudit(tx, ctx, {
      action: 'member.role_set',
      targetType: 'user',
      targetId: user.id,
      reason: input.reason ?? null,
      payload: { email: user.email, role: input.role, previousRole: current.role },
    });
    return { userId: user.id, email: user.email, name: user.name, role: membership.role, since: membership.createdAt };
  });
}

/** Removes a person's access to the tenant. An admin cannot remove the last admin. */
export async function removeMember(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: RemoveMemberInput,
): Promise<{ userId: string }> {
  const input = parseInput(removeMemberInput, raw);
  await deps.prisma.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId: ctx.tenantId, userId: input.userId } },
    });
    if (!membership) throw new EngineError('NOT_FOUND', `user ${input.userId} is not a member of this tenant`);
    if (membership.role === 'admin') await assertNotLastAdmin(tx, ctx.tenantId, input.userId, 'removed');
    await tx.membership.delete({ where: { tenantId_userId: { tenantId: ctx.tenantId, userId: input.userId } } });
    await recordAudit(tx, ctx, {
      action: 'member.removed',
      targetType: 'user',
      targetId: input.userId,
      reason: input.reason ?? null,
    });
  });
  return { userId: input.userId };
}

/** The tenants a person belongs to, with their role in each (for the tenant switcher). */
export async function listUserTenants(
  deps: EngineDeps,
  userId: string,
): Promise<{ tenantId: string; name: string; role: Role }[]> {
  // Oldest membership first: it is the tenant a person lands in by default.
  const rows = await deps.prisma.membership.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } });
  const tenants = await deps.prisma.tenant.findMany({ where: { id: { in: rows.map((r) => r.tenantId) } } });
  const names = new Map(tenants.map((t) => [t.id, t.name]));
  return rows.map((r) => ({ tenantId: r.tenantId, name: names.get(r.tenantId) ?? r.tenantId, role: r.role }));
}
