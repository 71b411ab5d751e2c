import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '~/server/engine';

export const dynamic = 'force-dynamic';

// Better Auth's endpoints (sign-in, sign-out, session) under /api/auth/*. Resolved per request so that
// `next build` never opens a database connection.
function handler(req: Request): Promise<Response> {
  return toNextJsHandler(getAuth()).POST(req);
}
function getHandler(req: Request): Promise<Response> {
  return toNextJsHandler(getAuth()).GET(req);
}

export { getHandler as GET, handler as POST };
