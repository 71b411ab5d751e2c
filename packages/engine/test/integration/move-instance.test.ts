import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { reviewSpec } from '../support/ops-specs';

describe('move an instance to a state (and back)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: reviewSpec });
    h.startWorker();
  });
  afterAll(async () => h.close());

  async function waiting() {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'review' });
    await h.waitForInstance(instanceId, (i) => i.stateValue === 'waiting' && i.tasks.length === 2);
    return instanceId;
  }
  const entries = async (instanceId: string, type: string) =>
    h.engine.service.getTimeline(h.ctx, { instanceId, types: [type] });

  it('cancels exactly the tasks the dry run listed, creates the entry tasks, and runs forward from there', async () => {
    const instanceId = await waiting();
    const before = await h.engine.service.getInstance(h.ctx, { instanceId });
    const input = {
      instanceId,
      state: 'notify',
      via: { from: 'waiting', event: 'APPROVE' },
      context: { amount: 42 },
      reason: 'customer confirmed by phone',
    };
    const preview = await h.engine.service.previewMove(h.ctx, input);
    expect(preview).toMatchObject({
      from: 'waiting',
      to: 'notify',
      via: { from: 'waiting', event: 'APPROVE' },
      createTasks: [{ name: 'notify', type: 'NOOP', input: { amount: 42 } }],
      contextChanges: [{ path: 'amount', before: 10, after: 42 }],
      warnings: [],
      completes: false,
    });
    expect(preview.cancelTasks.map((t) => t.id).sort()).toEqual(before.tasks.map((t) => t.id).sort());
    // The dry run wrote nothing.
    expect((await h.engine.service.getInstance(h.ctx, { instanceId })).lastSeq).toBe(before.lastSeq);

    await h.engine.service.moveInstance(h.ctx, input);
    const cancelled = await entries(instanceId, 'task.cancelled');
    expect(cancelled.map((e) => e.taskId).sort()).toEqual(preview.cancelTasks.map((t) => t.id).sort());
    const [moved] = await entries(instanceId, 'instance.moved');
    expect(moved).toMatchObject({
      actorId: 'tester',
      payload: { from: 'waiting', to: 'notify', reason: 'customer confirmed by phone' },
    });
    const transitions = await entries(instanceId, 'transition');
    expect(transitions.find((e) => (e.payload as { operator?: boolean }).operator)).toMatchObject({
      actorType: 'operator',
      payload: { event: 'APPROVE', from: 'waiting', to: 'notify', operator: true },
    });
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.stateValue).toBe('done');
    expect(done.context).toEqual({ amount: 42 });
    expect(done.tasks.map((t) => [t.name, t.status]).sort()).toEqual([
      ['audit', 'cancelled'],
      ['notify', 'succeeded'],
      ['reminder', 'cancelled'],
    ]);
  });

  it('rewinds a completed instance to a transition it took ("move back to here") and it runs forward again', async () => {
    const instanceId = await waiting();
    await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'APPROVE', reason: 'ok' });
    await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    const into = (await entries(instanceId, 'transition')).find((e) => (e.payload as { to: string }).to === 'notify')!;
    const preview = await h.engine.service.previewMove(h.ctx, { instanceId, backTo: into.seq, reason: 'resend' });
    expect(preview).toMatchObject({ from: 'done', to: 'notify', createTasks: [{ name: 'notify' }] });
    await h.engine.service.moveInstance(h.ctx, { instanceId, backTo: into.seq, reason: 'resend the notification' });
    const again = await h.waitForInstance(
      instanceId,
      (i) => i.status === 'completed' && i.tasks.filter((t) => t.name === 'notify').length === 2,
    );
    expect(again.tasks.filter((t) => t.name === 'notify').map((t) => t.status)).toEqual(['succeeded', 'succeeded']);
    expect((await entries(instanceId, 'instance.completed')).length).toBe(2);
  });

  it('validates the target and the edited context, naming the field', async () => {
    const instanceId = await waiting();
    await expect(h.engine.service.previewMove(h.ctx, { instanceId, state: 'nowhere', reason: 'x' })).rejects.toThrow(
      /state: "nowhere" is not a state of workflow "review"; expected one of: new, done, manual, notify, waiting/,
    );
    await expect(
      h.engine.service.previewMove(h.ctx, { instanceId, state: 'notify', context: [] as never, reason: 'x' }),
    ).rejects.toThrow(/context/);
    const removed = await h.engine.service.previewMove(h.ctx, {
      instanceId,
      state: 'notify',
      context: { other: 1 },
      reason: 'x',
    });
    expect(removed.warnings).toEqual(['context.amount is read by the spec and the edit removes it (it was 10)']);
    await expect(
      h.engine.service.previewMove(h.ctx, {
        instanceId,
        state: 'notify',
        via: { from: 'waiting', event: 'APPROVE' },
        context: { amount: 500 },
        reason: 'x',
      }),
    ).rejects.toThrow(/via: "waiting" on "APPROVE" leads to "manual" with this context, not to "notify"/);
    await expect(h.engine.service.moveInstance(h.ctx, { instanceId, state: 'notify', reason: ' ' })).rejects.toThrow(
      /reason: a reason is required/,
    );
  });
});
