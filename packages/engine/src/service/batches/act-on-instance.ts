import type { TenantContext } from '../../contracts/actor';
import { isEngineError } from '../../errors';
import { ORCHESTRATOR_QUEUE } from '../../contracts/jobs';
import type { EngineDeps } from '../../deps/engine-deps';
import { cancelInstance, retryTask } from '../operator-actions';
import { sendEvent } from '../commands';
import { migrateInstance } from '../instance-ops/migrate';
import { moveInstance } from '../instance-ops/move';
import { pauseInstance, resumeInstance } from '../instance-ops/pause';
import { migrationOutcome } from '../instance-ops/migrate-plan';
import type { BatchAction, BatchItemStatus } from '../../contracts/batches';
import { outcomeFor } from './batch-actions';
import { instanceFacts } from './instance-facts';

export type ItemResult = { status: Extract<BatchItemStatus, 'succeeded' | 'skipped' | 'failed'>; message: string };

/**
 * Whether this batch already acted on the instance: every action records the batch id in the same transaction as
 * its change (a timeline entry, or the event's outbox row for `send`). A runner killed between acting and marking
 * the item finds it here and does not act twice.
 */
export async function alreadyActed(deps: EngineDeps, batchId: string, instanceId: string): Promise<boolean> {
  const rows = await deps.prisma.$queryRaw<{ acted: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "WorkflowEvent" WHERE "instanceId" = ${instanceId}::uuid AND payload->>'batchId' = ${batchId})
      OR EXISTS (SELECT 1 FROM "Outbox" WHERE queue = ${ORCHESTRATOR_QUEUE} AND payload->>'instanceId' = ${instanceId} AND payload->>'batchId' = ${batchId}) AS acted`;
  return rows[0]?.acted === true;
}

/** Acts on one instance as the batch's operator: re-checks what the preview promised, then acts or skips. */
export async function actOnInstance(
  deps: EngineDeps,
  ctx: TenantContext,
  batch: { id: string; action: BatchAction; reason: string },
  instanceId: string,
): Promise<ItemResult> {
  const [facts] = await instanceFacts(deps, ctx.tenantId, [instanceId]);
  if (!facts) return { status: 'skipped', message: 'the instance no longer exists' };
  const { action } = batch;
  const extra =
    action.action === 'migrate' ? await migrationOutcome(deps, ctx, action, [facts.definitionKey]) : undefined;
  const outcome = outcomeFor(action, facts, extra);
  if (!outcome.act) return { status: 'skipped', message: outcome.text };
  const common = { instanceId, reason: batch.reason, batchId: batch.id };
  try {
    switch (action.action) {
      case 'cancel':
        await cancelInstance(deps, ctx, common);
        break;
      case 'retry': {
        const failed = await deps.prisma.task.findMany({
          where: { instanceId, tenantId: ctx.tenantId, status: 'failed' },
          select: { id: true },
        });
        for (const task of failed)
          await retryTask(deps, ctx, { taskId: task.id, reason: batch.reason, batchId: batch.id });
        break;
      }
      case 'send':
        await sendEvent(deps, ctx, { ...common, type: action.event, payload: action.payload });
        break;
      case 'move':
        await moveInstance(deps, ctx, { ...common, state: action.state, ...(action.via ? { via: action.via } : {}) });
        break;
      case 'pause':
        await pauseInstance(deps, ctx, common);
        break;
      case 'resume':
        await resumeInstance(deps, ctx, common);
        break;
      case 'migrate':
        await migrateInstance(deps, ctx, {
          ...common,
          toVersion: action.toVersion,
          stateMap: action.stateMap,
          contextSet: action.contextSet,
          tasks: action.tasks,
        });
        break;
    }
  } catch (error) {
    // A refusal (the instance moved on since the preview, bad input for this one) is this item's result; anything
    // else (the database went away) stops the run, which BullMQ retries.
    if (isEngineError(error) && error.code !== 'INTERNAL') return { status: 'failed', message: error.message };
    throw error;
  }
  return { status: 'succeeded', message: done(outcome.text) };
}

/** The preview's promise in the past tense: "will retry x" → "retried x". */
function done(text: string): string {
  return text
    .replace(/^will be /, '')
    .replace(/^will retry /, 'retried ')
    .replace(/^will receive /, 'sent ')
    .replace(/^will move /, 'moved ')
    .replace(/^will /, '');
}
