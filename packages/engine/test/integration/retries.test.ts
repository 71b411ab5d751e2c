import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NonRetriableTaskError } from '../../src/tasks/registry';
import { createHarness, type Harness } from '../support/harness';
import { failingSpec } from '../support/specs';

describe('failing tasks', () => {
  let h: Harness;
  let healthy = false;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: failingSpec(true) });
    await h.engine.service.publishDefinition(h.ctx, { spec: failingSpec(false) });
    h.startWorker({
      backoff: { baseMs: 100, maxMs: 10_000 },
      extendRegistry: (registry) =>
        registry
          .register('FLAKY', async () => {
            if (!healthy) throw new Error('upstream answered 503');
            return { worked: true };
          })
          .register('BROKEN_INPUT', async () => {
            throw new NonRetriableTaskError('input.url: expected a URL');
          }),
    });
  });
  afterAll(async () => h.close());

  it('retries with exponential backoff up to the attempt limit, then fails and the instance hears TASK_FAILED', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'failing-handled' });
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.stateValue).toBe('compensated');
    expect(done.tasks[0]).toMatchObject({ status: 'failed', attempts: 3, lastError: 'upstream answered 503' });
    expect(done.context.failure).toMatchObject({
      taskName: 'flaky-call',
      taskType: 'FLAKY',
      error: 'upstream answered 503',
      attempts: 3,
    });

    const timeline = await h.engine.service.getTimeline(h.ctx, {
      instanceId,
      types: ['task.started', 'task.attempt_failed', 'task.failed'],
    });
    expect(timeline.map((e) => e.type)).toEqual([
      'task.started',
      'task.attempt_failed',
      'task.started',
      'task.attempt_failed',
      'task.started',
      'task.failed',
    ]);
    const waits = timeline
      .filter((e) => e.type === 'task.attempt_failed')
      .map((e) => (e.payload as { retryInMs: number }).retryInMs);
    expect(waits).toEqual([100, 200]);
    // The second attempt started no earlier than the backoff allowed.
    const starts = timeline.filter((e) => e.type === 'task.started').map((e) => e.createdAt.getTime());
    const failures = timeline.filter((e) => e.type === 'task.attempt_failed').map((e) => e.createdAt.getTime());
    expect(starts[1]! - failures[0]!).toBeGreaterThanOrEqual(100);
    expect(starts[2]! - failures[1]!).toBeGreaterThanOrEqual(200);
  });

  it('marks the instance failed when the spec does not handle the failure, and an operator retry resumes it', async () => {
    healthy = false;
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'failing-unhandled' });
    const failed = await h.waitForInstance(instanceId, (i) => i.status === 'failed');
    expect(failed.stateValue).toBe('working');
    const task = failed.tasks[0]!;
    expect(task.status).toBe('failed');

    healthy = true;
    await h.engine.service.retryTask(h.ctx, { taskId: task.id, reason: 'upstream is back' });
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.stateValue).toBe('done');
    const retried = await h.engine.service.getTimeline(h.ctx, {
      instanceId,
      types: ['task.retried', 'instance.resumed'],
    });
    expect(retried[0]).toMatchObject({
      type: 'task.retried',
      actorType: 'operator',
      actorId: 'tester',
      payload: expect.objectContaining({ reason: 'upstream is back' }),
    });
    expect(retried[1]?.type).toBe('instance.resumed');
  });

  it('refuses to retry a task that has not failed', async () => {
    healthy = true;
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'failing-unhandled' });
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    await expect(h.engine.service.retryTask(h.ctx, { taskId: done.tasks[0]!.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
