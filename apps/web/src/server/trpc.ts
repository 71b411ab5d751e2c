import { initTRPC } from '@trpc/server';
import { isEngineError, type TenantContext } from '@switchyard/engine';
import { ZodError } from 'zod';
import { tenantFromHeaders, type TrpcContext } from './context';
import { MappedEngineError, toTrpcError } from './errors';

const t = initTRPC.context<TrpcContext>().create({
  sse: { ping: { enabled: true, intervalMs: 5_000 }, client: { reconnectAfterInactivityMs: 15_000 } },
  errorFormatter({ shape, error }) {
    const engine = error instanceof MappedEngineError ? { engineCode: error.engineCode, details: error.details } : null;
    const zod = error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message, code: i.code })) : null;
    return { ...shape, data: { ...shape.data, engineCode: engine?.engineCode ?? null, details: engine?.details ?? zod ?? [] } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every procedure maps engine errors to tRPC codes here, once. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isEngineError(result.error.cause)) throw toTrpcError(result.error.cause);
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

/** Resolves the tenant and the acting operator; every tenant-scoped procedure goes through it. */
export const tenantProcedure = publicProcedure.use(({ ctx, next }) => {
  const tenant: TenantContext = { tenantId: tenantFromHeaders(ctx.headers), actor: { type: 'operator', id: 'operator' } };
  return next({ ctx: { ...ctx, tenant, service: ctx.engine.service } });
});
