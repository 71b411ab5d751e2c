// Aggregates for the console overview. Raw SQL because each is one grouped scan over an index
// (tenantId + status / type + createdAt); they stay cheap with hundreds of thousands of rows.
import {
  recentFailuresInput,
  throughputInput,
  type RecentFailuresInput,
  type ThroughputInput,
} from '../contracts/queries';
import type { TenantContext } from '../contracts/actor';
import type { JsonValue } from '../json';
import type { EngineDeps } from '../deps/engine-deps';
import { parseInput } from './parse-input';

export interface StatusCount {
  status: string;
  count: number;
}

/** Instances in the tenant per status. */
export async function countsByStatus(deps: EngineDeps, ctx: TenantContext): Promise<StatusCount[]> {
  const rows = await deps.prisma.$queryRaw<{ status: string; count: bigint }[]>`
    SELECT status::text AS status, count(*) AS count FROM "WorkflowInstance"
    WHERE "tenantId" = ${ctx.tenantId} GROUP BY status ORDER BY status`;
  return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
}

export interface DefinitionCount {
  definitionKey: string;
  running: number;
  failed: number;
  completed: number;
  cancelled: number;
  total: number;
}

/** Instances in the tenant per definition key, split by status. */
export async function countsByDefinition(deps: EngineDeps, ctx: TenantContext): Promise<DefinitionCount[]> {
  const rows = await deps.prisma.$queryRaw<
    { definitionKey: string; running: bigint; failed: bigint; completed: bigint; cancelled: bigint; total: bigint }[]
  >`
    SELECT "definitionKey",
      count(*) FILTER (WHERE status = 'running') AS running,
      count(*) FILTER (WHERE status = 'failed') AS failed,
      count(*) FILTER (WHERE status = 'completed') AS completed,
      count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
      count(*) AS total
    FROM "WorkflowInstance" WHERE "tenantId" = ${ctx.tenantId}
    GROUP BY "definitionKey" ORDER BY total DESC, "definitionKey"`;
  return rows.map((r) => ({
    definitionKey: r.definitionKey,
    running: Number(r.running),
    failed: Number(r.failed),
    completed: Number(r.completed),
    cancelled: Number(r.cancelled),
    total: Number(r.total),
  }));
}

export interface ThroughputPoint {
  minute: Date;
  started: number;
  completed: number;
  failed: number;
}

/** Instances started / completed / failed per minute over the last `hours`, oldest first; empty minutes are zeros. */
export async function throughput(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: ThroughputInput = {},
): Promise<{ from: Date; to: Date; points: ThroughputPoint[] }> {
  const { hours } = parseInput(throughputInput, raw);
  const now = deps.clock();
  const to = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const from = new Date(to.getTime() - (hours * 60 - 1) * 60_000);
  const rows = await deps.prisma.$queryRaw<{ minute: Date; type: string; count: bigint }[]>`
    SELECT date_trunc('minute', "createdAt") AS minute, type, count(*) AS count FROM "WorkflowEvent"
    WHERE "tenantId" = ${ctx.tenantId} AND type IN ('instance.started', 'instance.completed', 'instance.failed') AND "createdAt" >= ${from}
    GROUP BY 1, 2`;
  const byMinute = new Map<number, ThroughputPoint>();
  for (let t = from.getTime(); t <= to.getTime(); t += 60_000)
    byMinute.set(t, { minute: new Date(t), started: 0, completed: 0, failed: 0 });
  for (const row of rows) {
    const point = byMinute.get(new Date(row.minute).getTime());
    if (!point) continue;
    if (row.type === 'instance.started') point.started = Number(row.count);
    else if (row.type === 'instance.completed') point.completed = Number(row.count);
    else point.failed = Number(row.count);
  }
  return { from, to, points: [...byMinute.values()] };
}

