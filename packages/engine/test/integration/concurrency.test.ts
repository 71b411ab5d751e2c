import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { counterSpec } from '../support/specs';

describe('concurrent events to one instance', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: counterSpec });
    h.startWorker({ orchestratorConcurrency: 16 });
    h.startWorker({ orchestratorConcurrency: 16 });
  });
  afterAll(async () => h.close());

  it('applies 50 events sent at once each exactly once, with a gap-free sequence', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'counter' });
    await h.waitForInstance(instanceId, (i) => i.stateValue === 'counting');
    await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        h.engine.service.sendEvent(h.ctx, { instanceId, type: 'TICK', payload: { n } }),
      ),
    );
    const instance = await h.waitForInstance(instanceId, (i) => i.version === 51);

    const timeline = await h.engine.service.getTimeline(h.ctx, { instanceId });
    expect(timeline.map((e) => e.seq)).toEqual(Array.from({ length: instance.lastSeq }, (_, i) => i + 1));
    const ticks = timeline.filter((e) => e.type === 'transition' && (e.payload as { event: string }).event === 'TICK');
    expect(ticks).toHaveLength(50);
    const received = timeline.filter(
      (e) => e.type === 'event.received' && (e.payload as { event: string }).event === 'TICK',
    );
    const messageIds = new Set(received.map((e) => (e.payload as { messageId: string }).messageId));
    expect(messageIds.size).toBe(50);
    const values = timeline
      .filter((e) => e.type === 'context.changed')
      .map((e) => (e.payload as { changes: { after: number }[] }).changes[0]!.after);
    expect(new Set(values).size).toBe(50);
  });
});
