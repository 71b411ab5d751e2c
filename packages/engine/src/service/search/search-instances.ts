import type { TenantContext } from '../../contracts/actor';
import { EngineError } from '../../errors';
import { Prisma } from '../../generated/prisma/client';
import type { EngineDeps } from '../../deps/engine-deps';
import {
  instanceFilterSchema,
  SEARCH_LIMITS,
  searchInstancesInput,
  type InstanceFilter,
  type SearchInstancesInput,
} from '../../search';
import { parseInput } from '../parse-input';
import type { InstanceSummary } from '../queries';
import { instanceWhere } from './instance-where';

export interface InstanceSearchItem extends InstanceSummary {
  /** When it entered its current state. */
  stateEnteredAt: Date;
}

// Keyset pagination over (createdAt desc, id desc), the same cursor shape as listInstances.
function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime()))
    throw new EngineError('BAD_INPUT', 'cursor: expected a cursor returned by a previous page');
  return { createdAt, id };
}

/** A page of instances matching every filter, newest first; `nextCursor` is null on the last page. */
export async function searchInstances(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: SearchInstancesInput,
): Promise<{ items: InstanceSearchItem[]; nextCursor: string | null }> {
  const input = parseInput(searchInstancesInput, raw);
  const where = instanceWhere(ctx.tenantId, input, deps.clock());
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const after = cursor
    ? Prisma.sql`AND (i."createdAt", i.id) < (${cursor.createdAt}, ${cursor.id}::uuid)`
    : Prisma.empty;
  const rows = await deps.prisma.$queryRaw<InstanceSearchItem[]>`
    SELECT i.id, i."definitionKey", i."definitionVersion", i."businessKey", i.status::text AS status, i."stateValue", i.version,
      i."createdAt", i."updatedAt", i."completedAt", i."pausedAt", i."stateEnteredAt"
    FROM "WorkflowInstance" i
    WHERE ${where} ${after}
    ORDER BY i."createdAt" DESC, i.id DESC
    LIMIT ${input.limit + 1}`;
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
}

/**
 * How many instances match, counted exactly up to SEARCH_LIMITS.countCap; above it `capped` is true and the
 * console shows "10,000+". Counting stops early instead of scanning the whole tenant for a number nobody reads.
 */
export async function countInstances(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: InstanceFilter,
): Promise<{ count: number; capped: boolean }> {
  const input = parseInput(instanceFilterSchema, raw);
  const where = instanceWhere(ctx.tenantId, input, deps.clock());
  const rows = await deps.prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM (SELECT 1 FROM "WorkflowInstance" i WHERE ${where} LIMIT ${SEARCH_LIMITS.countCap + 1}) matched`;
  const count = rows[0]?.count ?? 0;
  return { count: Math.min(count, SEARCH_LIMITS.countCap), capped: count > SEARCH_LIMITS.countCap };
}
