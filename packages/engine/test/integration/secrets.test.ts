import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEgressPolicy, parseOperatorAllowlist } from '../../src/egress';
import { createEngine } from '../../src/runtime/engine';
import { DEVELOPMENT_SECRETS_KEY } from '../../src/secrets/keyring';
import { createHarness, REDIS_URL, type Harness } from '../support/harness';

const run = promisify(execFile);

// Values an attacker would look for: none may appear in a row, a log line or an answer.
const FIRST_VALUE = 'sk-ledger-first-7f3a9c1e5b';
const SECOND_VALUE = 'sk-ledger-second-2d8e4f6a0c';

/** A ledger API that wants `Authorization: Bearer <accepted>` and echoes what it was sent (as careless APIs do). */
function startLedger(): Promise<{ server: Server; url: string; accepted: { value: string }; seen: string[] }> {
  const accepted = { value: FIRST_VALUE };
  const seen: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const authorization = req.headers.authorization ?? '';
      seen.push(`${authorization} ${req.url ?? ''} ${body}`);
      const ok = authorization === `Bearer ${accepted.value}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(ok ? { balance: 42, youSent: authorization } : { error: `bad credentials: ${authorization}` }),
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, accepted, seen }),
    ),
  );
}

function ledgerSpec(id: string, url: string, input: Record<string, unknown> = {}) {
  return {
    id,
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
                  name: 'balance',
                  maxAttempts: 12,
                  completionEvent: 'DONE',
                  input: {
                    method: 'POST',
                    url,
                    headers: { authorization: { $secret: 'ledger_api_key', prefix: 'Bearer ' } },
                    body: { account: 'acme' },
                    ...input,
                  },
                },
              },
            ],
          },
        },
      },
      calling: {
        on: {
          DONE: { target: 'done', actions: [{ type: 'assign', path: 'answer', value: { $ref: 'event.payload' } }] },
        },
      },
      done: { type: 'final' },
    },
  };
}

describe('tenant secrets', () => {
  let h: Harness;
  let ledger: Awaited<ReturnType<typeof startLedger>>;
  const logLines: string[] = [];
  const admin = {
    tenantId: 'demo',
    actor: { type: 'operator' as const, id: 'admin@demo.test', role: 'admin' as const },
  };

  beforeAll(async () => {
    h = await createHarness();
    ledger = await startLedger();
    await h.engine.service.publishDefinition(admin, { spec: ledgerSpec('ledger-call', ledger.url) });
    await h.engine.service.publishDefinition(admin, {
      spec: ledgerSpec('ledger-missing', ledger.url, { headers: { authorization: { $secret: 'missing_key' } } }),
    });
    // Data may not smuggle a marker in: the body here comes from the start input.
    await h.engine.service.publishDefinition(admin, {
      spec: ledgerSpec('ledger-smuggle', ledger.url, { body: { $ref: 'event.payload' } }),
    });
    const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
    // The egress policy refuses loopback unless the operator allows it: exactly the ledger's port.
    const egress = { ...defaultEgressPolicy, allow: parseOperatorAllowlist(new URL(ledger.url).host) };
    h.startWorker({ logger, backoff: { baseMs: 100, maxMs: 400 }, egress });
  });
  afterAll(async () => {
    ledger.server.close();
    await h.close();
  });

  it('sets a secret write-only: the list shows the name and dates, the audit log the name only', async () => {
    const set = await h.engine.service.setSecret(admin, { name: 'ledger_api_key', value: FIRST_VALUE });
    expect(set).toMatchObject({ name: 'ledger_api_key', created: true });
    const list = await h.engine.service.listSecrets(admin);
    expect(list).toEqual([
      expect.objectContaining({
        name: 'ledger_api_key',
        updatedBy: 'operator:admin@demo.test',
        sealedWithCurrentKey: true,
      }),
    ]);
    expect(JSON.stringify(list)).not.toContain(FIRST_VALUE);
    const audit = await h.engine.service.listAudit(admin, { action: 'secret.created' });
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'secret.created',
        targetId: 'ledger_api_key',
        payload: { name: 'ledger_api_key' },
      }),
    ]);
  });

  it('refuses a bad name or a value out of bounds, naming the field and the limit', async () => {
    await expect(h.engine.service.setSecret(admin, { name: 'Ledger-Key', value: FIRST_VALUE })).rejects.toThrow(
      /name: expected a secret name of lower-case letters/,
    );
    await expect(h.engine.service.setSecret(admin, { name: 'short', value: 'abc' })).rejects.toThrow(
      'value: expected a secret value of at least 8 characters',
    );
    await expect(h.engine.service.setSecret(admin, { name: 'huge', value: 'x'.repeat(8_193) })).rejects.toThrow(
      'value: expected a secret value of at most 8192 characters',
    );
    expect((await h.engine.service.listSecrets(admin)).map((s) => s.name)).toEqual(['ledger_api_key']);
  });

  it('an HTTP task authenticates with the secret, and its output shows only the name', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'ledger-call' });
    const done = await h.waitForInstance(instanceId, (i) => i.status !== 'running');
    expect(done.status).toBe('completed');
    const task = done.tasks[0]!;
    expect(task.input).toMatchObject({ headers: { authorization: { $secret: 'ledger_api_key', prefix: 'Bearer ' } } });
    // The server echoed the header; what is stored (and sent on as the event payload) has the value scrubbed.
    expect(task.output).toMatchObject({
      status: 200,
      body: { balance: 42, youSent: 'Bearer [secret ledger_api_key]' },
    });
    expect(done.context.answer).toMatchObject({ body: { youSent: 'Bearer [secret ledger_api_key]' } });
    expect(ledger.seen.at(-1)).toContain(`Bearer ${FIRST_VALUE}`);
  });

  it('rotation takes effect on the next attempt', async () => {
    ledger.accepted.value = SECOND_VALUE; // the ledger moved to a new key; the tenant's is still the first
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'ledger-call' });
    const failedAttempt = await h.waitForEntry(instanceId, 'task.attempt_failed');
    expect(JSON.stringify(failedAttempt.payload)).toContain('bad credentials: Bearer [secret ledger_api_key]');
    await h.engine.service.setSecret(admin, {
      name: 'ledger_api_key',
      value: SECOND_VALUE,
      reason: 'ledger rotated its keys',
    });
    const done = await h.waitForInstance(instanceId, (i) => i.status !== 'running');
    expect(done.status).toBe('completed');
    expect(done.tasks[0]!.attempts).toBeGreaterThan(1);
    expect(ledger.seen.at(-1)).toContain(`Bearer ${SECOND_VALUE}`);
    expect((await h.engine.service.listAudit(admin, { action: 'secret.rotated' }))[0]).toMatchObject({
      reason: 'ledger rotated its keys',
      payload: { name: 'ledger_api_key' },
    });
  });

  it('a task naming a secret that does not exist fails at once with an error naming it', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'ledger-missing' });
    const failed = await h.waitForInstance(instanceId, (i) => i.status !== 'running');
    expect(failed.status).toBe('failed');
    expect(failed.tasks[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'secret "missing_key" is not set in this tenant; an admin sets it under Settings → Secrets',
    });
  });

  it('a $secret marker arriving in data is never resolved', async () => {
    const before = ledger.seen.length;
    const { instanceId } = await h.engine.service.startInstance(h.ctx, {
      definitionKey: 'ledger-smuggle',
      input: { steal: { $secret: 'ledger_api_key' } },
    });
    await h.waitForInstance(instanceId, (i) => i.status !== 'running');
    const body = ledger.seen.slice(before).join('\n');
    expect(body).toContain('[refused: a $secret may only be written in the spec]');
    expect(body.split(SECOND_VALUE)).toHaveLength(2); // once: the header the spec put there, never the body
  });

  it('another tenant cannot use the secret: the name is not set there', async () => {
    const acme = {
      tenantId: 'acme',
      actor: { type: 'operator' as const, id: 'admin@acme.test', role: 'admin' as const },
    };
    await h.engine.service.publishDefinition(acme, { spec: ledgerSpec('ledger-call', ledger.url) });
    const { instanceId } = await h.engine.service.startInstance(acme, { definitionKey: 'ledger-call' });
    const deadline = Date.now() + 20_000;
    let status = 'running';
    let lastError: string | null = null;
    while (status === 'running' && Date.now() < deadline) {
      const i = await h.engine.service.getInstance(acme, { instanceId });
      status = i.status;
      lastError = i.tasks[0]?.lastError ?? null;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe('failed');
    expect(lastError).toContain('secret "ledger_api_key" is not set in this tenant');
  });

  it('rotating SECRETS_KEY: rows sealed with the previous key still open, are marked, and re-seal when set again', async () => {
    const rotated = createEngine({
      databaseUrl: h.databaseUrl,
      redisUrl: REDIS_URL,
      queuePrefix: h.queuePrefix,
      secretsKey: Buffer.alloc(32, 3).toString('base64'),
      secretsKeyPrevious: DEVELOPMENT_SECRETS_KEY,
    });
    try {
      const before = await rotated.service.listSecrets(admin);
      expect(before.map((s) => [s.name, s.sealedWithCurrentKey])).toEqual([['ledger_api_key', false]]);
      const row = await rotated.deps.prisma.tenantSecret.findFirstOrThrow({
        where: { tenantId: 'demo', name: 'ledger_api_key' },
      });
      expect(rotated.deps.secrets.open(row, 'demo\u0000ledger_api_key')).toBe(SECOND_VALUE);
      await rotated.service.setSecret(admin, {
        name: 'ledger_api_key',
        value: SECOND_VALUE,
        reason: 're-seal under the new key',
      });
      expect((await rotated.service.listSecrets(admin)).map((s) => s.sealedWithCurrentKey)).toEqual([true]);
      // The harness's processes still run on the old key alone: they now say which key is missing.
      const resealed = await h.engine.deps.prisma.tenantSecret.findFirstOrThrow({
        where: { tenantId: 'demo', name: 'ledger_api_key' },
      });
      expect(() => h.engine.deps.secrets.open(resealed, 'demo\u0000ledger_api_key')).toThrow(
        'sealed with a key that is not configured',
      );
    } finally {
      await rotated.close();
    }
  });

  it('leaves no value in any row of the database or any log line', async () => {
    await h.engine.service.deleteSecret(admin, { name: 'ledger_api_key', reason: 'test over' });
    await h.engine.service.setSecret(admin, { name: 'ledger_api_key', value: SECOND_VALUE });
    // Every row of every table, as the owner sees it.
    const { stdout: dump } = await run('pg_dump', ['--data-only', '--no-owner', h.ownerDatabaseUrl], {
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(dump).toContain('ledger_api_key');
    expect(dump).toContain('secret.rotated');
    for (const value of [FIRST_VALUE, SECOND_VALUE]) {
      expect(dump.includes(value)).toBe(false);
      expect(dump.includes(Buffer.from(value).toString('hex'))).toBe(false);
    }
    const logs = logLines.join('');
    expect(logs).toContain('task attempt finished');
    for (const value of [FIRST_VALUE, SECOND_VALUE]) expect(logs.includes(value)).toBe(false);
  });
});
