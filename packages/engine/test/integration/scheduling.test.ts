import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { delayedSpec, idempotentSpec } from '../support/specs';

describe('task scheduling', () => {
  let h: Harness;
  const counted: number[] = [];
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: delayedSpec });
    await h.engine.service.publishDefinition(h.ctx, { spec: idempotentSpec });
    h.startWorker({
      extendRegistry: (registry) =>
        registry.register('COUNTED', async (input) => {
          counted.push(Number((input as { n: number }).n));
          return { counted: true };
        }),
    });
  });
  afterAll(async () => h.close());

  it('delays a task whose runAt is in the future until that time', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, {
      definitionKey: 'delayed',
      input: { delay: { in: 1_500 } },
    });
    const waiting = await h.waitForInstance(instanceId, (i) => i.tasks.length === 1);
    const task = waiting.tasks[0]!;
    expect(task.runAt).not.toBeNull();
    expect(task.runAt!.getTime() - task.createdAt.getTime()).toBe(1_500);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await h.engine.service.getInstance(h.ctx, { instanceId })).tasks[0]?.status).toBe('queued');

    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.tasks[0]!.startedAt!.getTime()).toBeGreaterThanOrEqual(task.runAt!.getTime());
  });

  it('runs a task once when its idempotencyKey repeats', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'idempotent' });
    await h.waitForInstance(instanceId, (i) => i.stateValue === 'collecting');
    for (let i = 0; i < 3; i++)
      await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'PING', payload: { n: 7 } });
    await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'PING', payload: { n: 8 } });
    const instance = await h.waitForInstance(
      instanceId,
      (i) => i.version === 5 && i.tasks.length === 2 && i.tasks.every((t) => t.status === 'succeeded'),
    );
    expect(instance.tasks.map((t) => t.idempotencyKey).sort()).toEqual(['ping-7', 'ping-8']);
    expect(counted.sort()).toEqual([7, 8]);
    const skipped = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['task.duplicate_skipped'] });
    expect(skipped).toHaveLength(2);
  });
});
