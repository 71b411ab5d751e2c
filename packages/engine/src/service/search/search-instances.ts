import type { TenantContext } from '../../actor';
import { EngineError } from '../../errors';
import { Prisma } from '../../generated/prisma/client';
import type { EngineDeps } from '../../runtime/engine-deps';
import { instanceFilterSchema, SEARCH_LIMITS, searchInstancesInput, type InstanceFilter, type SearchInstancesInput } from '../../search';
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
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) throw new EngineError('BAD_INPUT', 'cursor: expected a cursor returned by a previous page');
  return { createdAt, id };
}

const SELECT_COLUMNS = Prisma.sql`i.id, i."definitionKey", i."definitionVersion", i."businessKey", i.status::text AS status, i."stateValue",
  i.version, i."createdAt", i."updatedAt", i."completedAt", i."stateEnteredAt"`;

// How many of the newest instances the first pass reads (see searchInstances); tests pass a smaller one.
const PROBE_ROWS = 2_000;

/**
 * A page of instances matching every filter, newest first; `nextCursor` is null on the last page.
 *
 * Two passes, because Postgres cannot know how common a JSON value is (it estimates every @> at 0.1%): a common
 * value ("tier = gold", a quarter of the tenant) is found fastest by walking the newest instances and testing
 * each, a rare one ("orderId = ord-4242") through the GIN index. The first pass tests only the PROBE_ROWS newest
 * instances after the cursor; when that fills the page it is the answer (the newest matches are among the newest
 * rows). Otherwise the second pass lets the planner search everything older than the probed window.
 */
export async function searchInstances(deps: EngineDeps, ctx: TenantContext, raw: SearchInstancesInput, probeRows = PROBE_ROWS): Promise<{ items: InstanceSearchItem[]; nextCursor: string | null }> {
  const input = parseInput(searchInstancesInput, raw);
  const where = instanceWhere(ctx.tenantId, input, deps.clock());
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const after = cursor ? Prisma.sql`AND (i."createdAt", i.id) < (${cursor.createdAt}, ${cursor.id}::uuid)` : Prisma.empty;
  const want = input.limit + 1;
  const window = Prisma.sql`SELECT * FROM "WorkflowInstance" i WHERE i."tenantId" = ${ctx.tenantId} ${after} ORDER BY i."createdAt" DESC, i.id DESC LIMIT ${probeRows}`;
  let rows = await deps.prisma.$queryRaw<InstanceSearchItem[]>`
    SELECT ${SELECT_COLUMNS} FROM (${window}) i WHERE ${where} ORDER BY i."createdAt" DESC, i.id DESC LIMIT ${want}`;
  if (rows.length < want) {
    const edge = await deps.prisma.$queryRaw<{ createdAt: Date; id: string; n: number }[]>`
      SELECT w."createdAt", w.id, (count(*) OVER ())::int AS n FROM (${window}) w ORDER BY w."createdAt", w.id LIMIT 1`;
    const oldest = edge[0];
    // A full window that did not fill the page: the rest of the tenant, older than the window, through the planner's choice of index.
    if (oldest && oldest.n === probeRows) {
      const rest = await deps.prisma.$queryRaw<InstanceSearchItem[]>`
        SELECT ${SELECT_COLUMNS} FROM "WorkflowInstance" i
        WHERE ${where} AND (i."createdAt", i.id) < (${oldest.createdAt}, ${oldest.id}::uuid)
        ORDER BY i."createdAt" DESC, i.id DESC LIMIT ${want - rows.length}`;
      rows = [...rows, ...rest];
    }
  }
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
}

/**
 * How many instances match, counted exactly up to SEARCH_LIMITS.countCap; above it `capped` is true and the
 * console shows "10,000+". Counting stops early instead of scanning the whole tenant for a number nobody reads.
 */
export async function countInstances(deps: EngineDeps, ctx: TenantContext, raw: InstanceFilter): Promise<{ count: number; capped: boolean }> {
  const input = parseInput(instanceFilterSchema, raw);
  const where = instanceWhere(ctx.tenantId, input, deps.clock());
  const rows = await deps.prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM (SELECT 1 FROM "WorkflowInstance" i WHERE ${where} LIMIT ${SEARCH_LIMITS.countCap + 1}) matched`;
  const count = rows[0]?.count ?? 0;
  return { count: Math.min(count, SEARCH_LIMITS.countCap), capped: count > SEARCH_LIMITS.countCap };
}
