import { incidentsInput, incidentWindows, type IncidentsInput } from '../../contracts/queries';
import type { TenantContext } from '../../contracts/actor';
import { Prisma } from '../../generated/prisma/client';
import type { EngineDeps } from '../../deps/engine-deps';
import { parseInput } from '../parse-input';

export interface IncidentGroup {
  /** The normalised error (sy_error_signature / errorSignature): what the group is keyed by. */
  signature: string;
  /** The most recent raw error of the group. */
  example: string;
  failedTasks: number;
  instances: number;
  /** Of those instances, how many are failed right now (the rest were resumed, retried or handled the failure). */
  failedInstances: number;
  firstSeen: Date;
  lastSeen: Date;
  /** "order-review v3", sorted. */
  versions: string[];
  taskTypes: string[];
  /** Failed tasks per hour of the window, oldest hour first. */
  hourly: number[];
}

const MAX_GROUPS = 100;

/**
 * Failed tasks of the window grouped by normalised error signature, the largest group first, with the
 * instances, definition versions and task types each touched and a per-hour count for a sparkline.
 */
export async function listIncidents(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: IncidentsInput,
): Promise<{ from: Date; to: Date; groups: IncidentGroup[] }> {
  const input = parseInput(incidentsInput, raw);
  const hours = incidentWindows[input.window];
  const to = deps.clock();
  // Whole hours, so the buckets line up with the clock.
  const from = new Date(Math.floor(to.getTime() / 3_600_000) * 3_600_000 - (hours - 1) * 3_600_000);
  const definition = input.definitionKey ? Prisma.sql`AND i."definitionKey" = ${input.definitionKey}` : Prisma.empty;
  const rows = await deps.prisma.$queryRaw<(Omit<IncidentGroup, 'hourly'> & { hourly: [number, number][] })[]>`
    WITH failed AS MATERIALIZED (
      SELECT t."instanceId", t.type, coalesce(t."lastError", '(no error message)') AS error, coalesce(t."finishedAt", t."updatedAt") AS at,
        i."definitionKey", i."definitionVersion", i.status AS "instanceStatus",
        sy_error_signature(coalesce(t."lastError", '(no error message)')) AS signature
      FROM "Task" t JOIN "WorkflowInstance" i ON i.id = t."instanceId"
      WHERE t."tenantId" = ${ctx.tenantId} AND t.status = 'failed' AND coalesce(t."finishedAt", t."updatedAt") >= ${from}::timestamp ${definition}
    ), groups AS (
      SELECT signature, count(*)::int AS "failedTasks", count(DISTINCT "instanceId")::int AS instances,
        (count(DISTINCT "instanceId") FILTER (WHERE "instanceStatus" = 'failed'))::int AS "failedInstances",
        min(at) AS "firstSeen", max(at) AS "lastSeen", (array_agg(error ORDER BY at DESC))[1] AS example,
        array_agg(DISTINCT "definitionKey" || ' v' || "definitionVersion") AS versions, array_agg(DISTINCT type) AS "taskTypes"
      FROM failed GROUP BY signature ORDER BY count(*) DESC, max(at) DESC LIMIT ${MAX_GROUPS}
    ), hourly AS (
      SELECT signature, floor(extract(epoch FROM (at - ${from}::timestamp)) / 3600)::int AS hour, count(*)::int AS n FROM failed GROUP BY 1, 2
    )
    SELECT g.*, coalesce((SELECT json_agg(json_build_array(h.hour, h.n)) FROM hourly h WHERE h.signature = g.signature), '[]'::json) AS hourly
    FROM groups g ORDER BY g."failedTasks" DESC, g."lastSeen" DESC`;
  const groups = rows.map((row) => {
    const hourly = Array.from({ length: hours }, () => 0);
    for (const [hour, n] of row.hourly) if (hour >= 0 && hour < hours) hourly[hour] = n;
    return { ...row, versions: [...row.versions].sort(), taskTypes: [...row.taskTypes].sort(), hourly };
  });
  return { from, to, groups };
}
