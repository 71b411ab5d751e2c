import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPrismaJson } from '../../src/json';
import { applyEventMessage } from '../../src/store/outbox';
import { createHarness, waitUntil, type Harness } from '../support/harness';
import { delayedSpec } from '../support/specs';

describe('cancellation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: delayedSpec });
    h.startWorker();
  });
  afterAll(async () => h.close());

  it('cancels the pending tasks of a cancelled instance, which then ignores later events', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, {
      definitionKey: 'delayed',
      input: { delay: { in: 60_000 } },
    });
    await h.waitForInstance(instanceId, (i) => i.tasks.length === 1);
    const result = await h.engine.service.cancelInstance(h.ctx, { instanceId, reason: 'customer withdrew' });
    expect(result.cancelledTasks).toBe(1);

    const cancelled = await h.engine.service.getInstance(h.ctx, { instanceId });
    expect(cancelled).toMatchObject({ status: 'cancelled', acceptedEvents: [] });
    expect(cancelled.tasks[0]?.status).toBe('cancelled');
    await expect(h.engine.service.sendEvent(h.ctx, { instanceId, type: 'RAN' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    // An event already on its way (say, from a task that was running) is recorded as ignored, not applied.
    // Two of them: each is recorded as ignored and the sequence stays gap-free.
    const late = [1, 2].map(() =>
      applyEventMessage(
        { tenantId: 'demo', instanceId, event: { type: 'RAN' }, actor: { type: 'worker', id: 'late' } },
        new Date(),
      ),
    );
    await h.engine.deps.prisma.outbox.createMany({
      data: late.map(({ payload, ...message }) => ({ ...message, payload: toPrismaJson(payload) })),
    });
    await h.engine.deps.publisher.publish(late);
    const ignored = await waitUntil(async () => {
      const entries = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['event.ignored'] });
      return entries.length === 2 ? entries : undefined;
    }, 'both late events to be recorded as ignored');
    expect(ignored[0]?.payload).toMatchObject({
      event: 'RAN',
      reason: 'instance is cancelled; it accepts no more events',
    });
    const all = await h.engine.service.getTimeline(h.ctx, { instanceId });
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    const after = await h.engine.service.getInstance(h.ctx, { instanceId });
    expect(after.stateValue).toBe('waiting');
    const entry = (await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['instance.cancelled'] }))[0];
    expect(entry).toMatchObject({
      actorType: 'operator',
      actorId: 'tester',
      payload: expect.objectContaining({ reason: 'customer withdrew' }),
    });
  });

  it('cancels a delayed task so that it never runs', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, {
      definitionKey: 'delayed',
      input: { delay: { in: 800 } },
    });
    const waiting = await h.waitForInstance(instanceId, (i) => i.tasks.length === 1);
    await h.engine.service.cancelTask(h.ctx, { taskId: waiting.tasks[0]!.id, reason: 'not needed' });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const after = await h.engine.service.getInstance(h.ctx, { instanceId });
    expect(after.tasks[0]).toMatchObject({ status: 'cancelled', attempts: 0, startedAt: null });
    expect(after.stateValue).toBe('waiting');
  });

  it("does not show one tenant another tenant's instance", async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, {
      definitionKey: 'delayed',
      input: { delay: { in: 60_000 } },
    });
    const acme = { tenantId: 'acme', actor: h.ctx.actor };
    await expect(h.engine.service.getInstance(acme, { instanceId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.engine.service.cancelInstance(acme, { instanceId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.engine.service.sendEvent(acme, { instanceId, type: 'RAN' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
