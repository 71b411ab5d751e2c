import { z } from 'zod';
import type { TenantContext } from '../actor';
import { EngineError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { JsonValue } from '../json';
import { applyEventJobSchema } from '../queues/jobs';
import { ORCHESTRATOR_QUEUE } from '../queues/names';
import type { EngineDeps } from '../runtime/engine-deps';
import type { OutboxMessage } from '../store/outbox';
import { appendTimeline } from '../store/timeline';
import { parseInput } from './parse-input';

/** An event that could not be applied after its bounded deliveries, waiting for an operator. */
export interface DeadLetterView {
  id: string;
  instanceId: string;
  definitionKey: string | null;
  instanceStatus: string | null;
  event: string;
  payload: JsonValue;
  failures: number;
  lastError: string | null;
  createdAt: Date;
  deadLetteredAt: Date;
}

const listInput = z.object({ limit: z.number().int().min(1).max(200).default(50) });
const actionInput = z.object({
  messageId: z.string().uuid('expected a dead letter id (a UUID)'),
  reason: z.string().trim().max(2_000).optional(),
});
const discardInput = actionInput.extend({
  reason: z.string().trim().min(1, 'expected a reason: discarding an event is recorded with why').max(2_000),
});

/** Open dead letters of the tenant, newest first. */
export async function listDeadLetters(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: z.input<typeof listInput> = {},
): Promise<DeadLetterView[]> {
  const input = parseInput(listInput, raw);
  const rows = await deps.prisma.outbox.findMany({
    where: { tenantId: ctx.tenantId, queue: ORCHESTRATOR_QUEUE, deadLetteredAt: { not: null }, processedAt: null },
    orderBy: { deadLetteredAt: 'desc' },
    take: input.limit,
  });
  const jobs = rows.map((row) => ({ row, job: applyEventJobSchema.safeParse(row.payload) }));
  const instanceIds = [...new Set(jobs.flatMap(({ job }) => (job.success ? [job.data.instanceId] : [])))];
  const instances = await deps.prisma.workflowInstance.findMany({
    where: { tenantId: ctx.tenantId, id: { in: instanceIds } },
    select: { id: true, definitionKey: true, status: true },
  });
  const byId = new Map(instances.map((i) => [i.id, i]));
  return jobs.map(({ row, job }) => {
    const instance = job.success ? byId.get(job.data.instanceId) : undefined;
    return {
      id: row.id,
      instanceId: job.success ? job.data.instanceId : '',
      definitionKey: instance?.definitionKey ?? null,
      instanceStatus: instance?.status ?? null,
      event: job.success ? job.data.event.type : '(unreadable message)',
      payload: (job.success ? (job.data.event.payload ?? null) : row.payload) as JsonValue,
      failures: row.failures,
      lastError: row.lastError,
      createdAt: row.createdAt,
      deadLetteredAt: row.deadLetteredAt!,
    };
  });
}

/** Locks a dead letter's instance, then the row; NOT_FOUND for another tenant's or an already settled one. */
async function lockDeadLetter(tx: Prisma.TransactionClient, ctx: TenantContext, messageId: string) {
  const row = await tx.outbox.findFirst({
    where: { id: messageId, tenantId: ctx.tenantId, queue: ORCHESTRATOR_QUEUE },
  });
  const job = row ? applyEventJobSchema.safeParse(row.payload) : undefined;
  if (!row || !job?.success) throw new EngineError('NOT_FOUND', `dead letter ${messageId} was not found`);
  await tx.$queryRaw`SELECT 1 FROM "WorkflowInstance" WHERE id = ${job.data.instanceId}::uuid AND "tenantId" = ${ctx.tenantId} FOR UPDATE`;
  const locked = await tx.$queryRaw<{ deadLetteredAt: Date | null; processedAt: Date | null }[]>`
    SELECT "deadLetteredAt", "processedAt" FROM "Outbox" WHERE id = ${messageId}::uuid FOR UPDATE`;
  if (!locked[0]?.deadLetteredAt || locked[0].processedAt)
    throw new EngineError('CONFLICT', `message ${messageId} is not an open dead letter (already retried or discarded)`);
  return { row, job: job.data };
}

/** Sends a dead-lettered event again with a fresh set of deliveries (after a fix, say); recorded in the timeline. */
export async function retryDeadLetter(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: z.input<typeof actionInput>,
): Promise<{ messageId: string }> {
  const input = parseInput(actionInput, raw);
  const now = deps.clock();
  const message = await deps.prisma.$transaction(async (tx): Promise<OutboxMessage> => {
    const { row, job } = await lockDeadLetter(tx, ctx, input.messageId);
    await tx.outbox.update({
      where: { id: row.id },
      data: { deadLetteredAt: null, failures: 0, lastError: null, publishedAt: now },
    });
    await appendTimeline(
      tx,
      { tenantId: ctx.tenantId, instanceId: job.instanceId },
      [
        {
          type: 'event.redelivered',
          actor: ctx.actor,
          payload: {
            event: job.event.type,
            messageId: row.id,
            reason: input.reason ?? null,
            previousError: row.lastError,
          },
        },
      ],
      now,
    );
    return {
      id: row.id,
      tenantId: row.tenantId,
      queue: ORCHESTRATOR_QUEUE,
      jobName: row.jobName,
      payload: row.payload,
      availableAt: now,
    };
  });
  // The job with this id completed when it was dead-lettered: republish removes it and adds it again.
  await deps.publisher
    .republish([message], now)
    .catch((error: unknown) =>
      deps.logger.warn({ err: error, messageId: message.id }, 'republish failed; the sweeper will deliver it'),
    );
  return { messageId: input.messageId };
}

/** Drops a dead-lettered event for good, with the reason recorded in the instance's timeline. */
export async function discardDeadLetter(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: z.input<typeof discardInput>,
): Promise<{ messageId: string }> {
  const input = parseInput(discardInput, raw);
  const now = deps.clock();
  await deps.prisma.$transaction(async (tx) => {
    const { row, job } = await lockDeadLetter(tx, ctx, input.messageId);
    await tx.outbox.update({ where: { id: row.id }, data: { processedAt: now, discardedAt: now } });
    await appendTimeline(
      tx,
      { tenantId: ctx.tenantId, instanceId: job.instanceId },
      [
        {
          type: 'event.discarded',
          actor: ctx.actor,
          payload: {
            event: job.event.type,
            payload: job.event.payload ?? null,
            messageId: row.id,
            reason: input.reason,
            error: row.lastError,
          },
        },
      ],
      now,
    );
  });
  return { messageId: input.messageId };
}
