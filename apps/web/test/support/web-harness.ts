import { createRedis, type Role } from '@switchyard/engine';
import { createHarness, REDIS_URL, type Harness } from '../../../../packages/engine/test/support/harness';
import { createAuth, type Auth } from '../../src/server/auth';
import { createTrpcContext } from '../../src/server/context';
import { DEFAULT_RATE_LIMITS, RequestRateLimiter, tenantRatesFrom } from '../../src/server/rate-limits';
import { createCaller } from '../../src/server/routers';

export type Caller = ReturnType<typeof createCaller>;

export interface WebHarness extends Harness {
  auth: Auth;
  /** The request-rate budgets at their defaults, on the shared Redis under this harness's prefix. */
  rateLimiter: RequestRateLimiter;
  /** Signs in through Better Auth for real and returns the request headers carrying the session cookie. */
  signIn(email: string, password: string): Promise<Headers>;
  /** Headers carrying a fresh API token for the tenant and role. */
  tokenHeaders(tenantId: string, role: Role): Promise<Headers>;
  caller(headers: Headers, tenant?: string): Caller;
}

/** The origin the test console pretends to live at: mutations from it pass the Origin check. */
export const CONSOLE_ORIGIN = 'http://localhost:3000';

/** The engine harness plus the console's auth, so router tests go through sign-in and tokens like a browser does. */
export async function createWebHarness(options: { openSignUp?: boolean } = {}): Promise<WebHarness> {
  const h = await createHarness();
  const auth = createAuth(h.engine, {
    secret: 'switchyard-test-secret-at-least-32-chars',
    baseURL: CONSOLE_ORIGIN,
    trustedOrigins: [CONSOLE_ORIGIN],
    openSignUp: options.openSignUp ?? false,
  });
  const limitsRedis = createRedis(REDIS_URL, { maxRetriesPerRequest: 3 });
  const closeHarness = h.close.bind(h);
  return Object.assign(h, {
    auth,
    rateLimiter: new RequestRateLimiter(limitsRedis, h.queuePrefix, DEFAULT_RATE_LIMITS, tenantRatesFrom(h.engine)),
    async close() {
      await closeHarness();
      await limitsRedis.quit();
    },
    async signIn(email: string, password: string) {
      const response = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
      if (!response.ok) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
      const cookies = response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      return new Headers({ cookie: cookies });
    },
    async tokenHeaders(tenantId: string, role: Role) {
      const { token } = await h.engine.service.createApiToken(
        { tenantId, actor: { type: 'system', id: 'test' } },
        { name: `${role}-${Math.random().toString(36).slice(2, 8)}`, role },
      );
      return new Headers({ authorization: `Bearer ${token}` });
    },
    caller(headers: Headers, tenant?: string) {
      const withTenant = new Headers(headers);
      if (tenant) withTenant.set('x-switchyard-tenant', tenant);
      return createCaller(
        createTrpcContext({ engine: h.engine, auth, headers: withTenant, allowedOrigins: [CONSOLE_ORIGIN] }),
      );
    },
  });
}
