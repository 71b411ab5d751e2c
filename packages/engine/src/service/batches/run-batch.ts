import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor, TenantContext } from '../../contracts/actor';
import type { EngineDeps } from '../../deps/engine-deps';
import { actOnInstance, alreadyActed, type ItemResult } from './act-on-instance';
import { batchActionSchema } from '../../contracts/batches';
import { auditBatchEnd } from './batches';

export type RunOutcome = 'completed' | 'paused' | 'aborted' | 'missing';

/** Marks an item done and adds it to the batch's counts, in one statement (so the counts are the items'). */
async function record(deps: EngineDeps, batchId: string, ordinal: number, result: ItemResult, now: Date) {
  await deps.prisma.$executeRaw`
    WITH item AS (
      UPDATE "BatchItem" SET status = ${result.status}, message = ${result.message.slice(0, 2_000)}, "updatedAt" = ${now}
      WHERE "batchId" = ${batchId}::uuid AND ordinal = ${ordinal} AND status = 'running' RETURNING 1
    )
    UPDATE "Batch" SET "updatedAt" = ${now},
      succeeded = succeeded + CASE WHEN ${result.status} = 'succeeded' THEN 1 ELSE 0 END,
      skipped = skipped + CASE WHEN ${result.status} = 'skipped' THEN 1 ELSE 0 END,
      failed = failed + CASE WHEN ${result.status} = 'failed' THEN 1 ELSE 0 END
    WHERE id = ${batchId}::uuid AND EXISTS (SELECT 1 FROM item)`;
}

/** Takes the next pending item (or one a killed runner left `running`), oldest first. */
async function nextItem(deps: EngineDeps, batchId: string) {
  const rows = await deps.prisma.$queryRaw<{ ordinal: number; instanceId: string; resumed: boolean }[]>`
    WITH next AS (
      SELECT ordinal, status FROM "BatchItem" WHERE "batchId" = ${batchId}::uuid AND status IN ('running', 'pending')
      ORDER BY (status = 'running') DESC, ordinal LIMIT 1 FOR UPDATE
    )
    UPDATE "BatchItem" b SET status = 'running' FROM next WHERE b."batchId" = ${batchId}::uuid AND b.ordinal = next.ordinal
    RETURNING b.ordinal, b."instanceId", next.status = 'running' AS resumed`;
  return rows[0];
}

/**
 * Runs a batch until it completes, or until an operator pauses or aborts it (checked before every instance). One
 * runner per batch at a time (one BullMQ job); a runner killed mid-item leaves it `running`, and the next run finds out
 * whether the action committed (alreadyActed) before acting, so every instance is acted on once.
 */
export async function runBatch(
  deps: EngineDeps,
  batchId: string,
  options: { signal?: AbortSignal } = {},
): Promise<RunOutcome> {
  const batch = await deps.prisma.batch.findUnique({ where: { id: batchId } });
  if (!batch) return 'missing';
  const ctx: TenantContext = { tenantId: batch.tenantId, actor: batch.actor as Actor };
  const action = batchActionSchema.parse(batch.params);
  const spacingMs = 1_000 / batch.ratePerSecond;
  let nextAt = Date.now();
  for (;;) {
    const { status } = await deps.prisma.batch.findUniqueOrThrow({ where: { id: batchId }, select: { status: true } });
    if (status !== 'running') return status === 'completed' ? 'completed' : status;
    if (options.signal?.aborted) return 'paused';
    const item = await nextItem(deps, batchId);
    if (!item) break;
    // Rate limit: at most ratePerSecond instances a second, however fast each one is.
    const wait = nextAt - Date.now();
    if (wait > 0) await sleep(wait);
    nextAt = Math.max(nextAt + spacingMs, Date.now());
    const result =
      item.resumed && (await alreadyActed(deps, batchId, item.instanceId))
        ? { status: 'succeeded' as const, message: 'acted on before the runner restarted' }
        : await actOnInstance(deps, ctx, { id: batchId, action, reason: batch.reason }, item.instanceId);
    await record(deps, batchId, item.ordinal, result, deps.clock());
  }
  const now = deps.clock();
  await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.batch.updateMany({
      where: { id: batchId, status: 'running' },
      data: { status: 'completed', finishedAt: now },
    });
    if (count === 0) return;
    const done = await tx.batch.findUniqueOrThrow({ where: { id: batchId } });
    await auditBatchEnd(tx, ctx, done, null);
  });
  return 'completed';
}
