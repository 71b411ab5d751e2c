import { Prisma } from '../../generated/prisma/client';
import type { EngineDeps } from '../../deps/engine-deps';
import type { InstanceFilter } from '../../search';
import { SEARCH_LIMITS } from '../../search';
import { instanceWhere } from '../search/instance-where';
import type { InstanceFacts } from './batch-actions';

/** Most instances one batch acts on: the list's exact count cap, so the preview's count is the batch's. */
export const BATCH_MAX_INSTANCES = SEARCH_LIMITS.countCap;

/** The ids a filter matches, oldest first (the order a batch acts in), up to one more than the cap. */
export async function matchingIds(
  deps: EngineDeps,
  tenantId: string,
  filter: InstanceFilter,
): Promise<{ ids: string[]; capped: boolean }> {
  const where = instanceWhere(tenantId, filter, deps.clock());
  const rows = await deps.prisma.$queryRaw<{ id: string }[]>`
    SELECT i.id FROM "WorkflowInstance" i WHERE ${where} ORDER BY i."createdAt", i.id LIMIT ${BATCH_MAX_INSTANCES + 1}`;
  return { ids: rows.slice(0, BATCH_MAX_INSTANCES).map((r) => r.id), capped: rows.length > BATCH_MAX_INSTANCES };
}

/** What a batch needs to know about each instance, in the order of `ids`. */
export async function instanceFacts(deps: EngineDeps, tenantId: string, ids: string[]): Promise<InstanceFacts[]> {
  if (ids.length === 0) return [];
  const rows = await deps.prisma.$queryRaw<InstanceFacts[]>`
    SELECT i.id, i."businessKey", i."definitionKey", i."definitionVersion", i.status::text AS status, i."stateValue",
      i."pausedAt" IS NOT NULL AS paused,
      COALESCE((SELECT array_agg(t.name ORDER BY t."createdAt") FROM "Task" t WHERE t."instanceId" = i.id AND t.status = 'failed'), '{}') AS "failedTasks",
      (SELECT count(*) FROM "Task" t WHERE t."instanceId" = i.id AND t.status IN ('queued', 'running'))::int AS "pendingTasks"
    FROM "WorkflowInstance" i WHERE i."tenantId" = ${tenantId} AND i.id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
