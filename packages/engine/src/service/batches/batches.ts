import { z } from 'zod';
import type { TenantContext } from '../../contracts/actor';
import { formatActor } from '../../contracts/actor';
import { recordAudit } from '../../access/audit';
import { EngineError } from '../../errors';
import { toPrismaJson } from '../../json';
import { BATCH_QUEUE, JOB_RUN_BATCH } from '../../contracts/jobs';
import type { EngineDeps } from '../../deps/engine-deps';
import { instanceFilterSchema, type InstanceFilter } from '../../search';
import { filterToParams } from '../../search/url-filter';
import type { OutboxMessage } from '../../store/outbox';
import type { Prisma } from '../../generated/prisma/client';
import { randomUUID } from 'node:crypto';
import { parseInput } from '../parse-input';
import {
  batchActionSchema,
  batchControlInput,
  batchItemsInput,
  batchRateSchema,
  type BatchAction,
  type BatchCommand,
  type BatchControlInput,
  type BatchItemsInput,
  type BatchStatus,
} from '../../contracts/batches';
import { reasonSchema } from '../../contracts/reason';
import { outcomeFor, type InstanceFacts, type Outcome } from './batch-actions';
import { BATCH_MAX_INSTANCES, instanceFacts, matchingIds } from './instance-facts';
import { migrationOutcome, UNMAPPED } from '../instance-ops/migrate-plan';

export const batchPreviewInput = z.object({ where: instanceFilterSchema, action: batchActionSchema });
export const startBatchInput = batchPreviewInput.extend({
  reason: reasonSchema,
  /** Instances acted on per second (default 20). */
  ratePerSecond: batchRateSchema,
});

export interface BatchPreview {
  count: number;
  /** More instances match than one batch may act on (BATCH_MAX_INSTANCES): narrow the filter. */
  capped: boolean;
  /** How many will be acted on and how many skipped, by what will happen, largest group first. */
  groups: { text: string; act: boolean; count: number }[];
  sample: (Pick<InstanceFacts, 'id' | 'businessKey' | 'status' | 'stateValue'> & { outcome: Outcome })[];
}

const SAMPLE = 10;

/** What the action will do to each instance, from facts read now (the runner reads them again before acting). */
export async function plannedOutcomes(deps: EngineDeps, ctx: TenantContext, action: BatchAction, ids: string[]) {
  const facts = await instanceFacts(deps, ctx.tenantId, ids);
  const extra =
    action.action === 'migrate'
      ? await migrationOutcome(
          deps,
          ctx,
          action,
          facts.map((f) => f.definitionKey),
        )
      : undefined;
  return facts.map((f) => ({ facts: f, outcome: outcomeFor(action, f, extra) }));
}

/** The exact count a batch would act on, what happens to each (grouped) and a sample; writes nothing. */
export async function previewBatch(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: z.input<typeof batchPreviewInput>,
): Promise<BatchPreview> {
  const input = parseInput(batchPreviewInput, raw);
  const { ids, capped } = await matchingIds(deps, ctx.tenantId, input.where);
  const planned = await plannedOutcomes(deps, ctx, input.action, ids);
  const groups = new Map<string, { text: string; act: boolean; count: number }>();
  for (const { outcome } of planned) {
    const group = groups.get(outcome.text) ?? { text: outcome.text, act: outcome.act, count: 0 };
    group.count += 1;
    groups.set(outcome.text, group);
  }
  return {
    count: ids.length,
    capped,
    groups: [...groups.values()].sort((a, b) => b.count - a.count),
    sample: planned.slice(0, SAMPLE).map(({ facts, outcome }) => ({
      id: facts.id,
      businessKey: facts.businessKey,
      status: facts.status,
      stateValue: facts.stateValue,
      outcome,
    })),
  };
}

/** The batch's run message, written with the batch row (a batch is no instance, so not through an instance write). */
async function insertRunMessage(tx: Prisma.TransactionClient, message: OutboxMessage): Promise<void> {
  await tx.outbox.create({
    data: {
      id: message.id,
      tenantId: message.tenantId,
      queue: message.queue,
      jobName: message.jobName,
      payload: toPrismaJson(message.payload),
      availableAt: message.availableAt,
    },
  });
}