export interface RecentFailure {
  seq: number;
  type: string;
  instanceId: string;
  definitionKey: string;
  businessKey: string | null;
  instanceStatus: string;
  stateValue: string | null;
  taskId: string | null;
  taskName: string | null;
  error: string | null;
  createdAt: Date;
}

/** The latest task and instance failures, newest first, with the instance they belong to. */
export async function recentFailures(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: RecentFailuresInput = {},
): Promise<RecentFailure[]> {
  const { limit } = parseInput(recentFailuresInput, raw);
  const rows = await deps.prisma.$queryRaw<
    {
      seq: number;
      type: string;
      instanceId: string;
      definitionKey: string;
      businessKey: string | null;
      instanceStatus: string;
      stateValue: string | null;
      taskId: string | null;
      payload: JsonValue;
      createdAt: Date;
    }[]
  >`
    SELECT e.seq, e.type, e."instanceId"::text AS "instanceId", i."definitionKey", i."businessKey", i.status::text AS "instanceStatus",
      e."stateValue", e."taskId"::text AS "taskId", e.payload, e."createdAt"
    FROM "WorkflowEvent" e JOIN "WorkflowInstance" i ON i.id = e."instanceId"
    WHERE e."tenantId" = ${ctx.tenantId} AND e.type IN ('task.failed', 'instance.failed')
      -- One failure, one row: an instance that failed because a task failed is already listed by that task's row.
      AND NOT (e.type = 'instance.failed' AND e."taskId" IS NOT NULL AND EXISTS (
        SELECT 1 FROM "WorkflowEvent" t WHERE t."instanceId" = e."instanceId" AND t."taskId" = e."taskId" AND t.type = 'task.failed' AND t.seq < e.seq))
    ORDER BY e."createdAt" DESC, e.id DESC LIMIT ${limit}`;
  return rows.map((r) => {
    const payload = (r.payload ?? {}) as Record<string, JsonValue>;
    const error =
      typeof payload.error === 'string' ? payload.error : typeof payload.reason === 'string' ? payload.reason : null;
    return {
      seq: r.seq,
      type: r.type,
      instanceId: r.instanceId,
      definitionKey: r.definitionKey,
      businessKey: r.businessKey,
      instanceStatus: r.instanceStatus,
      stateValue: r.stateValue,
      taskId: r.taskId,
      taskName: typeof payload.name === 'string' ? payload.name : null,
      error,
      createdAt: r.createdAt,
    };
  });
}

export interface TasksWaiting {
  /** Queued and due now: waiting for a task runner. */
  ready: number;
  /** Queued with a future run time (delayed or backing off). */
  delayed: number;
  running: number;
  failed: number;
  oldestReadyAt: Date | null;
}

/** How much work is waiting for the task runners, and for how long the oldest due task has waited. */
export async function tasksWaiting(deps: EngineDeps, ctx: TenantContext): Promise<TasksWaiting> {
  const now = deps.clock();
  const rows = await deps.prisma.$queryRaw<
    { ready: bigint; delayed: bigint; running: bigint; failed: bigint; oldestReadyAt: Date | null }[]
  >`
    SELECT
      count(*) FILTER (WHERE status = 'queued' AND "nextRunAt" <= ${now}) AS ready,
      count(*) FILTER (WHERE status = 'queued' AND "nextRunAt" > ${now}) AS delayed,
      count(*) FILTER (WHERE status = 'running') AS running,
      count(*) FILTER (WHERE status = 'failed') AS failed,
      min("nextRunAt") FILTER (WHERE status = 'queued' AND "nextRunAt" <= ${now}) AS "oldestReadyAt"
    FROM "Task" WHERE "tenantId" = ${ctx.tenantId} AND status IN ('queued', 'running', 'failed')`;
  const row = rows[0];
  return {
    ready: Number(row?.ready ?? 0),
    delayed: Number(row?.delayed ?? 0),
    running: Number(row?.running ?? 0),
    failed: Number(row?.failed ?? 0),
    oldestReadyAt: row?.oldestReadyAt ?? null,
  };
}
