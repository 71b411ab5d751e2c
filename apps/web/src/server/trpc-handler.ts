import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Engine } from '@switchyard/engine';
import type { Auth } from './auth';
import { createTrpcContext } from './context';
import { errorRef } from './error-ref';
import { RateLimitExceeded, type RequestRateLimiter } from './rate-limits';
import { appRouter } from './routers';

export interface TrpcHandlerDeps {
  engine: Engine;
  auth: Auth;
  allowedOrigins: readonly string[];
  /** The request-rate budgets (RATE_LIMIT_*): each call of a batch spends one point. */
  rateLimiter: RequestRateLimiter;
  /** A second guard behind limitTrpcRequest's (which names the figure): tRPC's own batch cap. */
  maxBatchSize?: number;
  /** Where a 500's cause goes (with the reference the client was given). */
  logError?: (line: string, cause: unknown) => void;
}

/** Serves /api/trpc/* over fetch Requests: what the Next route calls, and what tests call directly. */
export function handleTrpcRequest(req: Request, deps: TrpcHandlerDeps): Promise<Response> {
  const logError = deps.logError ?? ((line, cause) => console.error(line, cause));
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    ...(deps.maxBatchSize ? { maxBatchSize: deps.maxBatchSize } : {}),
    createContext: () =>
      createTrpcContext({
        engine: deps.engine,
        auth: deps.auth,
        headers: req.headers,
        allowedOrigins: deps.allowedOrigins,
        rateLimiter: deps.rateLimiter,
      }),
    // A call refused by a request-rate limit says when to come back (the longest wait, for a batch).
    responseMeta({ errors }) {
      const waits = errors.map((e) => (e.cause instanceof RateLimitExceeded ? e.cause.retryAfterSeconds : 0));
      const wait = Math.max(0, ...waits);
      return wait > 0 ? { headers: new Headers({ 'retry-after': String(wait) }) } : {};
    },
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        logError(`tRPC ${path ?? '?'} failed (ref ${errorRef(error)}):`, error.cause ?? error);
    },
  });
}
