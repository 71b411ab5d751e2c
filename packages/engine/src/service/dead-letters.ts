import { listDeadLettersInput, type ListDeadLettersInput } from '../contracts/queries';
import type { TenantContext } from '../contracts/actor';
import { EngineError } from '../errors';
import type { JsonValue } from '../json';
import { applyEventJobSchema, ORCHESTRATOR_QUEUE, type ApplyEventJob } from '../contracts/jobs';
import {
  discardDeadLetterInput,
  retryDeadLetterInput,
  type DiscardDeadLetterInput,
  type RetryDeadLetterInput,
} from '../contracts/operator-actions';
import type { EngineDeps } from '../deps/engine-deps';
import type { OutboxMessage } from '../store/outbox';
import { lockInstance } from '../store/sql/instance-statements';
import { settleDeadLetter, type DeadLetterRow } from '../store/sql/outbox-statements';
import { appendToInstance } from '../store/sql/task-statements';
import { inTransaction } from '../store/sql/transaction';
import { numbered, type TimelineEntry } from '../store/timeline';
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

/** Open dead letters of the tenant, newest first. */
export async function listDeadLetters(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: ListDeadLettersInput = {},
): Promise<DeadLetterView[]> {
  const input = parseInput(listDeadLettersInput, raw);
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

/**
 * Retries or discards a dead letter in one transaction: its instance locked first (like every writer), then the
 * row settled, then `entry` appended to the timeline. NOT_FOUND for another tenant's; CONFLICT once settled.
 */
async function settle(
  deps: EngineDeps,
  ctx: TenantContext,
  messageId: string,
  action: 'retry' | 'discard',
  now: Date,
  entry: (job: ApplyEventJob, row: DeadLetterRow) => TimelineEntry,
): Promise<DeadLetterRow> {
  // Which instance to lock; read before the lock, checked again under it by the settle statement.
  const found = await deps.prisma.outbox.findFirst({
    where: { id: messageId, tenantId: ctx.tenantId, queue: ORCHESTRATOR_QUEUE },
    select: { payload: true },
  });
  const job = found ? applyEventJobSchema.safeParse(found.payload) : undefined;
  if (!job?.success) throw new EngineError('NOT_FOUND', `dead letter ${messageId} was not found`);
  const { instanceId } = job.data;
  return inTransaction(deps.pool, async (client) => {
    const locked = await lockInstance(client, { tenantId: ctx.tenantId, instanceId });
    if (!locked) throw new EngineError('NOT_FOUND', `dead letter ${messageId} was not found`);
    const row = await settleDeadLetter(client, { tenantId: ctx.tenantId, messageId, action, now });
    if (!row)
      throw new EngineError(
        'CONFLICT',
        `message ${messageId} is not an open dead letter (already retried or discarded)`,
      );
    await appendToInstance(client, {
      tenantId: ctx.tenantId,
      instanceId,
      now,
      ...numbered(locked.instance, [entry(job.data, row)]),
      outbox: [],
    });
    return row;
  });
}

/** Sends a dead-lettered event again with a fresh set of deliveries (after a fix, say); recorded in the timeline. */
export async function retryDeadLetter(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: RetryDeadLetterInput,
): Promise<{ messageId: string }> {
  const input = parseInput(retryDeadLetterInput, raw);
  const now = deps.clock();
  const row = await settle(deps, ctx, input.messageId, 'retry', now, (job, settled) => ({
    type: 'event.redelivered',
    actor: ctx.actor,
    payload: {
      event: job.event.type,
      messageId: settled.id,
      reason: input.reason ?? null,
      previousError: settled.lastError,
    },
  }));
  const message: OutboxMessage = {
    id: row.id,
    tenantId: row.tenantId,
    queue: ORCHESTRATOR_QUEUE,
    jobName: row.jobName,
    payload: applyEventJobSchema.parse(row.payload),
    availableAt: now,
  };
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
  raw: DiscardDeadLetterInput,
): Promise<{ messageId: string }> {
  const input = parseInput(discardDeadLetterInput, raw);
  await settle(deps, ctx, input.messageId, 'discard', deps.clock(), (job, settled) => ({
    type: 'event.discarded',
    actor: ctx.actor,
    payload: {
      event: job.event.type,
      payload: job.event.payload ?? null,
      messageId: settled.id,
      reason: input.reason,
      error: settled.lastError,
    },
  }));
  return { messageId: input.messageId };
}
