import type { TenantContext } from '../../contracts/actor';
import { EngineError } from '../../errors';
import type { OutboxMessage } from '../../store/outbox';
import { lockInstance, writeInstance, type LockedInstance } from '../../store/sql/instance-statements';
import type { SqlClient } from '../../store/sql/transaction';
import { timelineRows, type TimelineEntry } from '../../store/timeline';

/** Locks an instance of the caller's tenant for an operator action (the same lock the apply path takes). */
export async function lockForAction(
  client: SqlClient,
  ctx: TenantContext,
  instanceId: string,
): Promise<LockedInstance> {
  const locked = await lockInstance(client, { tenantId: ctx.tenantId, instanceId });
  if (!locked) throw new EngineError('NOT_FOUND', `instance ${instanceId} was not found`);
  return locked.instance;
}

/** Appends entries (and outbox rows) to a locked instance's timeline; returns the new lastSeq. */
export async function appendEntries(
  client: SqlClient,
  instance: Pick<LockedInstance, 'id' | 'tenantId' | 'lastSeq' | 'stateValue'>,
  entries: TimelineEntry[],
  now: Date,
  outbox: OutboxMessage[] = [],
): Promise<number> {
  const { rows, lastSeq } = timelineRows(instance, entries);
  await writeInstance(client, {
    tenantId: instance.tenantId,
    instanceId: instance.id,
    now,
    lastSeq,
    timeline: rows,
    outbox,
    tasks: [],
  });
  return lastSeq;
}

/** `{ batchId }` for an entry written by a batch step, so each instance's timeline names its batch. */
export function batchTag(batchId: string | undefined): { batchId?: string } {
  return batchId ? { batchId } : {};
}
