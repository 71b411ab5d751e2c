// The example end to end, as a deployment runs it: its worker (src/main.ts) as a separate process against the real
// Postgres and Redis, and the engine a console or CLI would use publishing and starting instances.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createEngine, EngineError, seedDemo, type Engine, type InstanceDetail } from '@switchyard/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../packages/engine/test/support/database';
import { checkoutSpec } from '../src/checkout-spec';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ctx = { tenantId: 'demo', actor: { type: 'operator' as const, id: 'example-test' } };

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let engine: Engine;
let worker: ChildProcess;
let workerLog = '';
let payments: Server;
/** What the payment provider received: one entry per request. */
const charges: { idempotencyKey: string | undefined; body: Record<string, unknown> }[] = [];

/** A stand-in payment provider on a loopback port: approves any token but tok_declined (402). */
function startPaymentProvider(): Promise<string> {
  payments = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      charges.push({ idempotencyKey: request.headers['idempotency-key'] as string | undefined, body });
      const declined = body['cardToken'] === 'tok_declined';
      response.writeHead(declined ? 402 : 201, { 'content-type': 'application/json' });
      response.end(JSON.stringify(declined ? { error: 'declined' } : { id: `ch_${charges.length}` }));
    });
  });
  return new Promise((resolve) =>
    payments.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(payments.address() as AddressInfo).port}`)),
  );
}

/** Starts `pnpm start`'s entry point and resolves once it logged that it started (its task types are registered). */
function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('../src/main.ts', import.meta.url))],
    {
      env: { ...process.env, ...env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start in 30 s:\n${workerLog}`)), 30_000);
    const onData = (chunk: Buffer) => {
      workerLog += chunk.toString();
      if (workerLog.includes('"worker started"')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before starting:\n${workerLog}`)));
  });
}

async function waitForInstance(instanceId: string, done: (i: InstanceDetail) => boolean): Promise<InstanceDetail> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const instance = await engine.service.getInstance(ctx, { instanceId });
    if (done(instance)) return instance;
    if (Date.now() > deadline)
      throw new Error(`instance stayed ${instance.status} in ${instance.stateValue}; worker log:\n${workerLog}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const queuePrefix = `syexample-${randomBytes(4).toString('hex')}`;
  // No taskTypes here: this engine learns CHARGE_CARD from what the worker registered, as the console does.
  engine = createEngine({ databaseUrl: database.url, redisUrl: REDIS_URL, queuePrefix });
  await seedDemo(engine.deps.prisma, engine.service);
  const provider = await startPaymentProvider();
  worker = await startWorkerProcess({
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    PAYMENTS_URL: `http://${provider}`,
    // The provider listens on loopback, which the egress policy refuses unless the operator allows it.
    EGRESS_ALLOW: provider,
  });
});

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGTERM');
    await exited;
  }
  await engine?.close();
  await database?.drop();
  await new Promise((resolve) => payments?.close(resolve));
});

describe('a worker with the CHARGE_CARD handler from this package', () => {
  it('runs a published spec that uses CHARGE_CARD to completion', async () => {
    const published = await engine.service.publishDefinition(ctx, { spec: checkoutSpec });
    expect(published.version).toBe(1);
    const { instanceId } = await engine.service.startInstance(ctx, {
      definitionKey: 'checkout',
      input: { amount: 4_200, cardToken: 'tok_visa4242' },
    });
    const done = await waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.stateValue).toBe('paid');
    const task = done.tasks.find((t) => t.name === 'charge');
    expect(task?.status).toBe('succeeded');
    expect(task?.output).toMatchObject({ amount: 4_200, currency: 'EUR', chargeId: expect.stringMatching(/^ch_/) });
    expect(done.context['chargeId']).toBe((task?.output as { chargeId: string }).chargeId);
    // The provider saw one charge, through the egress policy, keyed by the task id.
    expect(charges).toEqual([
      { idempotencyKey: task?.id, body: { amount: 4_200, currency: 'EUR', cardToken: 'tok_visa4242' } },
    ]);
  });

  it('fails the task at once when the provider declines the card', async () => {
    const { instanceId } = await engine.service.startInstance(ctx, {
      definitionKey: 'checkout',
      input: { amount: 990, cardToken: 'tok_declined' },
    });
    const done = await waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.stateValue).toBe('declined');
    const task = done.tasks.find((t) => t.name === 'charge');
    expect(task).toMatchObject({ status: 'failed', attempts: 1, lastError: 'card tok_declined was declined' });
  });

  it('refuses at publish a literal input the handler schema rejects, naming the field', async () => {
    const spec = structuredClone(checkoutSpec);
    spec.id = 'checkout-literal';
    const input = spec.states.charging.on.WORKFLOW_START.actions[0]!.task.input as Record<string, unknown>;
    input['amount'] = '42.00';
    input['currency'] = 'JPY';
    const refusal = await engine.service.publishDefinition(ctx, { spec }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(EngineError);
    const problems = (refusal as EngineError).details as { path: string; code: string; message: string }[];
    const at = '$.states.charging.on.WORKFLOW_START.actions[0].task.input';
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: `${at}.amount`, code: 'INVALID_TASK_INPUT' }),
        expect.objectContaining({ path: `${at}.currency`, code: 'INVALID_TASK_INPUT' }),
      ]),
    );
    expect(problems.find((p) => p.path === `${at}.amount`)?.message).toMatch(
      /CHARGE_CARD task input\.amount: .*number/,
    );
    // The $ref parts (cardToken) are left to run time, so they are not among the problems.
    expect(problems.map((p) => p.path)).not.toContain(`${at}.cardToken`);
  });

  it('fails the task at once with the field named when a reference resolves to a bad value', async () => {
    const { instanceId } = await engine.service.startInstance(ctx, {
      definitionKey: 'checkout',
      input: { amount: 4_200, cardToken: '4242 4242 4242 4242' },
    });
    const done = await waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.stateValue).toBe('declined');
    const task = done.tasks.find((t) => t.name === 'charge');
    expect(task?.status).toBe('failed');
    // Bad input cannot succeed on retry: one attempt of the two allowed, and the provider was never called.
    expect(task?.attempts).toBe(1);
    expect(charges.map((c) => c.body['cardToken'])).not.toContain('4242 4242 4242 4242');
    expect(task?.lastError).toMatch(/CHARGE_CARD task input is invalid: input\.cardToken: expected a card token/);
  });
});
