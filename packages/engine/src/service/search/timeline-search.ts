import type { TenantContext } from '../../contracts/actor';
import { EngineError } from '../../errors';
import { Prisma } from '../../generated/prisma/client';
import type { JsonValue } from '../../json';
import type { EngineDeps } from '../../deps/engine-deps';
import { timelineSearchSchema, type TimelineSearchInput } from '../../search';
import { resolveStartInput } from '../../store/start-input';
import { parseInput } from '../parse-input';
import type { TimelineItem } from '../queries';
import { escapeLike } from './instance-where';

/** A context.changed entry one of whose changes is at `path`, under it, or at a parent of it (see pathTouches). */
function touches(path: string): Prisma.Sql {
  return Prisma.sql`(e.type = 'context.changed' AND EXISTS (
    SELECT 1 FROM jsonb_array_elements(CASE jsonb_typeof(e.payload -> 'changes') WHEN 'array' THEN e.payload -> 'changes' ELSE '[]'::jsonb END) c
    WHERE c ->> 'path' = ${path}
       OR left(c ->> 'path', ${path.length + 1}) = ${`${path}.`}
       OR left(${path}, length(c ->> 'path') + 1) = (c ->> 'path') || '.'))`;
}

/**
 * One instance's timeline entries matching every given test, in sequence order, and — when a path is given —
 * the sequence number of the first entry that changed it ("jump to the first change").
 */
export async function searchTimeline(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: TimelineSearchInput,
): Promise<{ entries: TimelineItem[]; firstChangeSeq: number | null }> {
  const input = parseInput(timelineSearchSchema, raw);
  const exists = await deps.prisma.workflowInstance.count({ where: { id: input.instanceId, tenantId: ctx.tenantId } });
  if (!exists) throw new EngineError('NOT_FOUND', `instance ${input.instanceId} was not found`);
  const scope = Prisma.sql`e."instanceId" = ${input.instanceId}::uuid AND e."tenantId" = ${ctx.tenantId}`;
  const parts: Prisma.Sql[] = [scope];
  if (input.types?.length) parts.push(Prisma.sql`e.type IN (${Prisma.join(input.types)})`);
  if (input.text)
    parts.push(
      Prisma.sql`(e.type || ' ' || coalesce(e."stateValue", '') || ' ' || e.payload::text) ILIKE ${`%${escapeLike(input.text)}%`}`,
    );
  if (input.actor)
    parts.push(Prisma.sql`(e."actorType" || ':' || e."actorId") ILIKE ${`%${escapeLike(input.actor)}%`}`);
  if (input.path) parts.push(touches(input.path));
  const rows = await deps.prisma.$queryRaw<(Omit<TimelineItem, 'payload'> & { payload: JsonValue })[]>`
    SELECT e.seq, e.type, e."actorType", e."actorId", e."stateValue", e."taskId", e.payload, e."traceId", e."createdAt"
    FROM "WorkflowEvent" e WHERE ${Prisma.join(parts, ' AND ')} ORDER BY e.seq LIMIT ${input.limit}`;
  let firstChangeSeq: number | null = null;
  if (input.path) {
    const first = await deps.prisma.$queryRaw<
      { seq: number | null }[]
    >`SELECT min(e.seq) AS seq FROM "WorkflowEvent" e WHERE ${scope} AND ${touches(input.path)}`;
    firstChangeSeq = first[0]?.seq ?? null;
  }
  // Entries of the start refer to the start input rather than copying it: put it back, as getTimeline does.
  const entries = await resolveStartInput(rows, async () => {
    const instance = await deps.prisma.workflowInstance.findFirst({
      where: { id: input.instanceId, tenantId: ctx.tenantId },
      select: { input: true },
    });
    return (instance?.input ?? {}) as JsonValue;
  });
  return { entries, firstChangeSeq };
}
