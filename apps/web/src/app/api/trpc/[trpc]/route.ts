import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { inputLimitsFromEnv } from '@switchyard/engine/limits';
import { env } from '~/env';
import { getAuth, getEngine } from '~/server/engine';
import { createTrpcContext } from '~/server/context';
import { limitTrpcRequest } from '~/server/request-limits';
import { appRouter } from '~/server/routers';

export const dynamic = 'force-dynamic';

const endpoint = '/api/trpc';

async function handler(req: Request): Promise<Response> {
  const limits = inputLimitsFromEnv(env());
  const checked = await limitTrpcRequest(req, endpoint, limits);
  if ('response' in checked) return checked.response;
  const request = checked.request;
  return fetchRequestHandler({
    endpoint,
    req: request,
    router: appRouter,
    // A second guard behind limitTrpcRequest's (which names the figure): tRPC's own batch cap.
    maxBatchSize: limits.trpcBatchSize,
    createContext: () => createTrpcContext({ engine: getEngine(), auth: getAuth(), headers: request.headers }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
