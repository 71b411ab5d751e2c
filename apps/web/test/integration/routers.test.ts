import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalSpec, demoAdmin } from '../support/api-fixtures';
import { createWebHarness, type WebHarness } from '../support/web-harness';

let h: WebHarness;
let operator: Headers;
// Signed in as the seeded operator of `demo`; a tenant header asks for another tenant.
const caller = (tenant?: string) => h.caller(operator, tenant);

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

beforeAll(async () => {
  h = await createWebHarness();
  h.startWorker();
  operator = await h.signIn('operator@demo.test', 'operator-password');
});
afterAll(() => h.close());

describe('console routers', () => {
  it('lists the seeded definitions with a drawable graph', async () => {
    const list = await caller().definitions.list();
    expect(list.map((d) => d.key)).toContain('hello-workflow');
    const def = await caller().definitions.get({ key: 'hello-workflow' });
    expect(def.graph.nodes.find((n) => n.initial)?.id).toBe('start');
    expect(def.graph.edges.find((e) => e.event === 'WORKFLOW_START')?.tasks).toEqual([
      { type: 'EMAIL', name: 'send-hello' },
    ]);
    expect(typeof def.publishedAt).toBe('string');
  });

  it('shows a started instance in the list and its steps in the timeline', async () => {
    const { instanceId } = await caller().instances.start({
      definitionKey: 'hello-workflow',
      input: { name: 'Ada' },
      businessKey: 'order-42',
    });
    const page = await caller().instances.list({ definitionKey: 'hello-workflow' });
    expect(page.items.map((i) => i.id)).toContain(instanceId);
    expect((await caller().instances.list({ search: 'order-4' })).items.map((i) => i.id)).toEqual([instanceId]);
    await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    const timeline = await caller().instances.timeline({ instanceId });
    expect(timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['instance.started', 'transition', 'task.succeeded', 'instance.completed']),
    );
    const detail = await caller().instances.get({ instanceId });
    expect(detail.stateValue).toBe('done');
    expect(detail.tasks[0]?.status).toBe('succeeded');
    const counts = await caller().stats.countsByStatus();
    expect(counts).toContainEqual({ status: 'completed', count: 1 });
    const chart = await caller().stats.throughput({ hours: 1 });
    expect(chart.points.reduce((n, p) => n + p.started, 0)).toBe(1);
    expect(chart.points.reduce((n, p) => n + p.completed, 0)).toBe(1);
  });

  it('rejects a bad sendEvent with BAD_REQUEST naming the field', async () => {
    const { instanceId } = await caller().instances.start({ definitionKey: 'hello-workflow' });
    const badName = await rejection(caller().instances.sendEvent({ instanceId, type: 'not valid!', reason: 'test' }));
    expect(badName.code).toBe('BAD_REQUEST');
    expect(badName.message).toMatch(/type/);
    const noReason = await rejection(caller().instances.sendEvent({ instanceId, type: 'HELLO_SENT', reason: ' ' }));
    expect(noReason.code).toBe('BAD_REQUEST');
    expect(noReason.message).toMatch(/reason/);
  });

  it("hides another tenant's instance as NOT_FOUND, and a tenant the caller is not in as well", async () => {
    const { instanceId } = await caller().instances.start({ definitionKey: 'hello-workflow' });
    const acmeAdmin = h.caller(await h.signIn('admin@acme.test', 'acme-password'));
    expect((await rejection(acmeAdmin.instances.get({ instanceId }))).code).toBe('NOT_FOUND');
    expect((await acmeAdmin.instances.list({})).items).toEqual([]);
    expect((await rejection(caller('acme').instances.list({}))).code).toBe('NOT_FOUND');
  });

  it('records who cancelled an instance and why, and refuses to cancel it twice', async () => {
    // An instance waiting for an event: a hello-workflow could complete before the cancel arrives.
    await h.engine.service.publishDefinition(demoAdmin, { spec: approvalSpec });
    const { instanceId } = await caller().instances.start({ definitionKey: approvalSpec.id });
    await caller().instances.cancel({ instanceId, reason: 'duplicate order' });
    const entry = (await caller().instances.timeline({ instanceId, types: ['instance.cancelled'] }))[0];
    expect(entry).toMatchObject({
      actorType: 'operator',
      actorId: 'operator@demo.test',
      payload: { reason: 'duplicate order' },
    });
    const again = await rejection(caller().instances.cancel({ instanceId, reason: 'again' }));
    expect(again.code).toBe('CONFLICT');
  });

  it('refuses to retry a task that succeeded', async () => {
    const { instanceId } = await caller().instances.start({ definitionKey: 'hello-workflow' });
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    const error = await rejection(caller().tasks.retry({ taskId: done.tasks[0]!.id, reason: 'why not' }));
    expect(error.code).toBe('CONFLICT');
  });

  it('lists a task failure that failed its instance once, with the task error and the business key, and offers no quick button for engine events', async () => {
    await h.engine.service.publishDefinition(h.ctx, {
      spec: {
        id: 'fails-at-once',
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
                      name: 'call-api',
                      input: { method: 'GET', url: 'http://127.0.0.1:1/down', timeoutMs: 1000 },
                      completionEvent: 'API_OK',
                      maxAttempts: 1,
                    },
                  },
                ],
              },
            },
          },
          calling: { on: { API_OK: { target: 'done' }, SKIP: { target: 'done' } } },
          done: { type: 'final' },
        },
      },
    });
    const { instanceId } = await caller().instances.start({
      definitionKey: 'fails-at-once',
      businessKey: 'order-failing',
    });
    await h.waitForInstance(instanceId, (i) => i.status === 'failed');
    const failures = (await caller().stats.recentFailures({ limit: 10 })).filter((f) => f.instanceId === instanceId);
    expect(failures).toEqual([
      expect.objectContaining({
        type: 'task.failed',
        taskName: 'call-api',
        businessKey: 'order-failing',
        instanceStatus: 'failed',
        error: expect.stringMatching(/127.0.0.1:1/),
      }),
    ]);
    const detail = await caller().instances.get({ instanceId });
    expect([...detail.acceptedEvents].sort()).toEqual(['API_OK', 'SKIP']);
    expect(detail.quickEvents).toEqual(['SKIP']);
  });
});
