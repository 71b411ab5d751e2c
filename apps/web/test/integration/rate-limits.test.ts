import { randomBytes } from 'node:crypto';
import { createRedis, signWebhook } from '@switchyard/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL } from '../../../../packages/engine/test/support/harness';
import { handleApiRequest } from '../../src/server/api/handler';
import { RequestRateLimiter, tenantRatesFrom, type RateLimitFigures } from '../../src/server/rate-limits';
import { handleTrpcRequest } from '../../src/server/trpc-handler';
import { handleInboundWebhook } from '../../src/server/webhook-handler';
import { approvalSpec, bearer, demoAdmin } from '../support/api-fixtures';
import { CONSOLE_ORIGIN, createWebHarness, type WebHarness } from '../support/web-harness';

// Request-rate limits on the real handlers (HTTP API, tRPC, inbound webhooks) over the shared Redis. Each test has
// its own key prefix and small figures over a 5 s window, so "the budget refills" is a wait of at most 5 s.
const WINDOW = 5;
const figures = (over: Partial<RateLimitFigures> = {}): RateLimitFigures => ({
  tenantReads: 100,
  tenantWrites: 100,
  credentialReads: 100,
  credentialWrites: 100,
  webhook: 100,
  windowSeconds: WINDOW,
  ...over,
});

let h: WebHarness;
const redis = createRedis(REDIS_URL, { maxRetriesPerRequest: 3 });
beforeAll(async () => {
  h = await createWebHarness();
  await h.engine.service.publishDefinition(demoAdmin, { spec: approvalSpec });
  await h.engine.service.publishDefinition(
    { tenantId: 'acme', actor: { type: 'operator', id: 'admin@acme.test', role: 'admin' } },
    { spec: approvalSpec },
  );
});
afterAll(async () => {
  await h.close();
  await redis.quit();
});

/** A console process: its own limiter object over the shared Redis, as a second `next start` would have. */
const consoleProcess = (prefix: string, over: Partial<RateLimitFigures>) =>
  new RequestRateLimiter(redis, prefix, figures(over), tenantRatesFrom(h.engine));
const freshPrefix = () => `sytest-rate-${randomBytes(4).toString('hex')}`;

/** Waits until the window has passed for a 429 that said Retry-After (at most WINDOW seconds). */
const waitOut = (response: Response) =>
  new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after')) * 1000 + 100));

describe('the HTTP API', () => {
  const call = (limiter: RequestRateLimiter, token: string, method: 'GET' | 'POST', businessKey = '') =>
    handleApiRequest(
      new Request(`http://localhost/api/v1/instances`, {
        method,
        headers: { authorization: token, 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ definitionKey: 'api-approval', businessKey }) } : {}),
      }),
      { engine: h.engine, rateLimiter: limiter, maxBodyBytes: 64 * 1024, logError: () => {} },
    );

  it('answers 429 with Retry-After naming the token’s write limit; reads, another tenant and the refilled budget go on', async () => {
    const prefix = freshPrefix();
    const [one, two] = [
      consoleProcess(prefix, { credentialWrites: 3 }),
      consoleProcess(prefix, { credentialWrites: 3 }),
    ];
    const [demo, acme] = [await bearer(h, 'demo', 'operator'), await bearer(h, 'acme', 'admin')];
    // Three starts spread over two console processes spend the token's budget.
    for (let i = 0; i < 3; i += 1) expect((await call(i % 2 ? one : two, demo, 'POST', `rl-${i}`)).status).toBe(201);
    const refused = await call(one, demo, 'POST', 'rl-3');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const problem = (await refused.json()) as { type: string; code: string; detail: string; errors: unknown[] };
    expect(problem).toMatchObject({ type: 'urn:switchyard:problem:too-many-requests', code: 'TOO_MANY_REQUESTS' });
    expect(problem.detail).toMatch(
      /^rate limit reached: this API token has used its 3 write requests per 5 s \(RATE_LIMIT_CREDENTIAL_WRITES\); try again in \d+ s$/,
    );
    // Nothing was started by the refused call.
    const list = await h.engine.service.listInstances(demoAdmin, { limit: 50 });
    expect(list.items.map((i) => i.businessKey)).not.toContain('rl-3');
    // Reads have a budget of their own; another tenant's token at the same moment is not affected.
    expect((await call(two, demo, 'GET')).status).toBe(200);
    expect((await call(two, acme, 'POST', 'rl-acme')).status).toBe(201);
    // The window ends: the budget is whole again.
    await waitOut(refused);
    expect((await call(two, demo, 'POST', 'rl-3')).status).toBe(201);
  });

  it('counts every token of a tenant against the tenant’s budget', async () => {
    const limiter = consoleProcess(freshPrefix(), { tenantReads: 4 });
    const tokens = await Promise.all([1, 2, 3].map(() => bearer(h, 'demo', 'viewer')));
    for (let i = 0; i < 4; i += 1) expect((await call(limiter, tokens[i % 2]!, 'GET')).status).toBe(200);
    const refused = await call(limiter, tokens[2]!, 'GET');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { detail: string }).detail).toContain(
      'tenant demo has used its 4 read requests per 5 s (RATE_LIMIT_TENANT_READS)',
    );
    expect((await call(limiter, await bearer(h, 'acme', 'viewer'), 'GET')).status).toBe(200);
  });
});

