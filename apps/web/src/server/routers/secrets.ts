import { SECRET_VALUE_MAX_CHARS, SECRET_VALUE_MIN_CHARS } from '@switchyard/engine';
import { SECRET_NAME_PATTERN, SECRET_NAME_RULE } from '@switchyard/engine/spec';
import { z } from 'zod';
import { isoDate } from '../schemas';
import { router, tenantProcedure } from '../trpc';

const secretName = z.string().regex(SECRET_NAME_PATTERN, `expected a secret name of ${SECRET_NAME_RULE}`);
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
    .input(
      z.object({
        name: secretName,
        value: z
          .string()
          .min(SECRET_VALUE_MIN_CHARS, `expected a secret value of at least ${SECRET_VALUE_MIN_CHARS} characters`)
          .max(SECRET_VALUE_MAX_CHARS, `expected a secret value of at most ${SECRET_VALUE_MAX_CHARS} characters`),
        reason: z.string().trim().max(2_000).optional(),
      }),
    )
    .output(z.object({ name: z.string(), created: z.boolean(), updatedAt: isoDate }))
    .mutation(({ ctx, input }) => ctx.service.setSecret(ctx.tenant, input)),

  delete: tenantProcedure('admin')
    .input(z.object({ name: secretName, reason: z.string().trim().min(1, 'a reason is required').max(2_000) }))
    .output(z.object({ name: z.string() }))
    .mutation(({ ctx, input }) => ctx.service.deleteSecret(ctx.tenant, input)),
});
