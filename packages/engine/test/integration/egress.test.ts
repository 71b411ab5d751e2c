import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOperatorAllowlist, type LookupAll } from '../../src/egress';
import type { TenantContext } from '../../src/contracts/actor';
import type { TaskView } from '../../src/service';
import { startLocalServer, type LocalServer } from '../support/egress-servers';
import { createHarness, type Harness } from '../support/harness';

// A spec that calls whatever URL the start input names: what a hostile tenant would publish.
const probeSpec = {
  id: 'egress-probe',
  initial: 'start',
  states: {
    start: {
      on: {
        WORKFLOW_START: {
          target: 'calling',
          actions: [
            {
              type: 'createTask',
              task: {
                type: 'HTTP',
                name: 'call',
                maxAttempts: 1,
                completionEvent: 'CALLED',
                input: {
                  method: { $ref: 'event.payload.method', default: 'GET' },
                  url: { $ref: 'event.payload.url' },
                  headers: { $ref: 'event.payload.headers', default: {} },
                  timeoutMs: 5000,
                },
              },
            },
          ],
        },
      },
    },
    calling: { on: { CALLED: { target: 'done' } } },
    done: { type: 'final' },
  },
};

const SECRET = 'internal-secret-token';
const MIB = 1024 * 1024;

describe('egress policy for HTTP tasks', () => {
  let h: Harness;
  let internal: LocalServer;
  let allowed: LocalServer;
  const acme: TenantContext = { tenantId: 'acme', actor: { type: 'operator', id: 'tester' } };

  // A DNS server under the attacker's control: names that point inside, or half inside.
  const lookup: LookupAll = async (hostname) => {
    if (hostname === 'rebind.test') return [{ address: '127.0.0.1', family: 4 }];
    if (hostname === 'mixed.test')
      return [
        { address: '93.184.215.14', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ];
    if (hostname === 'localhost')
      return [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ];
    throw new Error(`no such host ${hostname}`);
  };

  beforeAll(async () => {
    h = await createHarness();
    internal = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(SECRET);
    });
    allowed = await startLocalServer((req, res, self) => {
      const path = req.url ?? '/';
      if (path === '/ok') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, idempotencyKey: req.headers['idempotency-key'] ?? null }));
      } else if (path === '/to-internal') {
        res.writeHead(302, { location: internal.url('/secret') });
        res.end();
      } else if (path === '/to-metadata') {
        res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' });
        res.end();
      } else if (path === '/to-file') {
        res.writeHead(302, { location: 'file:///etc/passwd' });
        res.end();
      } else if (path === '/to-ok') {
        res.writeHead(307, { location: '/ok' });
        res.end();
      } else if (path.startsWith('/loop')) {
        const n = Number(path.split('/')[2] ?? 0);
        res.writeHead(302, { location: self.url(`/loop/${n + 1}`) });
        res.end();
      } else if (path === '/big') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(2 * MIB) });
        res.end(Buffer.alloc(2 * MIB, 'a'));
      } else if (path === '/big-chunked') {
        // No content-length: the cap must hold while streaming.
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 'b');
        let sent = 0;
        const pump = () => {
          while (sent < 4 * MIB) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
      } else if (path === '/fail') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`upstream stack trace ${'x'.repeat(20_000)}`);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await h.engine.service.publishDefinition(h.ctx, { spec: probeSpec });
    await h.engine.service.publishDefinition(acme, { spec: probeSpec });
    h.startWorker({
      egress: {
        allow: parseOperatorAllowlist(`127.0.0.1:${allowed.port}`),
        maxResponseBytes: MIB,
        maxRedirects: 5,
        lookup,
      },
    });
  });
  afterAll(async () => {
    await h.close();
    await internal.close();
    await allowed.close();
  });

  async function run(
    input: Record<string, unknown>,
    ctx: TenantContext = h.ctx,
  ): Promise<{ status: string; task: TaskView }> {
    const { instanceId } = await h.engine.service.startInstance(ctx, { definitionKey: 'egress-probe', input });
    const poll = async () => {
      for (;;) {
        const instance = await h.engine.service.getInstance(ctx, { instanceId });
        if (instance.status !== 'running') return instance;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const instance = await poll();
    return { status: instance.status, task: instance.tasks[0]! };
  }

  async function expectRefused(url: string, reason: RegExp): Promise<void> {
    const hitsBefore = internal.requests.length;
    const { status, task } = await run({ url });
    expect(status).toBe('failed');
    expect(task.status).toBe('failed');
    // Refused by policy: one attempt, no retries, and nothing of the internal answer anywhere.
    expect(task.attempts).toBe(1);
    expect(task.lastError).toContain('refused by the egress policy');
    expect(task.lastError).toMatch(reason);
    expect(JSON.stringify(task)).not.toContain(SECRET);
    expect(internal.requests.length).toBe(hitsBefore);
  }

  it('calls the allowlisted local server and sends a stable Idempotency-Key (the task id)', async () => {
    const { status, task } = await run({ url: allowed.url('/ok') });
    expect(status).toBe('completed');
    expect(task.output).toMatchObject({ status: 200, body: { ok: true, idempotencyKey: task.id } });
  });

  it('keeps an Idempotency-Key the spec sets', async () => {
    const { task } = await run({ url: allowed.url('/ok'), headers: { 'Idempotency-Key': 'order-42' } });
    expect(task.output).toMatchObject({ body: { idempotencyKey: 'order-42' } });
  });

  it('follows a redirect that stays on an allowed destination', async () => {
    const { status, task } = await run({ url: allowed.url('/to-ok') });
    expect(status).toBe('completed');
    expect(task.output).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('refuses loopback addresses in every spelling', async () => {
    const port = internal.port;
    await expectRefused(`http://127.0.0.1:${port}/secret`, /127\.0\.0\.1:\d+ is a loopback address/);
    await expectRefused(`http://2130706433:${port}/secret`, /loopback/);
    await expectRefused(`http://0x7f.1:${port}/secret`, /loopback/);
    await expectRefused(`http://0177.0.0.1:${port}/secret`, /loopback/);
    await expectRefused(`http://127.1:${port}/secret`, /loopback/);
    await expectRefused(`http://[::1]:${port}/secret`, /::1:\d+ is a loopback address/);
  });

  it('refuses IPv4-mapped IPv6 addresses', async () => {
    await expectRefused(`http://[::ffff:127.0.0.1]:${internal.port}/secret`, /ipv4Mapped/);
    await expectRefused(`http://[::ffff:7f00:1]:${internal.port}/secret`, /ipv4Mapped/);
  });

  it('refuses names that resolve inside, including a DNS answer that is only half public', async () => {
    await expectRefused(`http://localhost:${internal.port}/secret`, /localhost \(resolves to 127\.0\.0\.1\)/);
    await expectRefused(`http://rebind.test:${internal.port}/secret`, /rebind\.test \(resolves to 127\.0\.0\.1\)/);
    await expectRefused(`http://mixed.test:${internal.port}/secret`, /mixed\.test \(resolves to 127\.0\.0\.1\)/);
  });

  it('refuses an allowlisted address on another port', async () => {
    // The allowlist names 127.0.0.1 on the allowed server's port only.
    await expectRefused(`http://127.0.0.1:${internal.port}/secret`, /EGRESS_ALLOW/);
  });

  it('refuses private, link-local, CGNAT and cloud metadata destinations', async () => {
    await expectRefused('http://10.1.2.3/', /10\.1\.2\.3:80 is a private address/);
    await expectRefused('http://192.168.1.1:8080/', /private/);
    await expectRefused('http://100.64.0.1/', /carrierGradeNat/);
    await expectRefused('http://169.254.169.254/latest/meta-data/', /linkLocal/);
    await expectRefused('http://[fd00:ec2::254]/latest/meta-data/', /uniqueLocal/);
    await expectRefused('http://metadata.google.internal/computeMetadata/v1/', /cloud metadata service/);
    await expectRefused('http://0.0.0.0:80/', /unspecified/);
    await expectRefused('http://224.0.0.1/', /multicast/);
  });

  it('re-checks every redirect hop', async () => {
    await expectRefused(allowed.url('/to-internal'), /127\.0\.0\.1:\d+ is a loopback address/);
    await expectRefused(allowed.url('/to-metadata'), /169\.254\.169\.254:80 is a linkLocal address/);
    await expectRefused(allowed.url('/to-file'), /file: URLs are not allowed/);
  });

  it('stops after 5 redirects', async () => {
    await expectRefused(allowed.url('/loop/0'), /more than 5 redirects/);
    const loops = allowed.requests.filter((r) => r.path.startsWith('/loop/'));
    expect(loops.map((r) => r.path)).toEqual(['/loop/0', '/loop/1', '/loop/2', '/loop/3', '/loop/4', '/loop/5']);
  });

  it('refuses schemes other than http and https', async () => {
    await expectRefused('file:///etc/passwd', /file: URLs are not allowed/);
    await expectRefused('ftp://example.com/', /ftp: URLs are not allowed/);
  });

  it('caps the response body, with or without a content-length, and names the cap', async () => {
    await expectRefused(allowed.url('/big'), /larger than the 1 MiB response cap \(EGRESS_MAX_RESPONSE_BYTES\)/);
    await expectRefused(allowed.url('/big-chunked'), /larger than the 1 MiB response cap/);
  });

  it("truncates a failed answer's body in lastError", async () => {
    const { status, task } = await run({ url: allowed.url('/fail') });
    expect(status).toBe('failed');
    expect(task.lastError).toMatch(
      /answered 500 Internal Server Error: upstream stack trace x+… \(20021 bytes, first 2048 shown\)$/,
    );
    expect(task.lastError!.length).toBeLessThan(2_300);
  });

  it('a tenant allowlist restricts that tenant to its hosts and cannot open a private address', async () => {
    await h.engine.deps.prisma.tenant.update({
      where: { id: 'acme' },
      data: { egressAllowedHosts: ['api.example.com'] },
    });
    const refused = await run({ url: allowed.url('/ok') }, acme);
    expect(refused.task.lastError).toContain("127.0.0.1 is not in this tenant's egress allowlist (api.example.com)");

    await h.engine.deps.prisma.tenant.update({ where: { id: 'acme' }, data: { egressAllowedHosts: ['127.0.0.1'] } });
    expect((await run({ url: allowed.url('/ok') }, acme)).status).toBe('completed');
    const internalCall = await run({ url: internal.url('/secret') }, acme);
    expect(internalCall.task.lastError).toMatch(
      /loopback address; the egress policy allows only public addresses and the EGRESS_ALLOW list/,
    );

    // Another tenant's list does not touch this one.
    expect((await run({ url: allowed.url('/ok') })).status).toBe('completed');
  });
});
