import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentiles, type Percentiles, type Stack } from '@switchyard/testkit';

/** One single-task instance's start→done, split where the time went (from the database's own timestamps). */
export interface LatencySample {
  /** When the instance was created (epoch ms): which window of the run it belongs to. */
  at: number;
  total: number;
  /** Instance created → its task claimed by a worker: the task queue, the claim, fair-share parking. */
  queued: number;
  /** Task claimed → finished: the handler. */
  ran: number;
  /** Task finished → instance completed: applying the completion event. */
  applied: number;
}

/** Start → completed latency of single-task instances, with the task's share of it; unfinished ones are left out. */
export async function latencySamples(stack: Stack, ids: string[]): Promise<LatencySample[]> {
  const { rows } = await stack.sql.query<{
    at: number;
    total: number;
    queued: number | null;
    ran: number | null;
    applied: number | null;
  }>(
    `
    SELECT extract(epoch FROM i."createdAt")::float8 * 1000 AS at,
      extract(epoch FROM i."completedAt" - i."createdAt")::float8 * 1000 AS total,
      extract(epoch FROM t."startedAt" - i."createdAt")::float8 * 1000 AS queued,
      extract(epoch FROM t."finishedAt" - t."startedAt")::float8 * 1000 AS ran,
      extract(epoch FROM i."completedAt" - t."finishedAt")::float8 * 1000 AS applied
    FROM "WorkflowInstance" i LEFT JOIN LATERAL (
      SELECT "startedAt", "finishedAt" FROM "Task" WHERE "instanceId" = i.id ORDER BY "createdAt" LIMIT 1
    ) t ON true
    WHERE i.id = ANY($1::uuid[]) AND i."completedAt" IS NOT NULL`,
    [ids],
  );
  return rows.map((r) => ({
    at: r.at,
    total: r.total,
    queued: r.queued ?? 0,
    ran: r.ran ?? 0,
    applied: r.applied ?? 0,
  }));
}

export interface LatencyReport {
  overall: Percentiles;
  /** p99 of each window of the run, in order: how steady the tail was, not just one figure. */
  windowP99: number[];
  /** Mean split of the slowest 1 % (at least one sample): where the tail's time went. */
  tail: { queued: number; ran: number; applied: number; count: number };
}

export function reportLatency(samples: LatencySample[], windowMs: number): LatencyReport {
  const overall = percentiles(samples.map((s) => s.total));
  const first = Math.min(...samples.map((s) => s.at));
  const windows: number[][] = [];
  for (const s of samples) (windows[Math.floor((s.at - first) / windowMs)] ??= []).push(s.total);
  const slowest = [...samples].sort((a, b) => b.total - a.total).slice(0, Math.max(1, Math.ceil(samples.length / 100)));
  const mean = (pick: (s: LatencySample) => number) => slowest.reduce((sum, s) => sum + pick(s), 0) / slowest.length;
  return {
    overall,
    windowP99: windows.filter((w) => w !== undefined).map((w) => percentiles(w).p99),
    tail: {
      queued: mean((s) => s.queued),
      ran: mean((s) => s.ran),
      applied: mean((s) => s.applied),
      count: slowest.length,
    },
  };
}

const ms = (value: number) => value.toFixed(0);

/** "n=300 p50/p95/p99/max 24/40/59/80 ms; p99 per 5 s 50 55 …; slowest 3: queued 30, ran 2, applied 20 ms" */
export function describeLatency(report: LatencyReport, windowMs: number): string {
  const { overall, windowP99, tail } = report;
  return (
    `n=${overall.count} p50/p95/p99/max ${ms(overall.p50)}/${ms(overall.p95)}/${ms(overall.p99)}/${ms(overall.max)} ms; ` +
    `p99 per ${windowMs / 1000} s ${windowP99.map(ms).join(' ')}; ` +
    `slowest ${tail.count}: queued ${ms(tail.queued)}, ran ${ms(tail.ran)}, applied ${ms(tail.applied)} ms`
  );
}

/** The machine's 1-minute load average, for reading a latency figure (2 cores shared with other work). */
export function machineLoad(): string {
  return loadavg()[0]!.toFixed(2);
}

/**
 * Watches this process's event loop (the drill starts both tenants' instances from it, as one API process would):
 * the returned function stops and gives "p99/max" of the delay in ms, to tell a slow API side from a slow worker.
 */
export function watchEventLoop(): () => string {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return () => {
    histogram.disable();
    return `${(histogram.percentile(99) / 1e6).toFixed(0)}/${(histogram.max / 1e6).toFixed(0)} ms`;
  };
}
