import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitUntil, type Harness } from '../support/harness';
import { counterSpec } from '../support/ops-specs';

describe('pause and resume', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: counterSpec });
    h.startWorker();
  });
  afterAll(async () => h.close());

  async function started() {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'counter' });
    await h.waitForInstance(instanceId, (i) => i.stateValue === 'counting');
    return instanceId;
  }
  const entries = async (instanceId: string, type: string) =>
    h.engine.service.getTimeline(h.ctx, { instanceId, types: [type] });

  it('holds the 50 events a paused instance receives and applies all 50, in order, on resume', async () => {
    const instanceId = await started();
    const paused = await h.engine.service.pauseInstance(h.ctx, { instanceId, reason: 'checking the ledger' });
    expect(paused).toEqual({ instanceId, heldTasks: 0 });
    expect((await h.engine.service.getInstance(h.ctx, { instanceId })).pausedAt).toBeInstanceOf(Date);

    for (let n = 1; n <= 50; n++)
      await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'TICK', payload: { n }, reason: `tick ${n}` });
    const held = await waitUntil(async () => {
      const ignored = await entries(instanceId, 'event.ignored');
      return ignored.length === 50 && ignored;
    }, '50 held events');
    for (const entry of held)
      expect(entry.payload).toMatchObject({
        event: 'TICK',
        held: { by: 'pause' },
        reason: expect.stringMatching(/paused/) as unknown,
      });
    // Nothing applied while paused.
    expect((await h.engine.service.getInstance(h.ctx, { instanceId })).context).toEqual({ last: 0 });
    expect(await entries(instanceId, 'context.changed')).toHaveLength(0);

    const resumed = await h.engine.service.resumeInstance(h.ctx, { instanceId, reason: 'ledger is fine' });
    expect(resumed).toEqual({ instanceId, applied: 50, requeuedTasks: 0 });
    const instance = await h.engine.service.getInstance(h.ctx, { instanceId });
    expect(instance.pausedAt).toBeNull();
    // Applied in the order they were received and held (the orchestrator's concurrent deliveries decide that
    // order, paused or not), every one exactly once, and each keeps who sent it and why.
    const heldOrder = await Promise.all(
      held.map(async (marker) => {
        const seq = (marker.payload as { held: { receivedSeq: number } }).held.receivedSeq;
        const [received] = await h.engine.service.getTimeline(h.ctx, { instanceId, afterSeq: seq - 1, limit: 1 });
        return (received!.payload as { payload: { n: number } }).payload.n;
      }),
    );
    expect([...heldOrder].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const changes = await entries(instanceId, 'context.changed');
    expect(changes.map((e) => (e.payload as { changes: { after: number }[] }).changes[0]!.after)).toEqual(heldOrder);
    const received = (await entries(instanceId, 'event.received')).slice(-50);
    expect(received.map((e) => (e.payload as { reason: string }).reason)).toEqual(heldOrder.map((n) => `tick ${n}`));
    expect(instance.context).toEqual({ last: heldOrder.at(-1) });
    const [pauseEntry] = await entries(instanceId, 'instance.paused');
    expect(pauseEntry).toMatchObject({ actorId: 'tester', payload: { reason: 'checking the ledger' } });
    const [resumeEntry] = await entries(instanceId, 'instance.resumed');
    expect(resumeEntry).toMatchObject({ actorId: 'tester', payload: { reason: 'ledger is fine', paused: true } });

    // Running again: the next event applies at once.
    await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'TICK', payload: { n: 51 } });
    await h.waitForInstance(instanceId, (i) => i.context['last'] === 51);
  });

  it('starts no task while paused and runs it after the resume', async () => {
    const instanceId = await started();
    await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'WORK' });
    await h.waitForInstance(instanceId, (i) => i.tasks.length === 1);
    // The task waits a second before it may run; the pause comes first.
    const paused = await h.engine.service.pauseInstance(h.ctx, { instanceId, reason: 'hold the work' });
    expect(paused.heldTasks).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const during = await h.engine.service.getInstance(h.ctx, { instanceId });
    expect(during.tasks.map((t) => t.status)).toEqual(['queued']);
    expect(during.stateValue).toBe('working');
    await expect(h.engine.service.retryTask(h.ctx, { taskId: during.tasks[0]!.id })).rejects.toThrow(/CONFLICT|task/);

    const resumed = await h.engine.service.resumeInstance(h.ctx, { instanceId, reason: 'go on' });
    expect(resumed.requeuedTasks).toBe(1);
    const after = await h.waitForInstance(instanceId, (i) => i.stateValue === 'counting');
    expect(after.tasks.map((t) => t.status)).toEqual(['succeeded']);
  });

  it('refuses what makes no sense, naming why', async () => {
    const instanceId = await started();
    await expect(h.engine.service.resumeInstance(h.ctx, { instanceId, reason: 'x' })).rejects.toThrow(/is not paused/);
    await expect(h.engine.service.pauseInstance(h.ctx, { instanceId, reason: '' })).rejects.toThrow(
      /reason: a reason is required/,
    );
    await h.engine.service.pauseInstance(h.ctx, { instanceId, reason: 'once' });
    await expect(h.engine.service.pauseInstance(h.ctx, { instanceId, reason: 'twice' })).rejects.toThrow(
      /already paused/,
    );
    await h.engine.service.cancelInstance(h.ctx, { instanceId, reason: 'done with it' });
    expect((await h.engine.service.getInstance(h.ctx, { instanceId })).pausedAt).toBeNull();
    await expect(h.engine.service.pauseInstance(h.ctx, { instanceId, reason: 'again' })).rejects.toThrow(
      /is cancelled; only a running or failed instance can be paused/,
    );
  });
});
