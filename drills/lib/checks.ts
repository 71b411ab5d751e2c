import { progress, sleep, type Stack } from '@switchyard/testkit';
import type { DrillResult } from './result';

export interface Expectation {
  /** Final states an instance may end in (status completed). */
  finalStates: string[];
  /** Exact number of `transition` entries per instance, when the drill knows it. */
  transitions?: number | ((instanceId: string) => number);
}

/** Polls Postgres until every instance is completed in an expected final state; returns how many are not. */
export async function waitForFinal(
  stack: Stack,
  ids: string[],
  finalStates: string[],
  deadlineMs: number,
  label: string,
): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const notFinal = await countNotFinal(stack, ids, finalStates).catch(() => ids.length);
    progress(label, ids.length - notFinal, ids.length);
    if (notFinal === 0 || Date.now() > deadline) return notFinal;
    await sleep(200);
  }
}

async function countNotFinal(stack: Stack, ids: string[], finalStates: string[]): Promise<number> {
  const { rows } = await stack.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "WorkflowInstance" WHERE id = ANY($1::uuid[]) AND status = 'completed' AND "stateValue" = ANY($2::text[])`,
    [ids, finalStates],
  );
  return ids.length - (rows[0]?.n ?? 0);
}

interface TaskRow {
  id: string;
  status: string;
  attempts: number;
  started: number;
  succeeded: number;
  attemptFailed: number;
  failed: number;
  leaseExpired: number;
  discarded: number;
}

/**
 * The invariants every drill ends with, read from Postgres: nothing lost or stuck, no transition applied twice,
 * gap-free sequences, and every task attempt visible in the timeline.
 */
export async function verifyInstances(
  stack: Stack,
  ids: string[],
  expect: Expectation,
): Promise<Pick<DrillResult, 'lost' | 'duplicates' | 'checks'>> {
  const checks: DrillResult['checks'] = [];
  const lost = await countNotFinal(stack, ids, expect.finalStates);
  checks.push({
    what: `all ${ids.length} instances completed in ${expect.finalStates.join('|')}`,
    ok: lost === 0,
    detail: lost ? `${lost} lost or stuck` : undefined,
  });

  const { rows: repeated } = await stack.sql.query<{ m: string; n: number }>(
    `
    SELECT payload->>'messageId' AS m, count(*)::int AS n FROM "WorkflowEvent"
    WHERE "instanceId" = ANY($1::uuid[]) AND type = 'event.received' AND payload->>'messageId' IS NOT NULL
    GROUP BY 1 HAVING count(*) > 1`,
    [ids],
  );
  let duplicates = repeated.reduce((sum, r) => sum + r.n - 1, 0);
  checks.push({
    what: 'each delivered message (event.received messageId) appears once',
    ok: repeated.length === 0,
    detail: repeated.length ? `${repeated.length} messages applied more than once, e.g. ${repeated[0]!.m}` : undefined,
  });

  if (expect.transitions !== undefined) {
    const { rows } = await stack.sql.query<{ id: string; n: number }>(
      `
      SELECT i.id, count(e.id) FILTER (WHERE e.type = 'transition')::int AS n
      FROM "WorkflowInstance" i LEFT JOIN "WorkflowEvent" e ON e."instanceId" = i.id
      WHERE i.id = ANY($1::uuid[]) GROUP BY i.id`,
      [ids],
    );
    const expected = (id: string) =>
      typeof expect.transitions === 'function' ? expect.transitions(id) : expect.transitions!;
    const extra = rows.filter((r) => r.n > expected(r.id));
    const missing = rows.filter((r) => r.n < expected(r.id));
    duplicates += extra.reduce((sum, r) => sum + r.n - expected(r.id), 0);
    checks.push({
      what: 'transition count per instance matches the expected count',
      ok: extra.length + missing.length === 0,
      detail:
        extra.length + missing.length ? `${extra.length} with too many, ${missing.length} with too few` : undefined,
    });
  }

  const { rows: gaps } = await stack.sql.query<{ id: string }>(
    `
    SELECT i.id FROM "WorkflowInstance" i
    JOIN (SELECT "instanceId", count(*)::int AS c, min(seq) AS mn, max(seq) AS mx FROM "WorkflowEvent" WHERE "instanceId" = ANY($1::uuid[]) GROUP BY 1) e ON e."instanceId" = i.id
    WHERE NOT (e.c = e.mx AND e.mn = 1 AND i."lastSeq" = e.mx)`,
    [ids],
  );
  checks.push({
    what: 'sequence numbers gap-free per instance (1..lastSeq)',
    ok: gaps.length === 0,
    detail: gaps.length ? `${gaps.length} instances, e.g. ${gaps[0]!.id}` : undefined,
  });

  const { rows: tasks } = await stack.sql.query<TaskRow>(
    `
    SELECT t.id, t.status::text AS status, t.attempts,
      count(e.id) FILTER (WHERE e.type = 'task.started')::int AS started,
      count(e.id) FILTER (WHERE e.type = 'task.succeeded')::int AS succeeded,
      count(e.id) FILTER (WHERE e.type = 'task.attempt_failed')::int AS "attemptFailed",
      count(e.id) FILTER (WHERE e.type = 'task.failed')::int AS failed,
      count(e.id) FILTER (WHERE e.type = 'task.lease_expired')::int AS "leaseExpired",
      count(e.id) FILTER (WHERE e.type = 'task.output_discarded')::int AS discarded
    FROM "Task" t LEFT JOIN "WorkflowEvent" e ON e."taskId" = t.id AND e."instanceId" = t."instanceId"
    WHERE t."instanceId" = ANY($1::uuid[]) GROUP BY t.id`,
    [ids],
  );
  const doubleSuccess = tasks.filter((t) => t.succeeded > 1);
  duplicates += doubleSuccess.length;
  const badOutcome = tasks.filter(
    (t) =>
      (t.status === 'succeeded' && t.succeeded !== 1) ||
      (t.status === 'failed' && t.failed !== 1) ||
      !['succeeded', 'failed'].includes(t.status),
  );
  checks.push({
    what: `every task (${tasks.length}) succeeded once or failed once`,
    ok: badOutcome.length === 0,
    detail: badOutcome.length ? `${badOutcome.length} tasks, e.g. ${JSON.stringify(badOutcome[0])}` : undefined,
  });
  // Each started attempt must end visibly: succeeded, failed (retrying or final), lease expired, or output discarded.
  const invisible = tasks.filter(
    (t) =>
      t.started !== t.succeeded + t.attemptFailed + t.failed + t.leaseExpired + t.discarded ||
      t.attempts !== t.started - t.leaseExpired,
  );
  const retried = tasks.filter((t) => t.started > 1).length;
  checks.push({
    what: `every attempt visible in the timeline (${retried} tasks ran more than once)`,
    ok: invisible.length === 0,
    detail: invisible.length ? `${invisible.length} tasks, e.g. ${JSON.stringify(invisible[0])}` : undefined,
  });
  return { lost, duplicates, checks };
}
