import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';

describe('hello-workflow end to end', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    h.startWorker();
  });
  afterAll(async () => h.close());

  it('goes start → notify → done through both queues and its timeline lists every step in order', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'hello-workflow' });
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.stateValue).toBe('done');
    expect(done.tasks).toHaveLength(1);
    expect(done.tasks[0]).toMatchObject({ name: 'send-hello', type: 'EMAIL', status: 'succeeded', attempts: 1 });

    const timeline = await h.engine.service.getTimeline(h.ctx, { instanceId });
    expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
    expect(timeline.map((e) => e.type)).toEqual([
      'instance.started',
      'event.received',
      'transition',
      'task.created',
      'task.started',
      'task.succeeded',
      'event.received',
      'transition',
      'instance.completed',
    ]);
    const transitions = timeline.filter((e) => e.type === 'transition').map((e) => e.payload);
    expect(transitions).toEqual([
      expect.objectContaining({ event: 'WORKFLOW_START', from: 'start', to: 'notify' }),
      expect.objectContaining({ event: 'HELLO_SENT', from: 'notify', to: 'done' }),
    ]);
    expect(timeline.find((e) => e.type === 'task.started')?.actorType).toBe('worker');
  });

  it('stores the email locally when no SMTP server is configured, so an operator can read it', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'hello-workflow' });
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    const mail = await h.engine.deps.prisma.mailMessage.findFirstOrThrow({ where: { taskId: done.tasks[0]?.id } });
    expect(mail).toMatchObject({ to: 'user@example.com', subject: 'Hello', tenantId: 'demo' });
    expect(mail.raw).toContain('Subject: Hello');
  });
});
