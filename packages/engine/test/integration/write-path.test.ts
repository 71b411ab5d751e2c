// One write path: an operator's action on a task takes the same lock and writes through the same statement as the
// worker's own step. Each path runs on a pool that logs the statements it sends (they still reach Postgres).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/contracts/actor';
import { TASK_RUNNER_QUEUE } from '../../src/contracts/jobs';
import { cancelInstance, cancelTask, retryTask } from '../../src/service/operator-actions';
import { applyPendingEvents } from '../../src/store/instance-batch';
import { inTransaction } from '../../src/store/sql/transaction';
import { requeueExpiredLeases } from '../../src/store/sweeps';
import { claimTask, finishAttempt } from '../../src/store/task-attempts';
import { createHarness, type Harness } from '../support/harness';
import { failingSpec } from '../support/specs';
import { loggingPool, type LoggedStatement } from '../support/statement-log';

const worker: Actor = { type: 'worker', id: 'write-path-test' };

describe('one write path', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: failingSpec(false) });
  });
  afterAll(async () => h.close());

  /** Applies the instance's pending events as the orchestrator would (no worker runs in this file). */
  async function applyPending(instanceId: string, pool = h.engine.deps.pool): Promise<void> {
    const { deps } = h.engine;
    await inTransaction(pool, (client) =>
      applyPendingEvents(
        { prisma: deps.prisma, definitions: deps.definitions, now: new Date() },
        client,
        { tenantId: 'demo', instanceId },
        { limit: 64 },
      ),
    );
  }

  /** Claims the task and reports a failed attempt, on `pool`; returns the outcome. */
  async function failAttempt(pool: typeof h.engine.deps.pool, taskId: string, retriable: boolean) {
    const claim = await claimTask(h.engine.deps.pool, {
      tenantId: 'demo',
      taskId,
      worker,
      now: new Date(),
      leaseMs: 60_000,
    });
    if (claim.kind !== 'claimed') throw new Error(`expected to claim the task, got ${claim.kind}`);
    return finishAttempt(pool, {
      task: claim.task,
      result: { ok: false, error: 'upstream answered 503', retriable, durationMs: 1 },
      worker,
      now: new Date(),
      retryDelayMs: 0,
    });
  }

  async function startWithTask(): Promise<{ instanceId: string; taskId: string }> {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'failing-unhandled' });
    await applyPending(instanceId);
    const task = await h.engine.deps.prisma.task.findFirstOrThrow({ where: { instanceId } });
    return { instanceId, taskId: task.id };
  }

  const runTaskRows = (taskId: string) =>
    h.engine.deps.prisma.outbox.findMany({
      where: { queue: TASK_RUNNER_QUEUE, payload: { path: ['taskId'], equals: taskId } },
      orderBy: { createdAt: 'asc' },
      select: { queue: true, jobName: true, payload: true, tenantId: true },
    });

  it('a retry from the console runs the same statements as the worker retrying a failed attempt', async () => {
    const { instanceId, taskId } = await startWithTask();

    // The worker's path: an attempt fails and the task is queued again.
    const workerPool = loggingPool(h.engine.deps.pool);
    expect((await failAttempt(workerPool.pool, taskId, true)).outcome).toBe('retrying');

    // The task then fails for good, its TASK_FAILED is unhandled and fails the instance.
    expect((await failAttempt(h.engine.deps.pool, taskId, false)).outcome).toBe('failed');
    await applyPending(instanceId);
    expect((await h.engine.service.getInstance(h.ctx, { instanceId })).status).toBe('failed');

    // The console's path: an operator retries the task.
    const consolePool = loggingPool(h.engine.deps.pool);
    await retryTask({ ...h.engine.deps, pool: consolePool.pool }, h.ctx, { taskId, reason: 'upstream is back' });

    const names = (log: LoggedStatement[]) => log.map((s) => s.name ?? s.text);
    expect(names(workerPool.log)).toEqual(['BEGIN', 'sy_lock_task', 'sy_task_retry', 'COMMIT']);
    // Not only the same names: the same SQL text, statement by statement.
    expect(consolePool.log).toEqual(workerPool.log);

    // What a user sees: the task queued with fresh attempts, the instance running again, both entries numbered on.
    const detail = await h.engine.service.getInstance(h.ctx, { instanceId });
    expect(detail.status).toBe('running');
    expect(detail.tasks[0]).toMatchObject({ id: taskId, status: 'queued', attempts: 0 });
    const timeline = await h.engine.service.getTimeline(h.ctx, { instanceId });
    const tail = timeline.slice(-2);
    expect(tail.map((e) => e.type)).toEqual(['task.retried', 'instance.resumed']);
    expect(tail[1]!.seq).toBe(tail[0]!.seq + 1);
    expect(tail[0]).toMatchObject({ actorType: 'operator', actorId: 'tester', taskId, stateValue: 'working' });
    // Both paths queued the task with the same outbox row (a run-task job for this task).
    const queued = await runTaskRows(taskId);
    const expected = {
      queue: TASK_RUNNER_QUEUE,
      jobName: 'run-task',
      tenantId: 'demo',
      payload: { tenantId: 'demo', taskId },
    };
    // The row from the start, the worker's retry, the console's retry.
    expect(queued).toEqual([expected, expected, expected]);
  });

  it('cancel-task and the sweeper lock a task with the worker’s statement and write through the same builder', async () => {
    const { taskId } = await startWithTask();
    const claim = await claimTask(h.engine.deps.pool, {
      tenantId: 'demo',
      taskId,
      worker,
      now: new Date(),
      leaseMs: 1,
    });
    expect(claim.kind).toBe('claimed');
    await new Promise((resolve) => setTimeout(resolve, 20));

    const sweeperPool = loggingPool(h.engine.deps.pool);
    const requeued = await requeueExpiredLeases(
      { ...h.engine.deps, pool: sweeperPool.pool },
      { now: new Date(), worker, limit: 10 },
    );
    expect(requeued.map((m) => m.payload)).toContainEqual({ tenantId: 'demo', taskId });
    const sweeperNames = sweeperPool.log.map((s) => s.name ?? s.text);
    expect(sweeperNames).toEqual(['BEGIN', 'sy_lock_task', 'sy_task_retry', 'COMMIT']);

    const consolePool = loggingPool(h.engine.deps.pool);
    await cancelTask({ ...h.engine.deps, pool: consolePool.pool }, h.ctx, { taskId, reason: 'not needed' });
    expect(consolePool.log.map((s) => s.name ?? s.text)).toEqual(['BEGIN', 'sy_lock_task', 'sy_task_cancel', 'COMMIT']);
    expect(consolePool.log[1]).toEqual(sweeperPool.log[1]);
    const task = await h.engine.deps.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.status).toBe('cancelled');
    // The sweeper's requeue message was settled with the cancel, so it will never run.
    const pending = await h.engine.deps.prisma.outbox.count({
      where: { queue: TASK_RUNNER_QUEUE, processedAt: null, payload: { path: ['taskId'], equals: taskId } },
    });
    expect(pending).toBe(0);
  });

  it('cancel-instance locks the instance with the orchestrator’s statement and appends with the task writer’s', async () => {
    const { instanceId, taskId } = await startWithTask();
    const orchestratorPool = loggingPool(h.engine.deps.pool);
    await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'NOT_HANDLED_HERE' });
    await applyPending(instanceId, orchestratorPool.pool);
    expect(orchestratorPool.log.map((s) => s.name ?? s.text)).toEqual([
      'BEGIN',
      'sy_lock_instance',
      'sy_write_instance',
      'COMMIT',
    ]);

    const consolePool = loggingPool(h.engine.deps.pool);
    const { cancelledTasks } = await cancelInstance({ ...h.engine.deps, pool: consolePool.pool }, h.ctx, {
      instanceId,
      reason: 'customer withdrew',
    });
    expect(cancelledTasks).toBe(1);
    expect(consolePool.log.map((s) => s.name ?? s.text)).toEqual([
      'BEGIN',
      'sy_lock_instance',
      'sy_instance_tasks',
      'sy_task_cancel',
      'sy_task_none',
      'COMMIT',
    ]);
    expect(consolePool.log[1]).toEqual(orchestratorPool.log[1]);

    const detail = await h.engine.service.getInstance(h.ctx, { instanceId });
    expect(detail.status).toBe('cancelled');
    expect(detail.tasks[0]).toMatchObject({ id: taskId, status: 'cancelled' });
    const timeline = await h.engine.service.getTimeline(h.ctx, { instanceId });
    expect(timeline.slice(-2).map((e) => e.type)).toEqual(['task.cancelled', 'instance.cancelled']);
    expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
  });
});
