import { z } from 'zod';
import type { TenantContext } from '../actor';
import { EngineError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { toPrismaJson } from '../json';
import type { EngineDeps } from '../runtime/engine-deps';
import type { HeldEvent } from '../store/guard-writes';
import type { ApplyEventJob } from '../queues/jobs';
import { applyEventMessage, insertOutbox, runTaskMessage, type OutboxMessage } from '../store/outbox';
import { GUARD_NAMES, parseGuardOverrides, type GuardName } from '../store/runaway-guards';
import { appendTimeline, type TimelineEntry } from '../store/timeline';
import { parseInput } from './parse-input';

const raiseGuardInput = z.object({
  instanceId: z.string().uuid('expected an instance id (a UUID)'),
  /** The new cap for the guard that tripped; absent: twice the cap that tripped. */
  limit: z.number().int('expected a whole number').positive('expected a positive number').max(1_000_000_000).optional(),
  reason: z.string().trim().max(2_000).optional(),
});

export interface RaiseGuardResult {
  guard: GuardName;
  previousLimit: number;
  limit: number;
  /** Events the guard held back, sent again in the order they arrived. */
  redelivered: number;
  /** Tasks parked when the guard tripped, queued again. */
  requeuedTasks: number;
}

interface TripEntry {
  seq: number;
  payload: { guard?: string; limit?: number; held?: HeldEvent; parkedTasks?: string[] };
}

/**
 * The held events since the latest trip — the one that tripped it, then each one that arrived while stopped — as
 * jobs rebuilt from their event.received entries (event, payload, reason and who sent it).
 */
async function heldSince(
  tx: Prisma.TransactionClient,
  ctx: TenantContext,
  instanceId: string,
  trip: TripEntry,
): Promise<Omit<ApplyEventJob, 'tenantId' | 'instanceId'>[]> {
  const later = await tx.workflowEvent.findMany({
    where: { instanceId, seq: { gt: trip.seq }, type: 'event.ignored' },
    orderBy: { seq: 'asc' },
    select: { payload: true },
  });
  const held = [trip.payload.held, ...later.map((row) => (row.payload as { held?: HeldEvent }).held)].filter(
    (event): event is HeldEvent => event !== undefined,
  );
  const received = await tx.workflowEvent.findMany({
    where: { tenantId: ctx.tenantId, instanceId, seq: { in: held.map((h) => h.receivedSeq) }, type: 'event.received' },
    select: { seq: true, actorType: true, actorId: true, actorRole: true, payload: true },
  });
  const bySeq = new Map(received.map((row) => [row.seq, row]));
  return held.flatMap((h) => {
    const row = bySeq.get(h.receivedSeq);
    if (!row) return [];
    const payload = row.payload as { event: string; payload?: unknown; reason?: string | null };
    const actor = {
      type: row.actorType,
      id: row.actorId,
      ...(row.actorRole ? { role: row.actorRole } : {}),
    } as ApplyEventJob['actor'];
    return [
      {
        event: { type: payload.event, payload: payload.payload ?? null },
        actor,
        ...(payload.reason ? { reason: payload.reason } : {}),
        ...(h.failedTaskId ? { failedTaskId: h.failedTaskId } : {}),
      },
    ];
  });
}

/** Queues again the tasks the trip parked (those still cancelled), each with a task.retried entry. */
async function unparkTasks(
  tx: Prisma.TransactionClient,
  ctx: TenantContext,
  instanceId: string,
  taskIds: string[],
  now: Date,
): Promise<{ entries: TimelineEntry[]; messages: OutboxMessage[] }> {
  if (taskIds.length === 0) return { entries: [], messages: [] };
  const tasks = await tx.task.findMany({
    where: { id: { in: taskIds }, instanceId, tenantId: ctx.tenantId, status: 'cancelled' },
    select: { id: true, name: true },
  });
  await tx.task.updateMany({
    where: { id: { in: tasks.map((t) => t.id) } },
    data: { status: 'queued', attempts: 0, nextRunAt: now, finishedAt: null, leaseExpiresAt: null },
  });
  return {
    entries: tasks.map((t) => ({
      type: 'task.retried',
      actor: ctx.actor,
      taskId: t.id,
      payload: {
        taskId: t.id,
        name: t.name,
        previousStatus: 'cancelled',
        reason: 'instance resumed after a runaway guard',
      },
    })),
    messages: tasks.map((t) => runTaskMessage({ tenantId: ctx.tenantId, taskId: t.id }, now)),
  };
}

/**
 * Raises, for one instance, the cap of the runaway guard that stopped it, and resumes it: the instance runs again
 * and the events the guard held back are delivered again, in order. Recorded in the timeline with who and why.
 */
export async function raiseGuardAndResume(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: z.input<typeof raiseGuardInput>,
): Promise<RaiseGuardResult> {
  const input = parseInput(raiseGuardInput, raw);
  const now = deps.clock();
  const { result, messages } = await deps.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: string; guardTripped: string | null; guardLimits: unknown }[]>`
      SELECT status::text AS status, "guardTripped", "guardLimits" FROM "WorkflowInstance" WHERE id = ${input.instanceId}::uuid AND "tenantId" = ${ctx.tenantId} FOR UPDATE`;
    const instance = rows[0];
    if (!instance) throw new EngineError('NOT_FOUND', `instance ${input.instanceId} was not found`);
    const guard = instance.guardTripped as GuardName | null;
    if (instance.status !== 'failed' || !guard || !GUARD_NAMES.includes(guard)) {
      throw new EngineError(
        'CONFLICT',
        `instance ${input.instanceId} is ${instance.status} and was not stopped by a runaway guard; there is no cap to raise`,
      );
    }
    const tripRow = await tx.workflowEvent.findFirst({
      where: { instanceId: input.instanceId, type: 'instance.guard_tripped' },
      orderBy: { seq: 'desc' },
      select: { seq: true, payload: true },
    });
    if (!tripRow)
      throw new EngineError('CONFLICT', `instance ${input.instanceId} has no guard_tripped entry to resume from`);
    const trip = tripRow as TripEntry;
    const previousLimit = trip.payload.limit ?? 0;
    const limit = input.limit ?? previousLimit * 2;
    if (limit <= previousLimit)
      throw new EngineError(
        'BAD_INPUT',
        `limit: expected more than the current ${guard} cap of ${previousLimit}, got ${limit}`,
        [{ path: 'limit', message: `expected more than ${previousLimit}` }],
      );

    const held = await heldSince(tx, ctx, input.instanceId, trip);
    const unparked = await unparkTasks(tx, ctx, input.instanceId, trip.payload.parkedTasks ?? [], now);
    const messages: OutboxMessage[] = [
      ...held.map((event) =>
        applyEventMessage({ tenantId: ctx.tenantId, instanceId: input.instanceId, ...event }, now),
      ),
      ...unparked.messages,
    ];
    await tx.workflowInstance.update({
      where: { id: input.instanceId },
      data: {
        status: 'running',
        guardTripped: null,
        guardLimits: toPrismaJson({ ...parseGuardOverrides(instance.guardLimits), [guard]: limit }),
      },
    });
    await appendTimeline(
      tx,
      { tenantId: ctx.tenantId, instanceId: input.instanceId },
      [
        {
          type: 'instance.resumed',
          actor: ctx.actor,
          payload: {
            reason: input.reason ?? null,
            guard,
            previousLimit,
            limit,
            redelivered: held.map((event) => event.event.type),
            requeuedTasks: unparked.messages.length,
          },
        },
        ...unparked.entries,
      ],
      now,
    );
    await insertOutbox(tx, messages);
    return {
      result: { guard, previousLimit, limit, redelivered: held.length, requeuedTasks: unparked.messages.length },
      messages,
    };
  });
  await deps.publisher.publishOrDefer(messages, now);
  return result;
}
