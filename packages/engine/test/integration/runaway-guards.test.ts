import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitUntil, type Harness } from '../support/harness';
import { forkBombSpec, hoarderSpec, selfLoopSpec } from '@switchyard/testkit/specs';

describe('runaway guards per instance', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    for (const spec of [selfLoopSpec, forkBombSpec, hoarderSpec])
      await h.engine.service.publishDefinition(h.ctx, { spec });
    h.startWorker({ guards: { transitionsPerMinute: 20, tasks: 30, contextBytes: 10_000 } });
  });
  afterAll(async () => h.close());

  async function trips(instanceId: string) {
    return (await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['instance.guard_tripped'] })).map(
      (e) => e.payload as { guard: string; limit: number; value: number; message: string },
    );
  }

  it('stops a self-loop (TICK → NOOP task → TICK) as failed, naming the guard and the figure', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'self-loop' });
    const failed = await h.waitForInstance(instanceId, (i) => i.status === 'failed');
    expect(failed.guardTripped).toBe('transitionsPerMinute');
    expect(await trips(instanceId)).toEqual([
      expect.objectContaining({ guard: 'transitionsPerMinute', limit: 20, value: 21 }),
    ]);
    const [trip] = await trips(instanceId);
    expect(trip!.message).toContain('21 transitions within one minute exceed the limit of 20');
    const reason = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['instance.failed'] });
    expect(reason[0]!.payload).toMatchObject({ guard: 'transitionsPerMinute' });
    expect(await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['transition'] })).toHaveLength(20);
  });

  it('lets an operator raise the cap for that instance and resume it: the loop continues up to the new cap', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'self-loop' });
    await h.waitForInstance(instanceId, (i) => i.status === 'failed');
    await expect(h.engine.service.raiseGuardAndResume(h.ctx, { instanceId, limit: 20 })).rejects.toThrow(
      /limit: expected more than the current transitionsPerMinute cap of 20/,
    );

    const raised = await h.engine.service.raiseGuardAndResume(h.ctx, {
      instanceId,
      limit: 28,
      reason: 'a long but finite loop',
    });
    expect(raised).toEqual({
      guard: 'transitionsPerMinute',
      previousLimit: 20,
      limit: 28,
      redelivered: 1,
      requeuedTasks: 0,
    });
    const resumed = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['instance.resumed'] });
    expect(resumed[0]).toMatchObject({
      actorId: 'tester',
      payload: {
        guard: 'transitionsPerMinute',
        previousLimit: 20,
        limit: 28,
        reason: 'a long but finite loop',
        redelivered: ['TICK'],
      },
    });

    // The held TICK is applied, the loop runs on to the raised cap, and trips it again.
    await h.waitForEntry(instanceId, 'instance.resumed');
    const again = await h.waitForInstance(
      instanceId,
      (i) => i.status === 'failed' && i.guardTripped !== null && i.version >= 28,
    );
    expect(again.guardTripped).toBe('transitionsPerMinute');
    expect((await trips(instanceId)).map((t) => [t.limit, t.value])).toEqual([
      [20, 21],
      [28, 29],
    ]);
    expect(await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['transition'] })).toHaveLength(28);
  });

  it('refuses to resume an instance no guard stopped', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'hoarder' });
    await h.waitForInstance(instanceId, (i) => i.stateValue === 'keeping');
    await expect(h.engine.service.raiseGuardAndResume(h.ctx, { instanceId })).rejects.toThrow(
      /was not stopped by a runaway guard/,
    );
  });

  it('stops a fork bomb (two tasks that each come back) at the task cap, parks its backlog, and resumes it all', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'fork-bomb' });
    const failed = await h.waitForInstance(instanceId, (i) => i.status === 'failed');
    expect(failed.guardTripped).toBe('tasks');
    const [trip] = await trips(instanceId);
    // Each round creates two tasks: 30 is reached exactly, the next round would make it 32.
    expect(trip).toMatchObject({ guard: 'tasks', limit: 30, value: 32 });
    // Its queued tasks are parked (cancelled, saying why) so they stop using the tenant's slots; tasks already
    // running finish, and their events are held, not applied: no task past the cap.
    const settled = await h.waitForInstance(instanceId, (i) =>
      i.tasks.every((t) => t.status === 'succeeded' || t.status === 'cancelled'),
    );
    expect(settled.tasks.length).toBe(30);
    const parked = settled.tasks.filter((t) => t.status === 'cancelled');
    const cancelled = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['task.cancelled'] });
    expect(cancelled.map((e) => e.taskId).sort()).toEqual(parked.map((t) => t.id).sort());
    for (const entry of cancelled)
      expect(String((entry.payload as { reason: string }).reason)).toMatch(
        /^parked: the runaway guard tasks stopped the instance/,
      );
    // Every succeeded task's BOOM has arrived (WORKFLOW_START + one per task): applied, tripping, or held.
    const succeeded = settled.tasks.length - parked.length;
    await waitUntil(
      async () =>
        (await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['event.received'] })).length === succeeded + 1,
      'every BOOM to arrive',
    );
    const heldEvents = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['event.ignored'] });
    for (const entry of heldEvents)
      expect(entry.payload).toMatchObject({ event: 'BOOM', held: { receivedSeq: expect.any(Number) as unknown } });

    // Resumed with a higher cap: the tripping event and the held ones are applied, the parked tasks run again.
    const raised = await h.engine.service.raiseGuardAndResume(h.ctx, {
      instanceId,
      limit: 60,
      reason: 'let it run a little longer',
    });
    expect(raised).toMatchObject({
      guard: 'tasks',
      limit: 60,
      redelivered: 1 + heldEvents.length,
      requeuedTasks: parked.length,
    });
    expect(await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['task.retried'] })).toHaveLength(
      parked.length,
    );
    // It forks on until a guard stops it again (here the 20-a-minute one, before the raised task cap).
    await waitUntil(async () => (await trips(instanceId)).length === 2, 'a second trip');
    const again = await h.waitForInstance(instanceId, (i) => i.status === 'failed');
    expect(again.tasks.length).toBeGreaterThan(30);
    expect(again.tasks.length).toBeLessThanOrEqual(60);
  });

  it('stops an instance whose context would outgrow its cap, and leaves the context as it was', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'hoarder' });
    await h.waitForInstance(instanceId, (i) => i.stateValue === 'keeping');
    await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'KEEP', payload: { blob: 'x'.repeat(20_000) } });
    const failed = await h.waitForInstance(instanceId, (i) => i.status === 'failed');
    expect(failed.guardTripped).toBe('contextBytes');
    expect(failed.context).toEqual({});
    expect((await trips(instanceId))[0]).toMatchObject({ guard: 'contextBytes', limit: 10_000 });
  });
});
