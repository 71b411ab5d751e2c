import { z } from 'zod';
import { router, tenantProcedure } from '../trpc';

const settings = z.object({ emailFrom: z.string().nullable(), egressAllowedHosts: z.array(z.string()) });
const reason = z.string().trim().min(1, 'a reason is required').max(2_000);

/** What a tenant's admin configures for its tasks: the EMAIL sender and the HTTP host allowlist (each change audited). */
export const tenantSettingsRouter = router({
  get: tenantProcedure('admin')
    .output(settings)
    .query(({ ctx }) => ctx.service.getTenantSettings(ctx.tenant)),

  setEgressHosts: tenantProcedure('admin')
    .input(z.object({ hosts: z.array(z.string().max(300)).max(100), reason }))
    .output(settings)
    .mutation(({ ctx, input }) => ctx.service.setEgressAllowedHosts(ctx.tenant, input)),

  setEmailSender: tenantProcedure('admin')
    .input(z.object({ emailFrom: z.string().max(320).nullable(), reason }))
    .output(settings)
    .mutation(({ ctx, input }) => ctx.service.setEmailSender(ctx.tenant, input)),
});
