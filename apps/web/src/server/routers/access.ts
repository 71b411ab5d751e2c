import {
  auditInput,
  createApiTokenInput,
  removeMemberInput,
  requireReason,
  revokeApiTokenInput,
  roleSchema,
  setMemberRoleInput,
} from '@switchyard/engine/contracts';
import { z } from 'zod';
import { isoDate } from '../schemas';
import { router, tenantProcedure } from '../trpc';

const apiToken = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: isoDate,
  lastUsedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
});
const member = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: roleSchema, since: isoDate });
const auditItem = z.object({
  at: isoDate,
  source: z.enum(['instance', 'tenant']),
  actorType: z.string(),
  actorId: z.string(),
  role: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  reason: z.string().nullable(),
  payload: z.unknown(),
});

/** Members, API tokens and the audit trail of the current tenant. */
export const accessRouter = router({
  members: tenantProcedure('admin')
    .output(z.array(member))
    .query(({ ctx }) => ctx.service.listMembers(ctx.tenant)),

  setMemberRole: tenantProcedure('admin')
    .input(requireReason(setMemberRoleInput))
    .output(member)
    .mutation(({ ctx, input }) => ctx.service.setMemberRole(ctx.tenant, input)),

  removeMember: tenantProcedure('admin')
    .input(requireReason(removeMemberInput))
    .output(z.object({ userId: z.string() }))
    .mutation(({ ctx, input }) => ctx.service.removeMember(ctx.tenant, input)),

  tokens: tenantProcedure('admin')
    .output(z.array(apiToken))
    .query(({ ctx }) => ctx.service.listApiTokens(ctx.tenant)),

  createToken: tenantProcedure('admin')
    .input(createApiTokenInput)
    .output(z.object({ token: z.string(), apiToken }))
    .mutation(({ ctx, input }) => {
      // The token stays bounded by the person behind it: the signed-in admin, or the person behind the token in use.
      const p = ctx.principal;
      return ctx.service.createApiToken(ctx.tenant, input, {
        createdByUserId: p.kind === 'user' ? p.userId : p.creatorUserId,
      });
    }),

  revokeToken: tenantProcedure('admin')
    .input(requireReason(revokeApiTokenInput))
    .output(z.object({ tokenId: z.string() }))
    .mutation(({ ctx, input }) => ctx.service.revokeApiToken(ctx.tenant, input)),

  audit: tenantProcedure('operator')
    .input(auditInput)
    .output(z.array(auditItem))
    .query(({ ctx, input }) => ctx.service.listAudit(ctx.tenant, input)),
});
