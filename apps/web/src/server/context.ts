import { authenticateApiToken, listUserTenants, type Actor, type Engine, type Role } from '@switchyard/engine';
import type { Auth } from './auth';
import type { RequestRateLimiter } from './rate-limits';

export const TENANT_HEADER = 'x-switchyard-tenant';
export const TENANT_COOKIE = 'switchyard-tenant';

/** Who is calling: a signed-in person (roles per tenant) or an API token (one tenant, one role). */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      email: string;
      name: string;
      tenants: { tenantId: string; name: string; role: Role }[];
    }
  | { kind: 'token'; tenantId: string; role: Role; actor: Actor; creatorUserId: string | null };

export interface TrpcContext {
  engine: Engine;
  headers: Headers;
  /** Origins whose pages may send mutations (the console's own); any other Origin is refused. */
  allowedOrigins: readonly string[];
  /** The request-rate budgets every call spends (absent: unlimited, as in router tests that do not test them). */
  rateLimiter?: RequestRateLimiter;
  /** Resolved once per request, on first use. */
  principal(): Promise<Principal | null>;
  /** Resolved again from the database: a long-lived subscription asks this to notice sign-out, revocation, demotion. */
  freshPrincipal(): Promise<Principal | null>;
}

/** Built per request by the route handler, and by tests with their own engine, auth and headers. */
export function createTrpcContext(opts: {
  engine: Engine;
  auth: Auth;
  headers: Headers;
  allowedOrigins?: readonly string[];
  rateLimiter?: RequestRateLimiter;
}): TrpcContext {
  let resolved: Promise<Principal | null> | undefined;
  return {
    engine: opts.engine,
    headers: opts.headers,
    allowedOrigins: opts.allowedOrigins ?? [],
    ...(opts.rateLimiter ? { rateLimiter: opts.rateLimiter } : {}),
    principal: () => (resolved ??= resolvePrincipal(opts)),
    freshPrincipal: () => resolvePrincipal(opts),
  };
}

async function resolvePrincipal({
  engine,
  auth,
  headers,
}: {
  engine: Engine;
  auth: Auth;
  headers: Headers;
}): Promise<Principal | null> {
  const authorization = headers.get('authorization');
  if (authorization?.toLowerCase().startsWith('bearer ')) {
    const token = await authenticateApiToken(engine.deps, authorization.slice(7).trim());
    return token ? { kind: 'token', ...token } : null;
  }
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const tenants = await listUserTenants(engine.deps, session.user.id);
  return { kind: 'user', userId: session.user.id, email: session.user.email, name: session.user.name, tenants };
}

function readCookie(headers: Headers, name: string): string | undefined {
  const raw = headers.get('cookie');
  if (!raw) return undefined;
  for (const part of raw.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The tenant a request asks for: the header wins over the cookie; undefined means "my default". */
export function requestedTenant(headers: Headers): string | undefined {
  return headers.get(TENANT_HEADER)?.trim() || readCookie(headers, TENANT_COOKIE)?.trim() || undefined;
}
