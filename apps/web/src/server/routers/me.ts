import { roleSchema } from '@switchyard/engine';
import { z } from 'zod';
import { requestedTenant } from '../context';
import { authedProcedure, router } from '../trpc';

const tenantView = z.object({ tenantId: z.string(), name: z.string(), role: roleSchema });

export const meRouter = router({
  /** Who is signed in, their tenants, and which one this request acts in (what the console shows and hides). */
  get: authedProcedure
    .output(
      z.object({
        kind: z.enum(['user', 'token']),
        id: z.string(),
        name: z.string(),
        tenants: z.array(tenantView),
        current: tenantView.nullable(),
      }),
    )
    .query(({ ctx }) => {
      const p = ctx.principal;
      if (p.kind === 'token') {
        const current = { tenantId: p.tenantId, name: p.tenantId, role: p.role };
        return { kind: 'token' as const, id: p.actor.id, name: p.actor.id, tenants: [current], current };
      }
      const asked = requestedTenant(ctx.headers);
      const current = (asked ? p.tenants.find((t) => t.tenantId === asked) : p.tenants[0]) ?? p.tenants[0] ?? null;
      return { kind: 'user' as const, id: p.email, name: p.name, tenants: p.tenants, current };
    }),
});
