import {
  AI_DECISION_TASK,
  decisionRecordSchema,
  instanceIdSchema as instanceId,
  jsonObjectSchema,
  overrideDecisionInput,
  resolutionStatusSchema,
  resolveDecisionInput,
} from '@switchyard/engine/contracts';
import { z } from 'zod';
import { isoDate } from '../schemas';
import { router, tenantProcedure } from '../trpc';

const decisionView = z.object({
  taskId: z.string(),
  taskName: z.string(),
  taskStatus: z.string(),
  instanceId: z.string(),
  definitionKey: z.string(),
  definitionVersion: z.number(),
  instanceStatus: z.string(),
  stateValue: z.string(),
  decision: decisionRecordSchema.nullable(),
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
  payload: jsonObjectSchema,
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
  status: resolutionStatusSchema,
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
      const tasks = instance.tasks.filter((t) => t.type === AI_DECISION_TASK);
      // Few per instance; getDecision stays the one reader of the stored record's shape.
      return Promise.all(tasks.map((t) => ctx.service.getDecision(ctx.tenant, { taskId: t.id })));
    }),

  approve: tenantProcedure('operator')
    .input(resolveDecisionInput)
    .output(resolved)
    .mutation(({ ctx, input }) => ctx.service.approveDecision(ctx.tenant, input)),

  reject: tenantProcedure('operator')
    .input(resolveDecisionInput)
    .output(resolved)
    .mutation(({ ctx, input }) => ctx.service.rejectDecision(ctx.tenant, input)),

  override: tenantProcedure('operator')
    .input(overrideDecisionInput)
    .output(resolved)
    .mutation(({ ctx, input }) => ctx.service.overrideDecision(ctx.tenant, input)),
});
