// Human approval of AI decisions. A decision awaiting approval lives in its task's output
// (`approval.status = 'pending'`); resolving it updates that output, appends the timeline entry and queues
// the event in one transaction, so a decision is resolved exactly once and nothing is half-written.
import { z } from 'zod';
import { formatActor, type TenantContext } from '../contracts/actor';
import { decisionFacts, type DecisionFact } from '../ai/decision-facts';
import { decisionRecordSchema, type DecisionRecord } from '../contracts/decision-record';
import { instanceIdSchema, taskIdSchema } from '../contracts/ids';
import {
  overrideDecisionInput,
  resolveDecisionInput,
  type OverrideDecisionInput,
  type ResolveDecisionInput,
} from '../contracts/operator-actions';
import type { ResolutionStatus } from '../contracts/statuses';
import { AI_DECISION_REJECTED, AI_DECISION_TASK } from '../contracts/events';
import { isAllowedEvent } from '../ai/policy';
import { EngineError } from '../errors';
import type { JsonValue } from '../json';
import type { EngineDeps } from '../deps/engine-deps';
import { applyEventMessage } from '../store/outbox';
import { writeTaskStep } from '../store/sql/task-statements';
import { inTransaction, type SqlClient } from '../store/sql/transaction';
import { numbered, type TimelineEntryType } from '../store/timeline';
import { lockTaskForAction } from './operator-actions';
import { parseInput } from './parse-input';

export interface PendingDecision {
  taskId: string;
  taskName: string;
  instanceId: string;
  definitionKey: string;
  definitionVersion: number;
  /** What an operator recognises the case by (an order id, a ticket number), when the instance was started with one. */
  businessKey: string | null;
  instanceStatus: string;
  stateValue: string;
  proposedEvent: string;
  payload: Record<string, unknown>;
  /** The context fields the model was shown (e.g. refund.amount), so the operator can decide from the list. */
  facts: DecisionFact[];
  rationale: string;
  confidence: number;
  allowedEvents: string[];
  model: string;
  createdAt: Date;
}

export interface DecisionView {
  taskId: string;
  taskName: string;
  taskStatus: string;
  instanceId: string;
  definitionKey: string;
  definitionVersion: number;
  instanceStatus: string;
  stateValue: string;
  /** Null while the task has not produced a decision yet (queued, running, or failed). */
  decision: DecisionRecord | null;
  lastError: string | null;
}

export interface ResolvedDecision {
  taskId: string;
  instanceId: string;
  status: ResolutionStatus;
  event: string;
  messageId: string;
}

function readRecord(output: unknown, id: string): DecisionRecord {
  const parsed = decisionRecordSchema.safeParse(output);
  if (!parsed.success)
    throw new EngineError(
      'INTERNAL',
      `task ${id} holds no readable AI decision: ${parsed.error.issues[0]?.message ?? 'unknown shape'}`,
    );
  return parsed.data;
}