function runMessage(tenantId: string, id: string, now: Date): OutboxMessage {
  return {
    id: randomUUID(),
    tenantId,
    queue: BATCH_QUEUE,
    jobName: JOB_RUN_BATCH,
    payload: { tenantId, batchId: id },
    availableAt: now,
  };
}

/**
 * Starts a batch: the instances the filter matches now are fixed as its items (at most BATCH_MAX_INSTANCES), and a
 * worker acts on each once, at `ratePerSecond`, as the operator who started it.
 */
export async function startBatch(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: z.input<typeof startBatchInput>,
): Promise<{ batchId: string; total: number }> {
  const input = parseInput(startBatchInput, raw);
  const { ids, capped } = await matchingIds(deps, ctx.tenantId, input.where);
  if (capped)
    throw new EngineError(
      'BAD_INPUT',
      `where: more than ${BATCH_MAX_INSTANCES} instances match; a batch acts on at most ${BATCH_MAX_INSTANCES}: narrow the filter`,
      [{ path: 'where', message: `more than ${BATCH_MAX_INSTANCES} instances match` }],
    );
  if (input.action.action === 'migrate') {
    // A migration refuses to start while any instance sits in a state the target removed and nobody mapped.
    const blocked = (await plannedOutcomes(deps, ctx, input.action, ids)).filter((p) =>
      p.outcome.text.startsWith(UNMAPPED),
    );
    if (blocked.length > 0) {
      const states = [...new Set(blocked.map((b) => b.facts.stateValue))];
      throw new EngineError(
        'BAD_INPUT',
        `stateMap: ${blocked.length} instance(s) sit in ${states.map((s) => `"${s}"`).join(', ')}, which v${input.action.toVersion} removed; map ${states.length === 1 ? 'it' : 'each'} to a state of v${input.action.toVersion} before running`,
        states.map((s) => ({ path: `stateMap.${s}`, message: 'a removed state must be mapped' })),
      );
    }
  }
  const now = deps.clock();
  const id = randomUUID();
  const message = runMessage(ctx.tenantId, id, now);
  await deps.prisma.$transaction(async (tx) => {
    await tx.batch.create({
      data: {
        id,
        tenantId: ctx.tenantId,
        action: input.action.action,
        params: toPrismaJson(input.action),
        query: toPrismaJson(input.where),
        reason: input.reason,
        actor: toPrismaJson(ctx.actor),
        createdBy: formatActor(ctx.actor),
        total: ids.length,
        ratePerSecond: input.ratePerSecond,
        createdAt: now,
      },
    });
    for (let at = 0; at < ids.length; at += 1_000)
      await tx.batchItem.createMany({
        data: ids.slice(at, at + 1_000).map((instanceId, i) => ({ batchId: id, ordinal: at + i, instanceId })),
      });
    await insertRunMessage(tx, message);
  });
  await deps.publisher.publishOrDefer([message], now);
  return { batchId: id, total: ids.length };
}

