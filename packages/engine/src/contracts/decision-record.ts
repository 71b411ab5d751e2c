import { z } from 'zod';
import { jsonObjectSchema } from './json';
import { approvalStatusSchema, policyOutcomeSchema } from './statuses';

/** The model providers the engine can call (ai/providers.ts builds each from its config). */
export const aiProviderNames = ['openai-compatible', 'anthropic'] as const;
export type AiProviderName = (typeof aiProviderNames)[number];

/**
 * An AI decision as stored in the task output: everything needed to audit it later. `approval.status` is
 * queried directly in SQL (`output->'approval'->>'status'`), so its place and spelling are part of the schema.
 */
export const decisionRecordSchema = z.object({
  kind: z.literal('ai_decision'),
  model: z.object({
    provider: z.enum(aiProviderNames),
    name: z.string(),
    /** The model id the provider reported answering with, when it differs or is more precise. */
    responseModelId: z.string().nullable(),
    temperature: z.number().nullable(),
    maxTokens: z.number().nullable(),
  }),
  prompt: z.object({ system: z.string(), user: z.string() }),
  rawResponse: z.string(),
  decision: z.object({ event: z.string(), payload: jsonObjectSchema, rationale: z.string(), confidence: z.number() }),
  policy: z.object({
    allowedEvents: z.array(z.string()),
    allowDirectEmit: z.boolean(),
    outcome: policyOutcomeSchema,
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
    status: approvalStatusSchema,
    by: z.string().nullable(),
    reason: z.string().nullable(),
    at: z.string().nullable(),
  }),
  /** The event the instance was sent because of this decision, if any (by the policy or an operator). */
  emitted: z.object({ type: z.string(), payload: z.unknown() }).nullable(),
});
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;
