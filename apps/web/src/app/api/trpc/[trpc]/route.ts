import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getAuth, getEngine } from '~/server/engine';
import { createTrpcContext } from '~/server/context';
import { appRouter } from '~/server/routers';

export const dynamic = 'force-dynamic';

function handler(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createTrpcContext({ engine: getEngine(), auth: getAuth(), headers: req.headers }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
