import { handleAuthRequest } from '~/server/auth-handler';
import { getAuth, getThrottle, requestClientAddress } from '~/server/engine';

export const dynamic = 'force-dynamic';

// Better Auth's endpoints (sign-in, sign-out, session) under /api/auth/*, behind the sign-in throttle. Resolved
// per request so that `next build` never opens a database connection.
function handler(req: Request): Promise<Response> {
  return handleAuthRequest(req, { auth: getAuth(), throttle: getThrottle(), clientAddress: requestClientAddress });
}

export { handler as GET, handler as POST };
