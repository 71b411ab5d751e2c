import { createEngine } from '@switchyard/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL } from '../../../../packages/engine/test/support/harness';
import { handleTrpcRequest } from '../../src/server/trpc-handler';
import { CONSOLE_ORIGIN, createWebHarness, type WebHarness } from '../support/web-harness';

describe('the tRPC endpoint against a browser on another site', () => {
  let h: WebHarness;
  let cookie: string;
  const logged: { line: string; cause: unknown }[] = [];
  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    handleTrpcRequest(
      new Request(`${CONSOLE_ORIGIN}/api/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
      {
        engine: h.engine,
        auth: h.auth,
        rateLimiter: h.rateLimiter,
        allowedOrigins: [CONSOLE_ORIGIN],
        logError: (line, cause) => logged.push({ line, cause }),
      },
    );

  beforeAll(async () => {
    h = await createWebHarness();
    cookie = (await h.signIn('admin@demo.test', 'admin-password')).get('cookie')!;
  });
  afterAll(async () => h.close());

  it('refuses a mutation whose Origin is another site (403), with the session cookie or a token', async () => {
    const foreign = await post(
      'instances.start',
      { definitionKey: 'hello-workflow' },
      { cookie, origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain(
      'cross-site request refused: origin https://evil.example is not this console',
    );
    const bearer = (await h.tokenHeaders('demo', 'operator')).get('authorization')!;
    expect(
      (await post('instances.start', { definitionKey: 'hello-workflow' }, { authorization: bearer, origin: 'null' }))
        .status,
    ).toBe(403);
    // A browser that leaves Origin out still says where the request came from.
    expect(
      (await post('instances.start', { definitionKey: 'hello-workflow' }, { cookie, 'sec-fetch-site': 'cross-site' }))
        .status,
    ).toBe(403);
    expect(
      await h.engine.deps.prisma.workflowInstance.count({ where: { definition: { key: 'hello-workflow' } } }),
    ).toBe(0);
  });

  it("accepts the console's own pages, and programs that send no Origin", async () => {
    expect(
      (await post('instances.start', { definitionKey: 'hello-workflow' }, { cookie, origin: CONSOLE_ORIGIN })).status,
    ).toBe(200);
    const bearer = (await h.tokenHeaders('demo', 'operator')).get('authorization')!;
    expect((await post('instances.start', { definitionKey: 'hello-workflow' }, { authorization: bearer })).status).toBe(
      200,
    );
    expect(
      await h.engine.deps.prisma.workflowInstance.count({ where: { definition: { key: 'hello-workflow' } } }),
    ).toBe(2);
  });

  it('answers a 500 with a reference only; the log carries the same reference and the cause', async () => {
    // A database the console cannot reach: the internal message names its address, nobody's business outside.
    const unreachable = createEngine({
      databaseUrl: 'postgresql://switchyard_app@127.0.0.1:1/nowhere',
      redisUrl: REDIS_URL,
      queuePrefix: h.queuePrefix,
    });
    const get = new Request(`${CONSOLE_ORIGIN}/api/trpc/definitions.list`, { headers: { cookie } });
    const response = await handleTrpcRequest(get, {
      engine: unreachable,
      auth: h.auth,
      rateLimiter: h.rateLimiter,
      allowedOrigins: [CONSOLE_ORIGIN],
      logError: (line, cause) => logged.push({ line, cause }),
    }).finally(() => unreachable.close());
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { message: string; data: Record<string, unknown> } };
    expect(body.error.message).toMatch(/^internal error \(ref [0-9a-f]{12}\)$/);
    expect(JSON.stringify(body)).not.toMatch(/stack|prisma|ECONNREFUSED|127\.0\.0\.1|nowhere/);
    const ref = /ref ([0-9a-f]+)/.exec(body.error.message)![1]!;
    const entry = logged.find((l) => l.line.includes(ref));
    expect(entry?.line).toContain('definitions.list');
    expect(String((entry?.cause as Error | undefined)?.message ?? entry?.cause)).toMatch(
      /prisma\.membership|ECONNREFUSED/,
    );
  });
});
