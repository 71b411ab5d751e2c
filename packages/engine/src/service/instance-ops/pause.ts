import type { TenantContext } from '../../contracts/actor';
import { EngineError } from '../../errors';
import { TASK_RUNNER_QUEUE } from '../../contracts/jobs';
import { pauseInstanceInput, type PauseInstanceInput } from '../../contracts/operator-actions';
import type { EngineDeps } from '../../deps/engine-deps';
import { applyEvent } from '../../store/apply-event';
import { InstanceBatch } from '../../store/instance-batch';
import { runTaskMessage, type OutboxMessage } from '../../store/outbox';
import { heldByPause, holdQueuedTasks, movePauseCursor, queuedTasks, setPause } from '../../store/sql/pause-statements';
import { inTransaction } from '../../store/sql/transaction';
import { parseInput } from '../parse-input';
import { appendEntries, batchTag, lockForAction } from './locked-write';

/** Held events a resume applies per transaction; the instance stays paused until the last part is applied. */
export const RESUME_CHUNK = 200;

/**
 * Pauses an instance: from now on its events are recorded and held (not applied) and none of its tasks starts;
 * tasks already running finish, and what they report is held too. Recorded as `instance.paused` with who and why.
 */
export async function pauseInstance(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: PauseInstanceInput,
): Promise<{ instanceId: string; heldTasks: number }> {
  const input = parseInput(pauseInstanceInput, raw);
  const now = deps.clock();
  const held = await inTransaction(deps.pool, async (client) => {
    const instance = await lockForAction(client, ctx, input.instanceId);
    if (instance.status === 'completed' || instance.status === 'cancelled')
      throw new EngineError(
        'CONFLICT',
        `instance ${input.instanceId} is ${instance.status}; only a running or failed instance can be paused`,
      );
    if (instance.paused) throw new EngineError('CONFLICT', `instance ${input.instanceId} is already paused`);
    const scope = { tenantId: ctx.tenantId, instanceId: input.instanceId };
    const tasks = await holdQueuedTasks(client, scope, now);
    const lastSeq = await appendEntries(
      client,
      instance,
      [
        {
          type: 'instance.paused',
          actor: ctx.actor,
          payload: { reason: input.reason, heldTasks: tasks.tasks, ...batchTag(input.batchId) },
        },
      ],
      now,
    );
    await setPause(client, scope, now, lastSeq);
    return tasks;
  });
  await Promise.all(held.messages.map((id) => deps.publisher.remove(TASK_RUNNER_QUEUE, id)));
  return { instanceId: input.instanceId, heldTasks: held.tasks };
}

/**
 * Resumes a paused instance: the events it held are applied in the order they arrived (under the instance lock,
 * RESUME_CHUNK per transaction, so nothing sent meanwhile can overtake them), then its queued tasks are published
 * again. Recorded as `instance.resumed` with who and why.
 */
export async function resumeInstance(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: PauseInstanceInput,
): Promise<{ instanceId: string; applied: number; requeuedTasks: number }> {
  const input = parseInput(pauseInstanceInput, raw);
  const scope = { tenantId: ctx.tenantId, instanceId: input.instanceId };
  let applied = 0;
  let requeuedTasks = 0;
  for (let first = true; ; first = false) {
    const now = deps.clock();
    const part = await inTransaction(deps.pool, async (client) => {
      const instance = await lockForAction(client, ctx, input.instanceId);
      if (!instance.paused) {
        if (first) throw new EngineError('CONFLICT', `instance ${input.instanceId} is not paused`);
        return { done: true, outbox: [] as OutboxMessage[], applied: 0, requeued: 0 };
      }
      const resumed = first
        ? await appendEntries(
            client,
            instance,
            [
              {
                type: 'instance.resumed',
                actor: ctx.actor,
                payload: { reason: input.reason, paused: true, ...batchTag(input.batchId) },
              },
            ],
            now,
          )
        : instance.lastSeq;
      const held = await heldByPause(client, scope, instance.pauseCursor, RESUME_CHUNK + 1);
      const chunk = held.slice(0, RESUME_CHUNK);
      // The held events are applied together, as one batch of the apply path, in the order they arrived.
      const batch = new InstanceBatch(client, { ...instance, lastSeq: resumed }, now);
      for (const { job } of chunk)
        await applyEvent(
          { prisma: deps.prisma, definitions: deps.definitions, now },
          batch,
          { outboxId: null, job },
          { applyingHeld: true },
        );
      await batch.flush();
      const outbox: OutboxMessage[] = [...batch.outbox];
      if (held.length > RESUME_CHUNK) {
        await movePauseCursor(client, scope, chunk.at(-1)!.markerSeq);
        return { done: false, outbox, applied: chunk.length, requeued: 0 };
      }
      await setPause(client, scope, null, 0);
      // Tasks the pause held (and any a held event created) run again, each when it is due.
      const tasks = await queuedTasks(client, scope);
      const messages = tasks.map((task) =>
        runTaskMessage({ tenantId: ctx.tenantId, taskId: task.id }, task.nextRunAt > now ? task.nextRunAt : now),
      );
      const fresh = await lockForAction(client, ctx, input.instanceId);
      await appendEntries(client, fresh, [], now, messages);
      return { done: true, outbox: [...outbox, ...messages], applied: chunk.length, requeued: tasks.length };
    });
    await deps.publisher.publishOrDefer(part.outbox, now);
    applied += part.applied;
    requeuedTasks += part.requeued;
    if (part.done) return { instanceId: input.instanceId, applied, requeuedTasks };
  }
}
