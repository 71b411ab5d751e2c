// Alert rules that watch a condition over time ("an incident rose above N in M minutes", "a decision or a state
// has waited longer than T") are evaluated here on an interval, by one worker per interval however many run (an
// IntervalClaim in Redis); each condition fires once (store/alert-firings.ts). Evaluating in every worker fired
// twice at an incident's edge: one worker's pass cleared the condition, another's, a moment behind, fired it again.
// "An instance of X failed" needs no polling: the WorkflowEvent trigger writes its delivery in the failure's own
// transaction.
import { Prisma } from '../generated/prisma/client';
import type { AlertRule } from '../generated/prisma/client';
import { AI_DECISION_TASK } from '../contracts/events';
import type { IntervalClaim } from '../queues/interval-claim';
import { clearAlertFirings, fireAlert } from '../store/alert-firings';
import type { EngineDeps } from '../deps/engine-deps';
import { runPeriodically } from './periodic';

/** Conditions fired per rule and pass: a backlog is reported over a few passes, not in one storm. */
const MAX_FIRES_PER_PASS = 50;

interface Condition {
  key: string;
  summary: string;
  data: Record<string, unknown>;
}

function alertPayload(rule: AlertRule, condition: Condition, at: Date) {
  return {
    type: 'alert.fired',
    timestamp: at.toISOString(),
    data: { rule: { id: rule.id, name: rule.name, kind: rule.kind }, summary: condition.summary, ...condition.data },
  };
}

async function incidentConditions(deps: EngineDeps, rule: AlertRule, now: Date): Promise<Condition[]> {
  const from = new Date(now.getTime() - (rule.windowMinutes ?? 60) * 60_000);
  const definition = rule.definitionKey ? Prisma.sql`AND i."definitionKey" = ${rule.definitionKey}` : Prisma.empty;
  const rows = await deps.prisma.$queryRaw<{ signature: string; n: number; example: string }[]>`
    SELECT sy_error_signature(coalesce(t."lastError", '(no error message)')) AS signature, count(*)::int AS n,
           (array_agg(coalesce(t."lastError", '') ORDER BY t."finishedAt" DESC))[1] AS example
      FROM "Task" t JOIN "WorkflowInstance" i ON i.id = t."instanceId"
     WHERE t."tenantId" = ${rule.tenantId} AND t.status = 'failed'
       AND coalesce(t."finishedAt", t."updatedAt") >= ${from}::timestamp ${definition}
     GROUP BY 1 HAVING count(*) > ${rule.threshold ?? 0}
     ORDER BY 2 DESC LIMIT ${MAX_FIRES_PER_PASS}`;
  return rows.map((row) => ({
    key: `sig:${row.signature}`,
    summary: `${row.n} failures of "${row.signature}" in the last ${rule.windowMinutes} min (more than ${rule.threshold})`,
    data: {
      signature: row.signature,
      count: row.n,
      windowMinutes: rule.windowMinutes,
      example: row.example.slice(0, 500),
    },
  }));
}

