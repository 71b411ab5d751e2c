import { deleteSecretInput, requireReason, setSecretInput } from '@switchyard/engine/contracts';
import { z } from 'zod';
import { isoDate } from '../schemas';
import { router, tenantProcedure } from '../trpc';

const secretView = z.object({
  name: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  updatedBy: z.string(),
  sealedWithCurrentKey: z.boolean(),
});

/** Tenant secrets, write-only: names and dates go out, values only come in (and are never echoed back). */
export const secretsRouter = router({
  list: tenantProcedure('admin')
    .output(z.array(secretView))
    .query(({ ctx }) => ctx.service.listSecrets(ctx.tenant)),

  set: tenantProcedure('admin')
    .input(setSecretInput)
    .output(z.object({ name: z.string(), created: z.boolean(), updatedAt: isoDate }))
    .mutation(({ ctx, input }) => ctx.service.setSecret(ctx.tenant, input)),

  delete: tenantProcedure('admin')
    .input(requireReason(deleteSecretInput))
    .output(z.object({ name: z.string() }))
    .mutation(({ ctx, input }) => ctx.service.deleteSecret(ctx.tenant, input)),
});
