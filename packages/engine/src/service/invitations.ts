import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { TenantContext } from '../contracts/actor';
import {
  acceptInvitationInput,
  createInvitationInput,
  previewInvitationInput,
  revokeInvitationInput,
  type AcceptInvitationInput,
  type CreateInvitationInput,
  type RevokeInvitationInput,
} from '../contracts/admin-actions';
import { recordAudit } from '../access/audit';
import { hashPassword } from '../access/password';
import type { Role } from '../contracts/roles';
import type { InvitationStatus } from '../contracts/statuses';
import { EngineError } from '../errors';
import type { EngineDeps } from '../deps/engine-deps';
import { parseInput } from './parse-input';

const TOKEN_PREFIX = 'inv_';
/** How long an invitation link stays valid. */
export const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;

// 256 random bits: a fast hash is enough, nobody can guess a token to test against it.
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  status: InvitationStatus;
  acceptedAt: Date | null;
}

interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

function statusOf(row: InvitationRow, now: Date): InvitationStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}

function toView(row: InvitationRow, now: Date): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invitedBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    status: statusOf(row, now),
    acceptedAt: row.acceptedAt,
  };
}

/**
 * Invites an email address into the tenant with a role. Returns the one-time token (shown once, stored only as
 * a hash); an earlier pending invitation for the same address is superseded. Members cannot be invited again.
 */
export async function createInvitation(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: CreateInvitationInput,
): Promise<{ token: string; invitation: InvitationView }> {
  const input = parseInput(createInvitationInput, raw);
  const email = input.email.toLowerCase();
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const now = deps.clock();
  const row = await deps.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    const member = user
      ? await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenantId, userId: user.id } } })
      : null;
    if (member)
      throw new EngineError(
        'CONFLICT',
        `${email} is already a member of this tenant (${member.role}); change their role instead`,
      );
    await tx.invitation.updateMany({
      where: { tenantId: ctx.tenantId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: {
        tenantId: ctx.tenantId,
        email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: `${ctx.actor.type}:${ctx.actor.id}`,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      },
    });
    await recordAudit(tx, ctx, {
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: created.id,
      payload: { email, role: input.role, expiresAt: created.expiresAt.toISOString() },
    });
    return created;
  });
  return { token, invitation: toView(row, now) };
}

/** The tenant's invitations, newest first (never their tokens). */
export async function listInvitations(deps: EngineDeps, ctx: TenantContext): Promise<InvitationView[]> {
  const rows = await deps.prisma.invitation.findMany({
    where: { tenantId: ctx.tenantId },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  const now = deps.clock();
  return rows.map((r) => toView(r, now));
}

/** Withdraws a pending invitation: its link stops working at once. */
export async function revokeInvitation(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: RevokeInvitationInput,
): Promise<{ invitationId: string }> {
  const input = parseInput(revokeInvitationInput, raw);
  await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: input.invitationId, tenantId: ctx.tenantId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: deps.clock() },
    });
    if (count === 0)
      throw new EngineError(
        'NOT_FOUND',
        `invitation ${input.invitationId} was not found (or was already used or revoked)`,
      );
    await recordAudit(tx, ctx, {
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: input.invitationId,
      reason: input.reason ?? null,
    });
  });
  return { invitationId: input.invitationId };
}

const INVALID = 'this invitation link is invalid, was already used, or has expired: ask an admin for a new one';

/** A usable invitation by its token, or NOT_FOUND (unknown, used, revoked and expired all look the same). */
async function findUsable(deps: EngineDeps, token: string) {
  const row = token.startsWith(TOKEN_PREFIX)
    ? await deps.prisma.invitation.findUnique({ where: { tokenHash: hashToken(token) } })
    : null;
  if (!row || statusOf(row, deps.clock()) !== 'pending') throw new EngineError('NOT_FOUND', INVALID);
  return row;
}

export interface InvitationPreview {
  email: string;
  tenantId: string;
  tenantName: string;
  role: Role;
  expiresAt: Date;
  /** Whether the invited address already has an account: then the person signs in and accepts. */
  accountExists: boolean;
}

/** What the holder of an invitation link is offered. Only the link's holder learns anything, and only about its address. */
export async function previewInvitation(deps: EngineDeps, raw: { token: string }): Promise<InvitationPreview> {
  const { token } = parseInput(previewInvitationInput, raw);
  const row = await findUsable(deps, token);
  const [tenant, user] = await Promise.all([
    deps.prisma.tenant.findUnique({ where: { id: row.tenantId } }),
    deps.prisma.user.findUnique({ where: { email: row.email } }),
  ]);
  return {
    email: row.email,
    tenantId: row.tenantId,
    tenantName: tenant?.name ?? row.tenantId,
    role: row.role,
    expiresAt: row.expiresAt,
    accountExists: user !== null,
  };
}

/**
 * Accepts an invitation once: either as the signed-in person whose email it names, or by creating the account
 * (name + password) when the address has none. Grants the invited role in the invited tenant and nothing else.
 */
export async function acceptInvitation(
  deps: EngineDeps,
  raw: AcceptInvitationInput,
): Promise<{ email: string; tenantId: string; role: Role }> {
  const input = parseInput(acceptInvitationInput, raw);
  const invitation = await findUsable(deps, input.token);
  // Hash before the transaction: scrypt takes tens of milliseconds and should not hold row locks.
  const passwordHash = 'password' in input ? await hashPassword(input.password) : null;
  const now = deps.clock();
  return deps.prisma.$transaction(async (tx) => {
    // The guarded update is what makes the link one-time, even when two tabs accept at the same moment.
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (count === 0) throw new EngineError('NOT_FOUND', INVALID);
    let userId: string;
    if ('userId' in input) {
      const user = await tx.user.findUnique({ where: { id: input.userId } });
      if (!user || user.email.toLowerCase() !== invitation.email)
        throw new EngineError(
          'FORBIDDEN',
          `this invitation is for ${invitation.email}: sign in with that address to accept it`,
        );
      userId = user.id;
    } else {
      if (await tx.user.findUnique({ where: { email: invitation.email } }))
        throw new EngineError(
          'CONFLICT',
          `an account for ${invitation.email} already exists: sign in with it, then accept`,
        );
      userId = randomUUID();
      // The link reached this mailbox, which is what verifying the address would prove.
      await tx.user.create({ data: { id: userId, email: invitation.email, name: input.name, emailVerified: true } });
      await tx.account.create({
        data: { id: randomUUID(), accountId: userId, providerId: 'credential', userId, password: passwordHash },
      });
    }
    if (await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: invitation.tenantId, userId } } })) {
      throw new EngineError('CONFLICT', `${invitation.email} is already a member of this tenant`);
    }
    await tx.membership.create({ data: { tenantId: invitation.tenantId, userId, role: invitation.role } });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedBy: userId } });
    const ctx: TenantContext = {
      tenantId: invitation.tenantId,
      actor: { type: 'operator', id: invitation.email, role: invitation.role },
    };
    await recordAudit(tx, ctx, {
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: invitation.id,
      payload: { email: invitation.email, role: invitation.role, userId },
    });
    return { email: invitation.email, tenantId: invitation.tenantId, role: invitation.role };
  });
}
