import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantContext } from '../../src/contracts/actor';
import { helloWorkflow } from '../../src/workflows/fixtures/hello-workflow';
import { createHarness, waitUntil, type Harness } from '../support/harness';
import { singleTaskSpec } from '@switchyard/testkit/specs';
import { PARKED_PRIORITY } from '../../src/runtime/fair-share';

describe('fair share between tenants', () => {
  let h: Harness;
  const tenantB: TenantContext = { tenantId: 'acme', actor: { type: 'operator', id: 'tester-b' } };
  const releases: (() => void)[] = [];
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: singleTaskSpec('blocking', { type: 'BLOCK', input: {} }) });
    await h.engine.service.publishDefinition(tenantB, { spec: helloWorkflow });
  });
  afterAll(async () => {
    for (const release of releases) release();
    await h.close();
  });

  async function runningTasks(tenantId: string): Promise<number> {
    return h.engine.deps.prisma.task.count({ where: { tenantId, status: 'running' } });
  }

  it("does not let a tenant at its cap block another tenant's task", async () => {
    // Tenant demo may hold 2 task slots; the worker has 4. Without the cap its 6 blocked tasks would take all 4.
    await h.engine.deps.prisma.tenant.update({ where: { id: 'demo' }, data: { taskConcurrency: 2 } });
    const worker = h.startWorker({
      taskConcurrency: 4,
      extendRegistry: (registry) =>
        registry.register('BLOCK', () => new Promise((resolve) => releases.push(() => resolve({ released: true })))),
    });
    const blocked = await Promise.all(
      Array.from({ length: 6 }, () => h.engine.service.startInstance(h.ctx, { definitionKey: 'blocking' })),
    );
    await waitUntil(async () => (await runningTasks('demo')) === 2, 'tenant demo to hold its 2 slots');

    const { instanceId } = await h.engine.service.startInstance(tenantB, { definitionKey: 'hello-workflow' });
    const b = await waitUntil(async () => {
      const instance = await h.engine.service.getInstance(tenantB, { instanceId });
      return instance.status === 'completed' ? instance : undefined;
    }, "tenant acme's hello-workflow to complete");
    expect(b.stateValue).toBe('done');
    // A still holds exactly its cap while B got through: 2 running, the other 4 still waiting their turn.
    expect(await runningTasks('demo')).toBe(2);
    expect(await h.engine.deps.prisma.task.count({ where: { tenantId: 'demo', status: 'queued' } })).toBe(4);
    // Parked, they are deferred work: when they come back it is behind every fresh job, never in front of B's.
    const parked = await worker.deps.publisher.queue('workflow-task-runner').getDelayed();
    expect(parked.length).toBeGreaterThan(0);
    expect(parked.map((job) => job.priority)).toEqual(parked.map(() => PARKED_PRIORITY));

    // Released one by one, A's queued work runs in turn and every instance completes.
    while (
      releases.length > 0 ||
      (await h.engine.deps.prisma.task.count({ where: { tenantId: 'demo', status: { in: ['queued', 'running'] } } })) >
        0
    ) {
      releases.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const { instanceId: id } of blocked)
      expect((await h.waitForInstance(id, (i) => i.status === 'completed')).stateValue).toBe('done');
  });
});

describe('a job over its tenant cap is parked, and woken when a slot frees', () => {
  let h: Harness;
  const releases: (() => void)[] = [];
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: singleTaskSpec('blocking', { type: 'BLOCK', input: {} }) });
  });
  afterAll(async () => {
    for (const release of releases) release();
    await h.close();
  });

  it('starts the parked task as soon as the slot frees, not when its backstop timer fires', async () => {
    await h.engine.deps.prisma.tenant.update({ where: { id: 'demo' }, data: { taskConcurrency: 1 } });
    // A backstop far beyond the test's timeout: only the wake-up on release can start the second task in time.
    h.startWorker({
      taskConcurrency: 4,
      parkMs: { task: 600_000 },
      extendRegistry: (registry) =>
        registry.register('BLOCK', () => new Promise((resolve) => releases.push(() => resolve({ released: true })))),
    });
    const [first, second] = await Promise.all(
      [1, 2].map(() => h.engine.service.startInstance(h.ctx, { definitionKey: 'blocking' })),
    );
    await waitUntil(async () => releases.length === 1, 'the first task to hold the one slot');
    await waitUntil(
      async () => (await h.engine.deps.publisher.queue('workflow-task-runner').getDelayedCount()) === 1,
      'the second task to be parked',
    );
    releases.shift()!();
    await waitUntil(async () => releases.length === 1, 'the parked task to start once the slot is free');
    releases.shift()!();
    for (const { instanceId } of [first!, second!])
      expect((await h.waitForInstance(instanceId, (i) => i.status === 'completed')).stateValue).toBe('done');
  });
});

describe('DELAY as a timer', () => {
  let h: Harness;
  const tenantB: TenantContext = { tenantId: 'acme', actor: { type: 'operator', id: 'tester-b' } };
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, {
      spec: singleTaskSpec('delaying', { type: 'DELAY', input: { ms: 60_000 } }),
    });
    await h.engine.service.publishDefinition(tenantB, { spec: helloWorkflow });
  });
  afterAll(async () => h.close());

  it('holds no worker slot while a long DELAY waits', async () => {
    h.startWorker({ taskConcurrency: 1, tenantCaps: false });
    const delaying = await h.engine.service.startInstance(h.ctx, { definitionKey: 'delaying' });
    await h.waitForInstance(delaying.instanceId, (i) => i.tasks.length === 1);

    // The only task slot is free for other work while the 60 s DELAY waits.
    const { instanceId } = await h.engine.service.startInstance(tenantB, { definitionKey: 'hello-workflow' });
    await waitUntil(
      async () => (await h.engine.service.getInstance(tenantB, { instanceId })).status === 'completed',
      'hello-workflow beside a DELAY',
    );
    const waiting = await h.engine.service.getInstance(h.ctx, { instanceId: delaying.instanceId });
    expect(waiting.tasks[0]).toMatchObject({ type: 'DELAY', status: 'queued', attempts: 0 });
    expect(waiting.tasks[0]!.nextRunAt.getTime() - waiting.tasks[0]!.createdAt.getTime()).toBe(60_000);
    const job = await h.engine.deps.publisher.queue('workflow-task-runner').getDelayed();
    expect(job.length).toBe(1);
  });
});
