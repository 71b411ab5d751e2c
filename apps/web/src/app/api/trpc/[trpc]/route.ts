import { inputLimitsFromEnv } from '@switchyard/engine/limits';
import { env } from '~/env';
import { allowedOrigins, getAuth, getEngine, getRateLimiter } from '~/server/engine';
import { limitTrpcRequest } from '~/server/request-limits';
import { handleTrpcRequest } from '~/server/trpc-handler';

export const dynamic = 'force-dynamic';

const endpoint = '/api/trpc';

async function handler(req: Request): Promise<Response> {
  const limits = inputLimitsFromEnv(env());
  const checked = await limitTrpcRequest(req, endpoint, limits);
  if ('response' in checked) return checked.response;
  return handleTrpcRequest(checked.request, {
    engine: getEngine(),
    auth: getAuth(),
    allowedOrigins: allowedOrigins(),
    rateLimiter: getRateLimiter(),
    maxBatchSize: limits.trpcBatchSize,
  });
}

export { handler as GET, handler as POST };
