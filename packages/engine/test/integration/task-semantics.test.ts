import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LOST_ATTEMPTS } from '../../src/store/lost-attempts';
import { requeueExpiredLeases } from '../../src/store/sweeps';
import { createHarness, waitUntil, type Harness } from '../support/harness';
import { delayedSpec } from '../support/specs';

/** A SLOW task whose handler waits for its signal (or 30 s) and only then performs its side effect. */
const slowSpec = {
  id: 'slow-effect',
  initial: 'start',
  states: {
    start: {
      on: {
        WORKFLOW_START: {
          target: 'working',
          actions: [
            { type: 'createTask', task: { type: 'SLOW', name: 'charge-card', input: {}, completionEvent: 'CHARGED' } },
          ],
        },
      },
    },
    working: { on: { CHARGED: { target: 'done' }, TASK_CANCELLED: { target: 'gave-up' } } },
    'gave-up': { type: 'final' },
    done: { type: 'final' },
  },
};

describe('lost attempts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: delayedSpec });
  });
  afterAll(async () => h.close());

  it(`fails a task whose worker is lost ${MAX_LOST_ATTEMPTS} times in a row, and the instance hears TASK_FAILED`, async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, {
      definitionKey: 'delayed',
      input: { delay: { in: 3_600_000 } },
    });
    // No worker yet: the WORKFLOW_START is applied once one starts; apply it now with a worker, then stop it.
    const first = h.startWorker();
    const waiting = await h.waitForInstance(instanceId, (i) => i.tasks.length === 1);
    await first.stop();
    const taskId = waiting.tasks[0]!.id;
    const sweeper = { type: 'worker' as const, id: 'sweeper' };
    // Each round: a worker claims the task and dies in the attempt (its lease runs out), the sweeper notices.
    for (let round = 1; round <= MAX_LOST_ATTEMPTS; round++) {
      await h.engine.deps.prisma
        .$executeRaw`UPDATE "Task" SET status = 'running', attempts = attempts + 1, "leaseExpiresAt" = now() - interval '1 second' WHERE id = ${taskId}::uuid`;
      await requeueExpiredLeases(h.engine.deps, { now: new Date(), worker: sweeper, limit: 10 });
      const task = (await h.engine.service.getInstance(h.ctx, { instanceId })).tasks[0]!;
      expect(task.status).toBe(round < MAX_LOST_ATTEMPTS ? 'queued' : 'failed');
    }
    const failed = (await h.engine.service.getInstance(h.ctx, { instanceId })).tasks[0]!;
    expect(failed.lastError).toBe(
      `the worker running this task was lost ${MAX_LOST_ATTEMPTS} times (lease expired each time; at most ${MAX_LOST_ATTEMPTS}): the handler may be crashing its process`,
    );
    const timeline = await h.engine.service.getTimeline(h.ctx, {
      instanceId,
      types: ['task.lease_expired', 'task.failed'],
    });
    expect(timeline.map((e) => e.type)).toEqual([
      'task.lease_expired',
      'task.lease_expired',
      'task.lease_expired',
      'task.failed',
    ]);
    expect(timeline.map((e) => (e.payload as { lostAttempts?: number }).lostAttempts)).toEqual([1, 2, 3, undefined]);

    h.startWorker();
    const instance = await h.waitForInstance(instanceId, (i) => i.status === 'failed');
    expect(instance.stateValue).toBe('waiting');
    const heard = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['event.received'] });
    expect(heard.at(-1)?.payload).toMatchObject({
      event: 'TASK_FAILED',
      payload: { taskId, lostAttempts: MAX_LOST_ATTEMPTS },
    });
  });
});

describe('cancelling running and scheduled tasks', () => {
  let h: Harness;
  const effects: string[] = [];
  const aborted: string[] = [];
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: slowSpec });
    await h.engine.service.publishDefinition(h.ctx, { spec: delayedSpec });
    h.startWorker({
      leaseMs: 600,
      extendRegistry: (registry) =>
        registry.register('SLOW', async (_input, context) => {
          const stopped = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), 30_000);
            context.signal.addEventListener(
              'abort',
              () => {
                clearTimeout(timer);
                resolve(true);
              },
              { once: true },
            );
          });
          if (stopped) {
            aborted.push(context.instanceId);
            throw new Error('aborted');
          }
          effects.push(context.instanceId);
          return { charged: true };
        }),
    });
  });
  afterAll(async () => h.close());

  it('aborts a running handler through its signal when its instance is cancelled: the side effect never happens', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'slow-effect' });
    await h.waitForInstance(instanceId, (i) => i.tasks[0]?.status === 'running');
    const result = await h.engine.service.cancelInstance(h.ctx, { instanceId, reason: 'customer withdrew' });
    expect(result.cancelledTasks).toBe(0); // none was waiting in the queue; the running one is aborted
    await waitUntil(async () => aborted.includes(instanceId), 'the handler to see its signal aborted');
    const discarded = await h.waitForEntry(instanceId, 'task.output_discarded');
    expect(discarded.payload).toMatchObject({ status: 'cancelled', error: 'aborted' });
    const after = await h.engine.service.getInstance(h.ctx, { instanceId });
    expect(after.status).toBe('cancelled');
    expect(after.tasks[0]?.status).toBe('cancelled');
    expect(effects).not.toContain(instanceId);
  });

  it('cancel-task aborts a running task and the instance hears TASK_CANCELLED', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'slow-effect' });
    const running = await h.waitForInstance(instanceId, (i) => i.tasks[0]?.status === 'running');
    await h.engine.service.cancelTask(h.ctx, { taskId: running.tasks[0]!.id, reason: 'wrong card' });
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.stateValue).toBe('gave-up');
    await waitUntil(async () => aborted.includes(instanceId), 'the handler to see its signal aborted');
    expect(effects).not.toContain(instanceId);
    const heard = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['event.received'] });
    expect(heard.at(-1)?.payload).toMatchObject({
      event: 'TASK_CANCELLED',
      payload: { taskName: 'charge-card', taskType: 'SLOW', reason: 'wrong card' },
    });
  });

  it('cancel-task on a scheduled task flags an instance that does not handle TASK_CANCELLED as failed', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, {
      definitionKey: 'delayed',
      input: { delay: { in: 3_600_000 } },
    });
    const waiting = await h.waitForInstance(instanceId, (i) => i.tasks.length === 1);
    await h.engine.service.cancelTask(h.ctx, { taskId: waiting.tasks[0]!.id, reason: 'not needed' });
    const flagged = await h.waitForInstance(instanceId, (i) => i.status === 'failed');
    expect(flagged.stateValue).toBe('waiting');
    const failed = await h.waitForEntry(instanceId, 'instance.failed');
    expect(failed.payload).toMatchObject({
      reason: 'a task ended with "TASK_CANCELLED" and state "waiting" does not handle it',
    });
  });
});