async function waitingConditions(deps: EngineDeps, rule: AlertRule, now: Date): Promise<Condition[]> {
  const before = new Date(now.getTime() - (rule.waitMinutes ?? 60) * 60_000);
  const definition = rule.definitionKey ? Prisma.sql`AND i."definitionKey" = ${rule.definitionKey}` : Prisma.empty;
  const notFired = (key: Prisma.Sql) =>
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "AlertFiring" f WHERE f."ruleId" = ${rule.id}::uuid AND f.key = ${key})`;
  if (rule.waitingOn === 'decision') {
    const rows = await deps.prisma.$queryRaw<
      { taskId: string; instanceId: string; definitionKey: string; businessKey: string | null; since: Date }[]
    >`
      SELECT t.id AS "taskId", t."instanceId", i."definitionKey", i."businessKey", coalesce(t."finishedAt", t."updatedAt") AS since
        FROM "Task" t JOIN "WorkflowInstance" i ON i.id = t."instanceId"
       WHERE t."tenantId" = ${rule.tenantId} AND t.type = ${AI_DECISION_TASK} AND t.status = 'succeeded'
         AND t.output -> 'approval' ->> 'status' = 'pending' AND i.status IN ('running', 'failed')
         AND coalesce(t."finishedAt", t."updatedAt") < ${before}::timestamp ${definition}
         AND ${notFired(Prisma.sql`'decision:' || t.id::text`)}
       ORDER BY since LIMIT ${MAX_FIRES_PER_PASS}`;
    return rows.map((row) => ({
      key: `decision:${row.taskId}`,
      summary: `a decision of ${row.definitionKey} (business key ${row.businessKey ?? 'none'}) has awaited approval since ${row.since.toISOString()}`,
      data: { ...row, since: row.since.toISOString() },
    }));
  }
  const state = rule.stateValue ? Prisma.sql`AND i."stateValue" = ${rule.stateValue}` : Prisma.empty;
  const rows = await deps.prisma.$queryRaw<
    { instanceId: string; definitionKey: string; businessKey: string | null; state: string; since: Date }[]
  >`
    SELECT i.id AS "instanceId", i."definitionKey", i."businessKey", i."stateValue" AS state, i."stateEnteredAt" AS since
      FROM "WorkflowInstance" i
     WHERE i."tenantId" = ${rule.tenantId} AND i.status = 'running' AND i."stateEnteredAt" < ${before}::timestamp
       ${definition} ${state}
       AND ${notFired(Prisma.sql`'state:' || i.id::text || ':' || (extract(epoch FROM i."stateEnteredAt") * 1000)::bigint::text`)}
     ORDER BY i."stateEnteredAt" LIMIT ${MAX_FIRES_PER_PASS}`;
  return rows.map((row) => ({
    key: `state:${row.instanceId}:${row.since.getTime()}`,
    summary: `an instance of ${row.definitionKey} (business key ${row.businessKey ?? 'none'}) has waited in "${row.state}" since ${row.since.toISOString()}`,
    data: { ...row, since: row.since.toISOString() },
  }));
}

/** One pass over every enabled polled rule; returns how many alerts fired. */
export async function evaluateAlertRules(deps: EngineDeps): Promise<number> {
  const now = deps.clock();
  const rules = await deps.prisma.alertRule.findMany({
    where: { enabled: true, kind: { in: ['incident_rate', 'waiting_too_long'] } },
  });
  let fired = 0;
  for (const rule of rules) {
    const conditions =
      rule.kind === 'incident_rate'
        ? await incidentConditions(deps, rule, now)
        : await waitingConditions(deps, rule, now);
    for (const condition of conditions)
      if (await fireAlert(deps.prisma, rule, condition.key, alertPayload(rule, condition, now))) fired += 1;
    // An incident that fell back under its threshold may fire again when it rises; a wait is one condition for good.
    if (rule.kind === 'incident_rate')
      await clearAlertFirings(
        deps.prisma,
        rule.id,
        conditions.map((c) => c.key),
      );
  }
  return fired;
}

/** One worker's tick: evaluates the rules when this worker claims the interval; null when another worker has it. */
export async function runAlertTick(deps: EngineDeps, claim: IntervalClaim): Promise<number | null> {
  if (!(await claim.claim())) return null;
  return evaluateAlertRules(deps);
}

/** Evaluates the rules on an interval until stopped; a failed pass is logged and the next one tries again. */
export function startAlertEvaluator(
  deps: EngineDeps,
  options: { intervalMs: number; claim: IntervalClaim },
): { stop(): Promise<void> } {
  return runPeriodically(
    deps.logger,
    { intervalMs: options.intervalMs, failureMessage: 'alert rule evaluation failed; retrying on the next pass' },
    () => runAlertTick(deps, options.claim),
  );
}