const listInput = z.object({
  instanceId: instanceIdSchema.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

/** Every AI decision awaiting an operator in the tenant (oldest first), across instances still able to move. */
export async function listPendingDecisions(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: z.input<typeof listInput> = {},
): Promise<PendingDecision[]> {
  const input = parseInput(listInput, raw);
  const rows = await deps.prisma.task.findMany({
    where: {
      tenantId: ctx.tenantId,
      type: AI_DECISION_TASK,
      status: 'succeeded',
      output: { path: ['approval', 'status'], equals: 'pending' },
      instance: { status: { in: ['running', 'failed'] } },
      ...(input.instanceId ? { instanceId: input.instanceId } : {}),
    },
    include: {
      instance: {
        select: { definitionKey: true, definitionVersion: true, businessKey: true, status: true, stateValue: true },
      },
    },
    orderBy: [{ finishedAt: 'asc' }, { id: 'asc' }],
    take: input.limit,
  });
  return rows.map((row) => {
    const record = readRecord(row.output, row.id);
    return {
      taskId: row.id,
      taskName: row.name,
      instanceId: row.instanceId,
      definitionKey: row.instance.definitionKey,
      definitionVersion: row.instance.definitionVersion,
      businessKey: row.instance.businessKey,
      instanceStatus: row.instance.status,
      stateValue: row.instance.stateValue,
      proposedEvent: record.decision.event,
      payload: record.decision.payload,
      facts: decisionFacts(row.input),
      rationale: record.decision.rationale,
      confidence: record.decision.confidence,
      allowedEvents: record.policy.allowedEvents,
      model: `${record.model.provider}:${record.model.name}`,
      createdAt: row.finishedAt ?? row.updatedAt,
    };
  });
}

/** The full stored decision of an AI_DECISION task: model, prompt as sent, raw answer, policy outcome, approval. */
export async function getDecision(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: { taskId: string },
): Promise<DecisionView> {
  const input = parseInput(z.object({ taskId: taskIdSchema }), raw);
  const row = await deps.prisma.task.findFirst({
    where: { id: input.taskId, tenantId: ctx.tenantId, type: AI_DECISION_TASK },
    include: { instance: { select: { definitionKey: true, definitionVersion: true, status: true, stateValue: true } } },
  });
  if (!row) throw new EngineError('NOT_FOUND', `AI decision task ${input.taskId} was not found`);
  return {
    taskId: row.id,
    taskName: row.name,
    taskStatus: row.status,
    instanceId: row.instanceId,
    definitionKey: row.instance.definitionKey,
    definitionVersion: row.instance.definitionVersion,
    instanceStatus: row.instance.status,
    stateValue: row.instance.stateValue,
    decision: row.status === 'succeeded' ? readRecord(row.output, row.id) : null,
    lastError: row.lastError,
  };
}

type Resolution =
  | { status: 'approved'; reason: string }
  | { status: 'rejected'; reason: string }
  | { status: 'overridden'; reason: string; event: string; payload?: Record<string, unknown> };

const entryTypes: Record<Resolution['status'], TimelineEntryType> = {
  approved: 'decision.approved',
  rejected: 'decision.rejected',
  overridden: 'decision.overridden',
};

/** Locks instance then task (the engine's one lock order), so a second resolution waits and then sees the first. */
async function lockDecision(client: SqlClient, ctx: TenantContext, id: string, now: Date) {
  const notFound = `AI decision task ${id} was not found`;
  const task = await lockTaskForAction(client, ctx, id, now, notFound);
  if (task.type !== AI_DECISION_TASK) throw new EngineError('NOT_FOUND', notFound);
  if (task.status !== 'succeeded')
    throw new EngineError('CONFLICT', `task ${id} is ${task.status}; it has no decision to resolve`);
  return { task, record: readRecord(task.output, id) };
}

/** The event a resolution sends: the proposal, the operator's choice, or AI_DECISION_REJECTED. */
function eventFor(
  resolution: Resolution,
  record: DecisionRecord,
  task: { id: string; name: string },
  by: string,
): { type: string; payload: JsonValue } {
  if (resolution.status === 'approved') return { type: record.decision.event, payload: record.decision.payload };
  if (resolution.status === 'overridden')
    return { type: resolution.event, payload: (resolution.payload ?? record.decision.payload) as JsonValue };
  return {
    type: AI_DECISION_REJECTED,
    payload: {
      taskId: task.id,
      taskName: task.name,
      proposedEvent: record.decision.event,
      reason: resolution.reason,
      by,
    },
  };
}

async function resolveDecision(
  deps: EngineDeps,
  ctx: TenantContext,
  id: string,
  resolution: Resolution,
): Promise<ResolvedDecision> {
  const now = deps.clock();
  const by = formatActor(ctx.actor);
  const { message, instanceId, event } = await inTransaction(deps.pool, async (client) => {
    const { task, record } = await lockDecision(client, ctx, id, now);
    if (record.approval.status !== 'pending') {
      const state =
        record.approval.status === 'not_required'
          ? `did not need approval (policy outcome: ${record.policy.outcome})`
          : `was already ${record.approval.status} by ${record.approval.by ?? 'someone'}`;
      throw new EngineError('CONFLICT', `the decision of task ${id} ${state}; it can be resolved only once`);
    }
    if (task.instanceStatus === 'completed' || task.instanceStatus === 'cancelled') {
      throw new EngineError(
        'CONFLICT',
        `instance ${task.instanceId} is ${task.instanceStatus}; its decision can no longer be resolved`,
      );
    }
    // The allowlist is the one stored from the spec's task input, never the operator's nor the model's.
    if (resolution.status === 'overridden' && !isAllowedEvent(record.policy, resolution.event)) {
      throw new EngineError(
        'POLICY_VIOLATION',
        `"${resolution.event}" is not an allowed event for this decision (allowed: ${record.policy.allowedEvents.join(', ')})`,
      );
    }
    const event = eventFor(resolution, record, task, by);
    const resolved: DecisionRecord = {
      ...record,
      approval: { status: resolution.status, by, reason: resolution.reason, at: now.toISOString() },
      emitted: resolution.status === 'rejected' ? null : { type: event.type, payload: event.payload },
    };
    const msg = applyEventMessage(
      { tenantId: ctx.tenantId, instanceId: task.instanceId, event, actor: ctx.actor, reason: resolution.reason },
      now,
    );
    await writeTaskStep(client, {
      task,
      now,
      ...numbered(task, [
        {
          type: entryTypes[resolution.status],
          actor: ctx.actor,
          taskId: task.id,
          payload: {
            taskId: task.id,
            proposedEvent: record.decision.event,
            event: event.type,
            payload: event.payload,
            reason: resolution.reason,
          },
        },
      ]),
      outbox: [msg],
      change: { kind: 'output', output: resolved as unknown as JsonValue },
    });
    return { message: msg, instanceId: task.instanceId, event };
  });
  await deps.publisher.publishOrDefer([message], now);
  return { taskId: id, instanceId, status: resolution.status, event: event.type, messageId: message.id };
}

/** Sends the event the model proposed, as the operator's decision. Only a decision awaiting approval, only once. */
export async function approveDecision(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: ResolveDecisionInput,
): Promise<ResolvedDecision> {
  const input = parseInput(resolveDecisionInput, raw);
  return resolveDecision(deps, ctx, input.taskId, { status: 'approved', reason: input.reason });
}

/** Refuses the proposal: nothing it proposed is sent; the instance gets AI_DECISION_REJECTED. */
export async function rejectDecision(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: ResolveDecisionInput,
): Promise<ResolvedDecision> {
  const input = parseInput(resolveDecisionInput, raw);
  return resolveDecision(deps, ctx, input.taskId, { status: 'rejected', reason: input.reason });
}

/** Sends another allowed event instead of the proposal (payload defaults to the proposed one); POLICY_VIOLATION outside the allowlist. */
export async function overrideDecision(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: OverrideDecisionInput,
): Promise<ResolvedDecision> {
  const input = parseInput(overrideDecisionInput, raw);
  return resolveDecision(deps, ctx, input.taskId, {
    status: 'overridden',
    reason: input.reason,
    event: input.event,
    ...(input.payload ? { payload: input.payload } : {}),
  });
}
