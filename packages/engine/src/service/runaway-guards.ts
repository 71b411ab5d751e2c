import type { TenantContext } from '../contracts/actor';
import { raiseGuardInput, type RaiseGuardInput } from '../contracts/operator-actions';
import { EngineError } from '../errors';
import type { EngineDeps } from '../deps/engine-deps';
import { applyEventMessage, runTaskMessage, type OutboxMessage } from '../store/outbox';
import { GUARD_NAMES, parseGuardOverrides, type GuardName } from '../store/runaway-guards';
import { clearGuard, heldEventsSince, latestTrip } from '../store/sql/guard-statements';
import { lockInstance } from '../store/sql/instance-statements';
import { appendToInstance, instanceTasks, writeTaskStep } from '../store/sql/task-statements';
import { inTransaction } from '../store/sql/transaction';
import { numbered, type TimelineEntry } from '../store/timeline';
import { parseInput } from './parse-input';

export interface RaiseGuardResult {
  guard: GuardName;
  previousLimit: number;
  limit: number;
  /** Events the guard held back, sent again in the order they arrived. */
  redelivered: number;
  /** Tasks parked when the guard tripped, queued again. */
  requeuedTasks: number;
}

/**
 * Raises, for one instance, the cap of the runaway guard that stopped it, and resumes it: the instance runs again
 * and the events the guard held back are delivered again, in order. Recorded in the timeline with who and why.
 */
export async function raiseGuardAndResume(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: RaiseGuardInput,
): Promise<RaiseGuardResult> {
  const input = parseInput(raiseGuardInput, raw);
  const now = deps.clock();
  const { result, messages } = await inTransaction(deps.pool, async (client) => {
    const locked = await lockInstance(client, { tenantId: ctx.tenantId, instanceId: input.instanceId });
    if (!locked) throw new EngineError('NOT_FOUND', `instance ${input.instanceId} was not found`);
    const { instance } = locked;
    const guard = instance.guardTripped as GuardName | null;
    if (instance.status !== 'failed' || !guard || !GUARD_NAMES.includes(guard)) {
      throw new EngineError(
        'CONFLICT',
        `instance ${input.instanceId} is ${instance.status} and was not stopped by a runaway guard; there is no cap to raise`,
      );
    }
    const trip = await latestTrip(client, instance.id);
    if (!trip)
      throw new EngineError('CONFLICT', `instance ${input.instanceId} has no guard_tripped entry to resume from`);
    const previousLimit = trip.payload.limit ?? 0;
    const limit = input.limit ?? previousLimit * 2;
    if (limit <= previousLimit)
      throw new EngineError(
        'BAD_INPUT',
        `limit: expected more than the current ${guard} cap of ${previousLimit}, got ${limit}`,
        [{ path: 'limit', message: `expected more than ${previousLimit}` }],
      );

    const held = await heldEventsSince(client, instance.id, { seq: trip.seq, held: trip.payload.held });
    const redelivered = held.map(({ held: h, received }) =>
      applyEventMessage(
        {
          tenantId: ctx.tenantId,
          instanceId: instance.id,
          event: { type: received.payload.event, payload: received.payload.payload ?? null },
          actor: received.actor,
          ...(received.payload.reason ? { reason: received.payload.reason } : {}),
          ...(h.failedTaskId ? { failedTaskId: h.failedTaskId } : {}),
        },
        now,
      ),
    );
    // The tasks the trip parked, those still cancelled: queued again by the same write as an operator's retry.
    const parked = await instanceTasks(client, instance.id, {
      statuses: ['cancelled'] as const,
      ids: trip.payload.parkedTasks ?? [],
    });
    await clearGuard(client, instance.id, { ...parseGuardOverrides(instance.guardLimits), [guard]: limit });
    const resumed: TimelineEntry = {
      type: 'instance.resumed',
      actor: ctx.actor,
      payload: {
        reason: input.reason ?? null,
        guard,
        previousLimit,
        limit,
        redelivered: held.map(({ received }) => received.payload.event),
        requeuedTasks: parked.length,
      },
    };
    let step = numbered(instance, [resumed]);
    await appendToInstance(client, {
      tenantId: ctx.tenantId,
      instanceId: instance.id,
      now,
      ...step,
      outbox: redelivered,
      status: 'running',
    });
    const requeued: OutboxMessage[] = [];
    for (const task of parked) {
      const msg = runTaskMessage({ tenantId: ctx.tenantId, taskId: task.id }, now);
      step = numbered({ lastSeq: step.lastSeq, stateValue: instance.stateValue }, [
        {
          type: 'task.retried',
          actor: ctx.actor,
          taskId: task.id,
          payload: {
            taskId: task.id,
            name: task.name,
            previousStatus: 'cancelled',
            reason: 'instance resumed after a runaway guard',
          },
        },
      ]);
      await writeTaskStep(client, {
        task: { id: task.id, tenantId: ctx.tenantId, instanceId: instance.id },
        now,
        ...step,
        outbox: [msg],
        change: { kind: 'retry', nextRunAt: now, attempts: 0 },
      });
      requeued.push(msg);
    }
    return {
      result: { guard, previousLimit, limit, redelivered: held.length, requeuedTasks: parked.length },
      messages: [...redelivered, ...requeued],
    };
  });
  await deps.publisher.publishOrDefer(messages, now);
  return result;
}