export interface BatchView {
  id: string;
  action: string;
  params: unknown;
  query: InstanceFilter;
  /** The query as the instance list's URL parameters, for a link and for display. */
  queryString: string;
  reason: string;
  createdBy: string;
  status: BatchStatus;
  total: number;
  succeeded: number;
  skipped: number;
  failed: number;
  ratePerSecond: number;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

function toView(row: Awaited<ReturnType<EngineDeps['prisma']['batch']['findFirstOrThrow']>>): BatchView {
  const query = row.query as InstanceFilter;
  return {
    id: row.id,
    action: row.action,
    params: row.params,
    query,
    queryString: filterToParams(query).toString(),
    reason: row.reason,
    createdBy: row.createdBy,
    status: row.status,
    total: row.total,
    succeeded: row.succeeded,
    skipped: row.skipped,
    failed: row.failed,
    ratePerSecond: row.ratePerSecond,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
  };
}

/** The tenant's batches, newest first. */
export async function listBatches(deps: EngineDeps, ctx: TenantContext): Promise<BatchView[]> {
  const rows = await deps.prisma.batch.findMany({
    where: { tenantId: ctx.tenantId },
    orderBy: { createdAt: 'desc' },
    take: 100,
  });
  return rows.map(toView);
}

/** One batch with its items (every instance's result), in the order it acts. */
export async function getBatch(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: BatchItemsInput,
): Promise<
  BatchView & { items: { instanceId: string; status: string; message: string | null; updatedAt: Date | null }[] }
> {
  const input = parseInput(batchItemsInput, raw);
  const row = await deps.prisma.batch.findFirst({ where: { id: input.batchId, tenantId: ctx.tenantId } });
  if (!row) throw new EngineError('NOT_FOUND', `batch ${input.batchId} was not found`);
  const items = await deps.prisma.batchItem.findMany({
    where: { batchId: row.id, ...(input.status ? { status: input.status } : {}) },
    orderBy: { ordinal: 'asc' },
    take: input.limit,
    select: { instanceId: true, status: true, message: true, updatedAt: true },
  });
  return { ...toView(row), items };
}

/** The statuses each command applies to, and the status it leaves. */
const COMMAND_FROM: Record<BatchCommand, BatchStatus[]> = {
  pause: ['running'],
  resume: ['paused'],
  abort: ['running', 'paused'],
};
const COMMAND_TO: Record<BatchCommand, BatchStatus> = { pause: 'paused', resume: 'running', abort: 'aborted' };

/** Pauses, resumes or aborts a batch; each with a reason. Abort is recorded in the audit log with the counts. */
export async function controlBatch(
  deps: EngineDeps,
  ctx: TenantContext,
  command: BatchCommand,
  raw: BatchControlInput,
): Promise<BatchView> {
  const input = parseInput(batchControlInput, raw);
  const now = deps.clock();
  const from = COMMAND_FROM[command];
  const to = COMMAND_TO[command];
  const message = command === 'resume' ? runMessage(ctx.tenantId, input.batchId, now) : null;
  const row = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.batch.updateMany({
      where: { id: input.batchId, tenantId: ctx.tenantId, status: { in: from } },
      data: { status: to, ...(to === 'aborted' ? { finishedAt: now } : {}) },
    });
    const batch = await tx.batch.findFirst({ where: { id: input.batchId, tenantId: ctx.tenantId } });
    if (!batch) throw new EngineError('NOT_FOUND', `batch ${input.batchId} was not found`);
    if (count === 0)
      throw new EngineError('CONFLICT', `batch ${input.batchId} is ${batch.status}; it cannot be ${command}d`);
    if (message) await insertRunMessage(tx, message);
    if (to === 'aborted') await auditBatchEnd(tx, ctx, batch, input.reason);
    return batch;
  });
  if (message) await deps.publisher.publishOrDefer([message], now);
  return toView(row);
}

/** The batch's one audit entry: who, why, the query and the counts, written when it ends (completed or aborted). */
export async function auditBatchEnd(
  tx: Parameters<typeof recordAudit>[0],
  ctx: TenantContext,
  batch: {
    id: string;
    action: string;
    params: unknown;
    query: unknown;
    reason: string;
    createdBy: string;
    status: string;
    total: number;
    succeeded: number;
    skipped: number;
    failed: number;
  },
  endedBecause: string | null,
): Promise<void> {
  await recordAudit(tx, ctx, {
    action: `batch.${batch.status}`,
    targetType: 'batch',
    targetId: batch.id,
    reason: batch.reason,
    payload: {
      action: batch.action,
      params: batch.params,
      query: batch.query,
      queryString: filterToParams(batch.query as InstanceFilter).toString(),
      startedBy: batch.createdBy,
      counts: {
        total: batch.total,
        succeeded: batch.succeeded,
        skipped: batch.skipped,
        failed: batch.failed,
        notActedOn: batch.total - batch.succeeded - batch.skipped - batch.failed,
      },
      ...(endedBecause ? { abortReason: endedBecause } : {}),
    },
  });
}
