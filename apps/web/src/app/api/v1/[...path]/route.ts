// Every HTTP API operation (see server/api/operations.ts) and /api/v1/openapi.json. Routes with their own folder
// under api/v1 (e.g. hooks/[endpointId]) are more specific than this catch-all and keep their requests.
import { inputLimitsFromEnv } from '@switchyard/engine/limits';
import { env } from '~/env';
import { handleApiRequest } from '~/server/api/handler';
import { getEngine, getRateLimiter } from '~/server/engine';

export const dynamic = 'force-dynamic';

function handler(req: Request): Promise<Response> {
  return handleApiRequest(req, {
    engine: getEngine(),
    rateLimiter: getRateLimiter(),
    maxBodyBytes: inputLimitsFromEnv(env()).apiBodyBytes,
  });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
