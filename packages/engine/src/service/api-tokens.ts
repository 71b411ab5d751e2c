import { createHash, randomBytes } from 'node:crypto';
import type { Actor, TenantContext } from '../contracts/actor';
import {
  createApiTokenInput,
  revokeApiTokenInput,
  type CreateApiTokenInput,
  type RevokeApiTokenInput,
} from '../contracts/admin-actions';
import { recordAudit } from '../access/audit';
import { lowerRole, type Role } from '../contracts/roles';
import { EngineError } from '../errors';
import type { EngineDeps } from '../deps/engine-deps';
import { parseInput } from './parse-input';

const TOKEN_PREFIX = 'sy_';

// Tokens carry 256 random bits, so a fast hash is enough: nobody can guess one to test against it.
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface ApiTokenView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Creates an API token for the tenant; the token itself is returned once and only its hash is stored.
 * `createdByUserId` names the person behind it: the token then never acts above that person's current role.
 */
export async function createApiToken(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: CreateApiTokenInput,
  owner: { createdByUserId?: string | null } = {},
): Promise<{ token: string; apiToken: ApiTokenView }> {
  const input = parseInput(createApiTokenInput, raw);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        tenantId: ctx.tenantId,
        name: input.name,
        role: input.role,
        prefix: token.slice(0, 10),
        tokenHash: hashToken(token),
        createdBy: `${ctx.actor.type}:${ctx.actor.id}`,
        createdByUserId: owner.createdByUserId ?? null,
      },
    });
    await recordAudit(tx, ctx, {
      action: 'api_token.created',
      targetType: 'api_token',
      targetId: created.id,
      payload: { name: input.name, role: input.role },
    });
    return created;
  });
  return { token, apiToken: toView(row) };
}

function toView(row: {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/** The tenant's API tokens (never the tokens themselves). */
export async function listApiTokens(deps: EngineDeps, ctx: TenantContext): Promise<ApiTokenView[]> {
  const rows = await deps.prisma.apiToken.findMany({
    where: { tenantId: ctx.tenantId },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map(toView);
}

/** Revokes a token at once; requests carrying it are refused from then on. */
export async function revokeApiToken(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: RevokeApiTokenInput,
): Promise<{ tokenId: string }> {
  const input = parseInput(revokeApiTokenInput, raw);
  await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: input.tokenId, tenantId: ctx.tenantId, revokedAt: null },
      data: { revokedAt: deps.clock() },
    });
    if (count === 0)
      throw new EngineError('NOT_FOUND', `API token ${input.tokenId} was not found (or is already revoked)`);
    await recordAudit(tx, ctx, {
      action: 'api_token.revoked',
      targetType: 'api_token',
      targetId: input.tokenId,
      reason: input.reason ?? null,
    });
  });
  return { tokenId: input.tokenId };
}

export interface TokenPrincipal {
  tenantId: string;
  /** The token's role, lowered to its creator's current role. */
  role: Role;
  actor: Actor;
  /** The person behind the token (null for CLI/system tokens); tokens it creates inherit them. */
  creatorUserId: string | null;
}

/**
 * Resolves a bearer token to its tenant and effective role, or null when unknown, revoked, or its creator is no
 * longer a member: a token acts with the lower of its own role and its creator's role now.
 */
export async function authenticateApiToken(deps: EngineDeps, token: string): Promise<TokenPrincipal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await deps.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt) return null;
  let role = row.role;
  if (row.createdByUserId) {
    const creator = await deps.prisma.membership.findUnique({
      where: { tenantId_userId: { tenantId: row.tenantId, userId: row.createdByUserId } },
    });
    if (!creator) return null;
    role = lowerRole(row.role, creator.role);
  }
  // Last use is informational: write it at most once a minute, not on every request a program makes.
  const now = deps.clock();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await deps.prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return {
    tenantId: row.tenantId,
    role,
    actor: { type: 'api', id: `token:${row.name}`, role },
    creatorUserId: row.createdByUserId,
  };
}
