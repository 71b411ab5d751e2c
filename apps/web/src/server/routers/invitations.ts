import { acceptInvitation, previewInvitation, sendInvitationEmail } from '@switchyard/engine';
import {
  createInvitationInput,
  invitationStatusSchema,
  invitationTokenSchema,
  newAccountNameSchema,
  newAccountPasswordSchema,
  previewInvitationInput,
  requireReason,
  revokeInvitationInput,
  roleSchema,
} from '@switchyard/engine/contracts';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { env } from '../../env';
import { isoDate } from '../schemas';
import { publicProcedure, router, tenantProcedure } from '../trpc';
import { publicUrl } from '../urls';

const invitation = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  invitedBy: z.string(),
  createdAt: isoDate,
  expiresAt: isoDate,
  status: invitationStatusSchema,
  acceptedAt: isoDate.nullable(),
});

/** Invitations: how people join a tenant (there is no open sign-up unless AUTH_OPEN_SIGNUP is set). */
export const invitationsRouter = router({
  list: tenantProcedure('admin')
    .output(z.array(invitation))
    .query(({ ctx }) => ctx.service.listInvitations(ctx.tenant)),

  /**
   * Invites an email with a role and mails the one-time link through the EMAIL path. Outside production the
   * link is also returned, once, so a developer without SMTP can pass it on.
   */
  create: tenantProcedure('admin')
    .input(createInvitationInput)
    .output(z.object({ invitation, link: z.string().nullable() }))
    .mutation(async ({ ctx, input }) => {
      const created = await ctx.service.createInvitation(ctx.tenant, input);
      const link = `${publicUrl()}/invite/${created.token}`;
      const tenant = await ctx.engine.deps.prisma.tenant.findUnique({ where: { id: ctx.tenant.tenantId } });
      const { SMTP_URL, EMAIL_FROM, NODE_ENV } = env();
      try {
        await sendInvitationEmail(
          ctx.engine.deps,
          {
            tenantId: ctx.tenant.tenantId,
            tenantName: tenant?.name ?? ctx.tenant.tenantId,
            to: created.invitation.email,
            role: created.invitation.role,
            link,
            expiresAt: created.invitation.expiresAt,
            invitedBy: ctx.tenant.actor.id,
          },
          { ...(SMTP_URL ? { smtpUrl: SMTP_URL } : {}), ...(EMAIL_FROM ? { emailFrom: EMAIL_FROM } : {}) },
        );
      } catch (error) {
        // A link nobody received must not stay valid.
        await ctx.service.revokeInvitation(ctx.tenant, {
          invitationId: created.invitation.id,
          reason: 'the invitation email could not be sent',
        });
        throw error;
      }
      return { invitation: created.invitation, link: NODE_ENV === 'production' ? null : link };
    }),

  revoke: tenantProcedure('admin')
    .input(requireReason(revokeInvitationInput))
    .output(z.object({ invitationId: z.string() }))
    .mutation(({ ctx, input }) => ctx.service.revokeInvitation(ctx.tenant, input)),

  /** What a link offers; the link itself is the credential, so no session is needed. */
  preview: publicProcedure
    .input(previewInvitationInput)
    .output(
      z.object({
        email: z.string(),
        tenantId: z.string(),
        tenantName: z.string(),
        role: roleSchema,
        expiresAt: isoDate,
        accountExists: z.boolean(),
      }),
    )
    .query(({ ctx, input }) => previewInvitation(ctx.engine.deps, input)),

  /**
   * Accepts a link: signed in, as that person (their email must be the invited one); signed out, by creating the
   * account with a name and password (refused when the address already has an account: sign in first).
   */
  accept: publicProcedure
    .input(
      // Signed in, only the token; signed out, the new account's name and password too (the service checks which).
      z.object({
        token: invitationTokenSchema,
        name: newAccountNameSchema.optional(),
        password: newAccountPasswordSchema.optional(),
      }),
    )
    .output(z.object({ email: z.string(), tenantId: z.string(), role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      const principal = await ctx.principal();
      if (principal?.kind === 'token')
        throw new TRPCError({ code: 'FORBIDDEN', message: 'an API token cannot accept an invitation' });
      if (principal) return acceptInvitation(ctx.engine.deps, { token: input.token, userId: principal.userId });
      return acceptInvitation(ctx.engine.deps, {
        token: input.token,
        name: input.name ?? '',
        password: input.password ?? '',
      });
    }),
});
