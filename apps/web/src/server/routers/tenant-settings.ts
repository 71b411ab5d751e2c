import { requireReason, setEgressHostsInput, setEmailSenderInput } from '@switchyard/engine/contracts';
import { z } from 'zod';
import { router, tenantProcedure } from '../trpc';

const settings = z.object({ emailFrom: z.string().nullable(), egressAllowedHosts: z.array(z.string()) });

/** What a tenant's admin configures for its tasks: the EMAIL sender and the HTTP host allowlist (each change audited). */
export const tenantSettingsRouter = router({
  get: tenantProcedure('admin')
    .output(settings)
    .query(({ ctx }) => ctx.service.getTenantSettings(ctx.tenant)),

  setEgressHosts: tenantProcedure('admin')
    .input(requireReason(setEgressHostsInput))
    .output(settings)
    .mutation(({ ctx, input }) => ctx.service.setEgressAllowedHosts(ctx.tenant, input)),

  setEmailSender: tenantProcedure('admin')
    .input(requireReason(setEmailSenderInput))
    .output(settings)
    .mutation(({ ctx, input }) => ctx.service.setEmailSender(ctx.tenant, input)),
});
