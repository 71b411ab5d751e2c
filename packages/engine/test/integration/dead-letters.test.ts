import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOnce } from '../../src/runtime/sweeper';
import { createHarness, waitUntil, type Harness } from '../support/harness';
import { poisonEventSpec, unindexableKey } from '@switchyard/testkit/specs';

describe('poison events', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: poisonEventSpec });
    h.startWorker({ maxEventFailures: 3 });
  });
  afterAll(async () => h.close());

  async function poisoned(): Promise<string> {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'poison-event' });
    await h.waitForInstance(instanceId, (i) => i.stateValue === 'waiting');
    await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'POISON', payload: { n: 1, key: unindexableKey() } });
    await h.waitForInstance(instanceId, (i) => i.status === 'failed');
    return instanceId;
  }

  it('dead-letters an event whose application throws, after bounded deliveries, and says why in the timeline', async () => {
    const instanceId = await poisoned();
    const [rejected] = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['event.rejected'] });
    expect(rejected!.payload).toMatchObject({ event: 'POISON', payload: { n: 1 }, deliveries: 3 });
    expect(String((rejected!.payload as { error: string }).error)).toMatch(
      /index row requires \d+ bytes, maximum size is 8191/,
    );
    const [failed] = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['instance.failed'] });
    expect(String((failed!.payload as { reason: string }).reason)).toContain('could not be applied after 3 deliveries');

    const letters = await h.engine.service.listDeadLetters(h.ctx);
    expect(letters).toEqual([
      expect.objectContaining({
        instanceId,
        definitionKey: 'poison-event',
        instanceStatus: 'failed',
        event: 'POISON',
        failures: 3,
      }),
    ]);
    expect(letters[0]!.lastError).toMatch(/index row requires/);

    // Never an endless republish: the sweeper skips the row, however stale it is.
    const { republished } = await sweepOnce(h.engine.deps, {
      intervalMs: 0,
      graceMs: 0,
      republishAfterMs: 0,
      worker: { type: 'worker', id: 'test-sweeper' },
    });
    expect(republished).toBe(0);
    expect(await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['event.rejected'] })).toHaveLength(1);
    // Another tenant sees none of it.
    expect(await h.engine.service.listDeadLetters({ tenantId: 'acme', actor: h.ctx.actor })).toEqual([]);
  });

  it('lets an operator retry a dead letter: it is delivered again with a fresh set of deliveries', async () => {
    const instanceId = await poisoned();
    const [letter] = (await h.engine.service.listDeadLetters(h.ctx)).filter((l) => l.instanceId === instanceId);
    await h.engine.service.retryDeadLetter(h.ctx, { messageId: letter!.id, reason: 'fixed upstream' });
    const [redelivered] = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['event.redelivered'] });
    expect(redelivered).toMatchObject({
      actorId: 'tester',
      payload: { event: 'POISON', reason: 'fixed upstream', messageId: letter!.id },
    });
    // Still poison: after three more deliveries it is dead-lettered again, with a second rejection on record.
    await waitUntil(
      async () => (await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['event.rejected'] })).length === 2,
      'a second rejection',
    );
    expect((await h.engine.deps.prisma.outbox.findUnique({ where: { id: letter!.id } }))?.failures).toBe(3);
    await expect(
      h.engine.service.retryDeadLetter({ tenantId: 'acme', actor: h.ctx.actor }, { messageId: letter!.id }),
    ).rejects.toThrow(/was not found/);
  });

  it('lets an operator discard a dead letter with a reason; the instance can move on', async () => {
    const instanceId = await poisoned();
    const [letter] = (await h.engine.service.listDeadLetters(h.ctx)).filter((l) => l.instanceId === instanceId);
    await expect(h.engine.service.discardDeadLetter(h.ctx, { messageId: letter!.id, reason: ' ' })).rejects.toThrow(
      /a reason is required/,
    );
    await h.engine.service.discardDeadLetter(h.ctx, {
      messageId: letter!.id,
      reason: 'an idempotency key no index can hold',
    });
    expect((await h.engine.service.listDeadLetters(h.ctx)).map((l) => l.id)).not.toContain(letter!.id);
    const [discarded] = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['event.discarded'] });
    expect(discarded).toMatchObject({
      actorId: 'tester',
      payload: { event: 'POISON', reason: 'an idempotency key no index can hold' },
    });
    await expect(h.engine.service.discardDeadLetter(h.ctx, { messageId: letter!.id, reason: 'again' })).rejects.toThrow(
      /not an open dead letter/,
    );

    await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'FINE' });
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.stateValue).toBe('done');
  });
});