describe('a tenant’s own rates (tenant-caps --reads/--writes)', () => {
  it('win over the deployment’s figure for that tenant only', async () => {
    const acmeAdmin = { tenantId: 'acme', actor: { type: 'operator' as const, id: 'root', role: 'admin' as const } };
    await h.engine.service.setTenantConcurrency(acmeAdmin, { writesPerMinute: 1, reason: 'a script gone wild' });
    try {
      const limiter = consoleProcess(freshPrefix(), {});
      const acme = await bearer(h, 'acme', 'admin');
      const start = (key: string) =>
        handleApiRequest(
          new Request('http://localhost/api/v1/instances', {
            method: 'POST',
            headers: { authorization: acme, 'content-type': 'application/json' },
            body: JSON.stringify({ definitionKey: 'api-approval', businessKey: key }),
          }),
          { engine: h.engine, rateLimiter: limiter, maxBodyBytes: 64 * 1024, logError: () => {} },
        );
      expect((await start('own-1')).status).toBe(201);
      const refused = await start('own-2');
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { detail: string }).detail).toContain(
        "tenant acme has used its 1 write requests per 5 s (the tenant's own limit, tenant-caps --writes)",
      );
    } finally {
      await h.engine.service.setTenantConcurrency(acmeAdmin, { writesPerMinute: null });
    }
  });
});

describe('tRPC', () => {
  const trpc = (limiter: RequestRateLimiter, headers: Headers, path: string) =>
    handleTrpcRequest(new Request(`${CONSOLE_ORIGIN}/api/trpc/${path}`, { headers }), {
      engine: h.engine,
      auth: h.auth,
      rateLimiter: limiter,
      allowedOrigins: [CONSOLE_ORIGIN],
      logError: () => {},
    });

  it('refuses the calls of a batch past the tenant’s read budget with TOO_MANY_REQUESTS; acme is unaffected', async () => {
    const limiter = consoleProcess(freshPrefix(), { tenantReads: 2 });
    const demo = await h.signIn('operator@demo.test', 'operator-password');
    const batch = await trpc(limiter, demo, 'definitions.list,definitions.list,definitions.list?batch=1&input={}');
    expect(Number(batch.headers.get('retry-after'))).toBeGreaterThan(0);
    const results = (await batch.json()) as { result?: unknown; error?: { message: string; data: { code: string } } }[];
    expect(results.map((r) => r.error?.data.code ?? 'ok')).toEqual(['ok', 'ok', 'TOO_MANY_REQUESTS']);
    expect(results[2]!.error!.message).toContain('tenant demo has used its 2 read requests per 5 s');
    // Another tenant's person at the same moment (acme's admin) reads as usual.
    const acme = await h.signIn('admin@acme.test', 'acme-password');
    expect((await trpc(limiter, acme, 'definitions.list')).status).toBe(200);
    const alone = await trpc(limiter, demo, 'definitions.list');
    expect(alone.status).toBe(429);
    await waitOut(alone);
    expect((await trpc(limiter, demo, 'definitions.list')).status).toBe(200);
  });
});

describe('inbound webhooks', () => {
  const SECRET = 'whsec_' + Buffer.from('rate-limit-inbound-secret').toString('base64');

  it('answers 429 past one endpoint’s budget without recording a delivery; another endpoint is unaffected', async () => {
    await h.engine.service.setSecret(demoAdmin, { name: 'rl_hook', value: SECRET });
    const endpoint = () =>
      h.engine.service.createWebhookEndpoint(demoAdmin, {
        name: `rl-${randomBytes(3).toString('hex')}`,
        definitionKey: 'api-approval',
        businessKeyPath: 'id',
        eventTypePath: 'type',
        secretName: 'rl_hook',
      });
    const [busy, quiet] = [(await endpoint()).id, (await endpoint()).id];
    const limiter = consoleProcess(freshPrefix(), { webhook: 2 });
    const post = (endpointId: string, n: number) => {
      const body = JSON.stringify({ type: 'APPROVE', id: `nobody-${n}` });
      const headers = {
        ...signWebhook(SECRET, `msg_rl_${endpointId}_${n}`, body, new Date()),
        'content-type': 'application/json',
      };
      return handleInboundWebhook(
        new Request(`http://localhost/api/v1/hooks/${endpointId}`, { method: 'POST', headers, body }),
        endpointId,
        {
          engine: h.engine,
          rateLimiter: limiter,
          maxBodyBytes: 64 * 1024,
        },
      );
    };
    for (let i = 0; i < 2; i += 1) expect((await post(busy, i)).status).not.toBe(429);
    const refused = await post(busy, 2);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({
      status: 'rejected',
      limit: 'RATE_LIMIT_WEBHOOK',
      figure: 2,
      error: expect.stringContaining(`webhook endpoint ${busy} has used its 2 deliveries per 5 s`),
    });
    expect(await h.engine.service.listInboundDeliveries(demoAdmin, { endpointId: busy })).toHaveLength(2);
    expect((await post(quiet, 0)).status).not.toBe(429);
    await waitOut(refused);
    expect((await post(busy, 3)).status).not.toBe(429);
  });
});
