import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { guardedSpec } from '../support/specs';

describe('guards, assign and references through the real stack', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: guardedSpec });
    h.startWorker();
  });
  afterAll(async () => h.close());

  async function startAndSubmit(amount: number) {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'guarded' });
    await h.waitForInstance(instanceId, (i) => i.stateValue === 'review');
    await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'SUBMIT', payload: { amount } });
    return instanceId;
  }

  it('takes the guarded alternative when its guard holds, with assign on a nested path and references in task input', async () => {
    const instanceId = await startAndSubmit(250);
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.stateValue).toBe('done');
    expect(done.context).toMatchObject({
      customer: { name: 'Ada' },
      decision: { route: { kind: 'manual' }, amount: 250 },
    });
    expect(done.tasks[0]?.input).toEqual({ customer: 'Ada', amount: 250, note: 'Big order for Ada' });
    const timeline = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['transition'] });
    expect(timeline[1]?.payload).toMatchObject({ event: 'SUBMIT', from: 'review', to: 'big', guard: 'isBig' });
  });

  it('falls through to the unguarded alternative when the guard does not hold', async () => {
    const instanceId = await startAndSubmit(20);
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.stateValue).toBe('small');
    expect(done.context).toMatchObject({ decision: { route: { kind: 'auto' } } });
    expect(done.tasks).toHaveLength(0);
  });

  it('records an event the current state does not accept as ignored, with the reason', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'guarded' });
    await h.waitForInstance(instanceId, (i) => i.stateValue === 'review');
    await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'NOTIFIED' });
    const ignored = await h.waitForEntry(instanceId, 'event.ignored');
    expect(String((ignored.payload as { reason: string }).reason)).toContain('SUBMIT');
    const instance = await h.engine.service.getInstance(h.ctx, { instanceId });
    expect(instance.stateValue).toBe('review');
    expect(instance.acceptedEvents).toEqual(['SUBMIT']);
  });
});
