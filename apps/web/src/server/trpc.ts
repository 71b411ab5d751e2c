import { initTRPC, TRPCError } from '@trpc/server';
import { isEngineError, roleAllows, type Role } from '@switchyard/engine';
import { describeInputProblems } from '@switchyard/engine/contracts';
import { ZodError } from 'zod';
import type { TrpcContext } from './context';
import { MappedEngineError, toTrpcError } from './errors';
import { errorRef } from './error-ref';
import { isForeignOrigin } from './origin-check';
import { credentialKey, RateLimitExceeded, type RequestKind } from './rate-limits';
import { AccessError, authorize, resolveTenant } from './tenant-access';

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
    // Input the router refused reads as the engine's own refusal would: one line naming each bad field.
    const zod = error.cause instanceof ZodError ? describeInputProblems(error.cause) : null;
    return {
      ...shape,
      message: zod?.summary ?? shape.message,
      data: { ...shape.data, engineCode: engine?.engineCode ?? null, details: engine?.details ?? zod?.details ?? [] },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure maps engine errors to tRPC codes here, once. Input a router's contract refuses gets the same one-line
 * message (each bad field named) that the engine gives, for server-side callers too (the errorFormatter only shapes
 * what goes over the wire).
 */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (isEngineError(cause)) throw toTrpcError(cause);
  if (cause instanceof ZodError)
    throw new TRPCError({ code: 'BAD_REQUEST', message: describeInputProblems(cause).summary, cause });
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

/** Spends one point of a request-rate budget; over it, TOO_MANY_REQUESTS (HTTP 429, Retry-After) with its message. */
async function spend(charge: () => Promise<void>): Promise<void> {
  try {
    await charge();
  } catch (error) {
    if (error instanceof RateLimitExceeded)
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message, cause: error });
    throw error;
  }
}

const requestKind = (type: 'query' | 'mutation' | 'subscription'): RequestKind =>
  type === 'mutation' ? 'writes' : 'reads';

/** Requires a signed-in person or a valid API token, and spends that caller's request-rate budget. */
export const authedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const principal = await ctx.principal();
  if (!principal)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in, or send an API token as Authorization: Bearer' });
  const limiter = ctx.rateLimiter;
  if (limiter) await spend(() => limiter.chargeCredential(credentialKey(principal, ctx.headers), requestKind(type)));
  return next({ ctx: { ...ctx, principal } });
});

/** The shared tenant rules, refusals turned into tRPC errors. */
function checked<T>(decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof AccessError) throw new TRPCError({ code: error.code, message: error.message });
    throw error;
  }
}

/**
 * The one procedure factory for tenant-scoped work: resolves the tenant and the caller's role in it, refuses
 * a role below `required` (FORBIDDEN), and hands the service a TenantContext naming who acts and as what.
 */
export function tenantProcedure(required: Role) {
  return authedProcedure.use(async ({ ctx, type, next }) => {
    const { tenant, role } = checked(() => authorize(ctx.principal, ctx.headers, required));
    const { tenantId } = tenant;
    const limiter = ctx.rateLimiter;
    if (limiter) await spend(() => limiter.chargeTenant(tenantId, requestKind(type)));
    /** Throws unless the caller still holds `required` here now (signed out, token revoked, role lowered). */
    const assertStillAllowed = async (): Promise<void> => {
      const fresh = await ctx.freshPrincipal();
      if (!fresh)
        throw new TRPCError({ code: 'UNAUTHORIZED', message: 'your session ended or your token was revoked' });
      const now = checked(() => resolveTenant(fresh, ctx.headers));
      if (now.tenantId !== tenantId || !roleAllows(now.role, required))
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `this needs the ${required} role; you are now ${now.role} in ${now.tenantId}`,
        });
    };
    return next({ ctx: { ...ctx, tenant, role, service: ctx.engine.service, assertStillAllowed } });
  });
}
