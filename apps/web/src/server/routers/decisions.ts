import { eventNameSchema } from '@switchyard/engine/spec';
import { z } from 'zod';
import { isoDate } from '../schemas';
import { router, tenantProcedure } from '../trpc';

// The task type of AI decisions (the engine's AI_DECISION_TASK; its ai/ folder is not a package export).
const AI_DECISION = 'AI_DECISION';

const taskId = z.string().uuid('expected a task id (a UUID)');
const instanceId = z.string().uuid('expected an instance id (a UUID)');
const reason = z.string().trim().min(1, 'a reason is required: it is recorded in the timeline').max(2_000);
const eventName = eventNameSchema;
const jsonObject = z.record(z.string(), z.unknown());

export const approvalStatus = z.enum(['not_required', 'pending', 'approved', 'rejected', 'overridden']);
export const policyOutcome = z.enum(['emitted', 'awaiting_approval', 'blocked']);

/** The stored decision record (the engine's decisionRecordSchema), as the console receives it. */
const decisionRecord = z.object({
  model: z.object({
    provider: z.string(),
    name: z.string(),
    responseModelId: z.string().nullable(),
    temperature: z.number().nullable(),
    maxTokens: z.number().nullable(),
  }),
  prompt: z.object({ system: z.string(), user: z.string() }),
  rawResponse: z.string(),
  decision: z.object({ event: z.string(), payload: jsonObject, rationale: z.string(), confidence: z.number() }),
  policy: z.object({
    allowedEvents: z.array(z.string()),
    allowDirectEmit: z.boolean(),
    outcome: policyOutcome,
    reason: z.string(),
  }),
  usage: z.object({
    inputTokens: z.number().nullable(),
    outputTokens: z.number().nullable(),
    totalTokens: z.number().nullable(),
  }),
  latencyMs: z.number(),
  decidedAt: z.string(),
  approval: z.object({
    status: approvalStatus,
    by: z.string().nullable(),
    reason: z.string().nullable(),
    at: z.string().nullable(),
  }),
  emitted: z.object({ type: z.string(), payload: z.unknown() }).nullable(),
});

const decisionView = z.object({
  taskId: z.string(),
  taskName: z.string(),
  taskStatus: z.string(),
  instanceId: z.string(),
  definitionKey: z.string(),
  definitionVersion: z.number(),
  instanceStatus: z.string(),
  stateValue: z.string(),
  decision: decisionRecord.nullable(),
  lastError: z.string().nullable(),
});

const pendingDecision = z.object({
  taskId: z.string(),
  taskName: z.string(),
  instanceId: z.string(),
  definitionKey: z.string(),
  definitionVersion: z.number(),
  businessKey: z.string().nullable(),
  instanceStatus: z.string(),
  stateValue: z.string(),
  proposedEvent: z.string(),
  payload: jsonObject,
  facts: z.array(z.object({ field: z.string(), value: z.union([z.string(), z.number(), z.boolean(), z.null()]) })),
  rationale: z.string(),
  confidence: z.number(),
  allowedEvents: z.array(z.string()),
  model: z.string(),
  createdAt: isoDate,
});

const awaitingOperator = z.object({
  instanceId: z.string(),
  definitionKey: z.string(),
  definitionVersion: z.number(),
  businessKey: z.string().nullable(),
  stateValue: z.string(),
  acceptedEvents: z.array(z.string()),
  lastDecision: z
    .object({
      taskName: z.string(),
      proposedEvent: z.string().nullable(),
      status: z.string().nullable(),
      by: z.string().nullable(),
      reason: z.string().nullable(),
    })
    .nullable(),
  waitingSince: isoDate,
});

const resolved = z.object({
  taskId: z.string(),
  instanceId: z.string(),
  status: z.enum(['approved', 'rejected', 'overridden']),
  event: z.string(),
  messageId: z.string(),
});

export const decisionsRouter = router({
  pending: tenantProcedure('viewer')
    .input(z.object({ limit: z.number().int().min(1).max(500).optional() }).optional())
    .output(z.array(pendingDecision))
    .query(({ ctx, input }) => ctx.service.listPendingDecisions(ctx.tenant, input ?? {})),

  /** Running instances with nothing in flight: only an operator's event moves them (e.g. after a rejected decision). */
  awaitingOperator: tenantProcedure('viewer')
    .input(z.object({ limit: z.number().int().min(1).max(500).optional() }).optional())
    .output(z.array(awaitingOperator))
    .query(({ ctx, input }) => ctx.service.listAwaitingOperator(ctx.tenant, input ?? {})),

  /** Every AI decision of one instance, oldest first, each with its full stored record. */
  forInstance: tenantProcedure('viewer')
    .input(z.object({ instanceId }))
    .output(z.array(decisionView))
    .query(async ({ ctx, input }) => {
      // getInstance answers NOT_FOUND for another tenant's instance, rather than an empty list; tasks come oldest first.
      const instance = await ctx.service.getInstance(ctx.tenant, input);
      const tasks = instance.tasks.filter((t) => t.type === AI_DECISION);
      // Few per instance; getDecision stays the one reader of the stored record's shape.
      return Promise.all(tasks.map((t) => ctx.service.getDecision(ctx.tenant, { taskId: t.id })));
    }),

  approve: tenantProcedure('operator')
    .input(z.object({ taskId, reason }))
    .output(resolved)
    .mutation(({ ctx, input }) => ctx.service.approveDecision(ctx.tenant, input)),

  reject: tenantProcedure('operator')
    .input(z.object({ taskId, reason }))
    .output(resolved)
    .mutation(({ ctx, input }) => ctx.service.rejectDecision(ctx.tenant, input)),

  override: tenantProcedure('operator')
    .input(z.object({ taskId, event: eventName, payload: jsonObject.optional(), reason }))
    .output(resolved)
    .mutation(({ ctx, input }) => ctx.service.overrideDecision(ctx.tenant, input)),
});
