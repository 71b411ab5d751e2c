// Instances nobody but an operator will move: running, with nothing in flight (no task queued or running,
// no AI decision awaiting approval). Typical case: a rejected AI decision left the instance in a manual-review
// state whose only way forward is an event sent by a person. Without this list such an instance drops out of
// every queue (the Inbox lists only pending decisions).
import { z } from 'zod';
import type { TenantContext } from '../contracts/actor';
import { AI_DECISION_TASK } from '../contracts/events';
import { acceptedEvents, type WorkflowSpec } from '../spec';
import type { EngineDeps } from '../deps/engine-deps';
import { parseInput } from './parse-input';

export interface AwaitingOperator {
  instanceId: string;
  definitionKey: string;
  definitionVersion: number;
  businessKey: string | null;
  stateValue: string;
  /** What the current state accepts: the events an operator may send to move it on. */
  acceptedEvents: string[];
  /** The instance's latest AI decision, when it has one: how it was resolved and why. */
  lastDecision: {
    taskName: string;
    proposedEvent: string | null;
    status: string | null;
    by: string | null;
    reason: string | null;
  } | null;
  waitingSince: Date;
}

const input = z.object({ limit: z.number().int().min(1).max(500).default(100) });

interface Row {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  businessKey: string | null;
  stateValue: string;
  updatedAt: Date;
  spec: unknown;
  decisionTask: string | null;
  proposedEvent: string | null;
  approvalStatus: string | null;
  approvalBy: string | null;
  approvalReason: string | null;
}

/** Running instances with nothing in flight, longest waiting first, each with what it accepts and its last AI decision. */
export async function listAwaitingOperator(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: z.input<typeof input> = {},
): Promise<AwaitingOperator[]> {
  const { limit } = parseInput(input, raw);
  const rows = await deps.prisma.$queryRaw<Row[]>`
    SELECT i.id::text AS id, i."definitionKey", i."definitionVersion", i."businessKey", i."stateValue", i."updatedAt", d.spec,
      last.name AS "decisionTask", last.output->'decision'->>'event' AS "proposedEvent",
      last.output->'approval'->>'status' AS "approvalStatus", last.output->'approval'->>'by' AS "approvalBy",
      last.output->'approval'->>'reason' AS "approvalReason"
    FROM "WorkflowInstance" i
    JOIN "WorkflowDefinition" d ON d.id = i."definitionId"
    LEFT JOIN LATERAL (
      SELECT t.name, t.output FROM "Task" t
      WHERE t."instanceId" = i.id AND t.type = ${AI_DECISION_TASK} AND t.status = 'succeeded'
      ORDER BY t."finishedAt" DESC NULLS LAST LIMIT 1
    ) last ON true
    WHERE i."tenantId" = ${ctx.tenantId} AND i.status = 'running'
      AND NOT EXISTS (
        SELECT 1 FROM "Task" t WHERE t."instanceId" = i.id
          AND (t.status IN ('queued', 'running') OR (t.type = ${AI_DECISION_TASK} AND t.status = 'succeeded' AND t.output->'approval'->>'status' = 'pending')))
    ORDER BY i."updatedAt" ASC, i.id ASC
    LIMIT ${limit}`;
  return rows.map((r) => ({
    instanceId: r.id,
    definitionKey: r.definitionKey,
    definitionVersion: r.definitionVersion,
    businessKey: r.businessKey,
    stateValue: r.stateValue,
    acceptedEvents: acceptedEvents(r.spec as WorkflowSpec, r.stateValue),
    lastDecision: r.decisionTask
      ? {
          taskName: r.decisionTask,
          proposedEvent: r.proposedEvent,
          status: r.approvalStatus,
          by: r.approvalBy,
          reason: r.approvalReason,
        }
      : null,
    waitingSince: r.updatedAt,
  }));
}
