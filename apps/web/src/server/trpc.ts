import { initTRPC, TRPCError } from '@trpc/server';
import { isEngineError, roleAllows, type Role, type TenantContext } from '@switchyard/engine';
import { ZodError } from 'zod';
import { requestedTenant, type Principal, type TrpcContext } from './context';
import { MappedEngineError, toTrpcError } from './errors';
import { errorRef } from './error-ref';
import { isForeignOrigin } from './origin-check';

const t = initTRPC.context<TrpcContext>().create({
  sse: { ping: { enabled: true, intervalMs: 5_000 }, client: { reconnectAfterInactivityMs: 15_000 } },
  errorFormatter({ shape, error }) {
    // A 500 tells the client only a reference; the route's onError logs the same reference with the cause.
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        message: `internal error (ref ${errorRef(error)})`,
        data: { ...data, engineCode: null, details: [] },
      };
    }
    const engine = error instanceof MappedEngineError ? { engineCode: error.engineCode, details: error.details } : null;
    const zod =
      error.cause instanceof ZodError
        ? error.cause.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message, code: i.code }))
        : null;
    return {
      ...shape,
      data: { ...shape.data, engineCode: engine?.engineCode ?? null, details: engine?.details ?? zod ?? [] },
    };
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

/**
 * Refuses a mutation sent by another site's page (cross-site request forgery with the session cookie). Programs
 * send no Origin and pass; a Bearer token from a foreign page is refused too, as no legitimate page sends one.
 */
const sameOriginMutations = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation' && isForeignOrigin(ctx.headers, ctx.allowedOrigins)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `cross-site request refused: origin ${ctx.headers.get('origin') ?? '(cross-site)'} is not this console`,
    });
  }
  return next();
});

export const publicProcedure = t.procedure.use(mapErrors).use(sameOriginMutations);

/** Requires a signed-in person or a valid API token. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const principal = await ctx.principal();
  if (!principal)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in, or send an API token as Authorization: Bearer' });
  return next({ ctx: { ...ctx, principal } });
});

/**
 * Which tenant the caller acts in and with what role. A tenant the caller does not belong to is NOT_FOUND —
 * the same answer as a tenant that does not exist — so membership never leaks.
 */
function resolveTenant(principal: Principal, headers: Headers): { tenantId: string; role: Role } {
  const asked = requestedTenant(headers);
  if (principal.kind === 'token') {
    if (asked && asked !== principal.tenantId)
      throw new TRPCError({ code: 'NOT_FOUND', message: `tenant ${asked} was not found` });
    return { tenantId: principal.tenantId, role: principal.role };
  }
  const membership = asked ? principal.tenants.find((t) => t.tenantId === asked) : principal.tenants[0];
  if (!membership)
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: asked
        ? `tenant ${asked} was not found`
        : 'you are not a member of any tenant yet: ask an admin to add you',
    });
  return { tenantId: membership.tenantId, role: membership.role };
}

/**
 * The one procedure factory for tenant-scoped work: resolves the tenant and the caller's role in it, refuses
 * a role below `required` (FORBIDDEN), and hands the service a TenantContext naming who acts and as what.
 */
export function tenantProcedure(required: Role) {
  return authedProcedure.use(({ ctx, next }) => {
    const { tenantId, role } = resolveTenant(ctx.principal, ctx.headers);
    if (!roleAllows(role, required)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `this needs the ${required} role; you are ${role} in ${tenantId}`,
      });
    }
    const actor =
      ctx.principal.kind === 'token'
        ? ctx.principal.actor
        : { type: 'operator' as const, id: ctx.principal.email, role };
    const tenant: TenantContext = { tenantId, actor };
    /** Throws unless the caller still holds `required` here now (signed out, token revoked, role lowered). */
    const assertStillAllowed = async (): Promise<void> => {
      const fresh = await ctx.freshPrincipal();
      if (!fresh)
        throw new TRPCError({ code: 'UNAUTHORIZED', message: 'your session ended or your token was revoked' });
      const now = resolveTenant(fresh, ctx.headers);
      if (now.tenantId !== tenantId || !roleAllows(now.role, required))
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `this needs the ${required} role; you are now ${now.role} in ${now.tenantId}`,
        });
    };
    return next({ ctx: { ...ctx, tenant, role, service: ctx.engine.service, assertStillAllowed } });
  });
}
