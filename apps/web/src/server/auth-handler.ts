import { toNextJsHandler } from 'better-auth/next-js';
import type { Auth } from './auth';
import type { SignInThrottle, ThrottleVerdict } from './sign-in-throttle';

export interface AuthHandlerDeps {
  auth: Auth;
  throttle: SignInThrottle;
  /** The client's address for this request (see client-address.ts). */
  clientAddress: (headers: Headers) => string;
}

function tooMany(verdict: ThrottleVerdict): Response {
  const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
  // The same answer whether or not the account exists.
  return Response.json(
    {
      code: 'TOO_MANY_ATTEMPTS',
      message: `Too many attempts: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    },
    { status: 429, headers: { 'retry-after': String(verdict.retryAfterSeconds) } },
  );
}

async function emailOf(req: Request): Promise<string> {
  const body: unknown = await req
    .clone()
    .json()
    .catch(() => null);
  const email = body && typeof body === 'object' && 'email' in body ? body.email : null;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : '';
}

/**
 * Better Auth's endpoints behind the sign-in throttle: email sign-in is refused (429) once its account or its
 * client address has spent its failures, and every non-2xx answer counts as a failure; sign-up attempts spend
 * the address budget.
 */
export async function handleAuthRequest(req: Request, deps: AuthHandlerDeps): Promise<Response> {
  const handlers = toNextJsHandler(deps.auth);
  if (req.method !== 'POST') return handlers.GET(req);
  const path = new URL(req.url).pathname;
  if (path.endsWith('/sign-in/email')) {
    const [email, address] = [await emailOf(req), deps.clientAddress(req.headers)];
    const verdict = await deps.throttle.check(email, address);
    if (!verdict.allowed) return tooMany(verdict);
    const response = await handlers.POST(req);
    if (response.ok) await deps.throttle.recordSuccess(email);
    else await deps.throttle.recordFailure(email, address);
    return response;
  }
  if (path.endsWith('/sign-up/email')) {
    const address = deps.clientAddress(req.headers);
    const verdict = await deps.throttle.checkAddress(address);
    if (!verdict.allowed) return tooMany(verdict);
    await deps.throttle.recordAttempt(address);
  }
  return handlers.POST(req);
}
