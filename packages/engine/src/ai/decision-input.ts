import { z } from 'zod';
import { eventNameSchema } from '../contracts/names';
import { aiProviderNames } from '../contracts/decision-record';

/** The policy comes from the task input, i.e. from the published spec: never from the model or the context values. */
export const decisionPolicySchema = z.strictObject({
  allowedEvents: z.array(eventNameSchema).min(1, 'expected at least one allowed event'),
  allowDirectEmit: z.boolean().default(false),
});
export type DecisionPolicy = z.infer<typeof decisionPolicySchema>;

/** Input of an AI_DECISION task, after the spec's references were resolved. */
export const decisionInputSchema = z.object({
  instructions: z.string().min(1, 'expected instructions for the model'),
  /** The values the model may see; typically `{ ticket: { $ref: 'context.ticket' } }` in the spec. */
  context: z.record(z.string(), z.unknown()).default({}),
  /** Dot paths inside `context` to show; all of `context` when omitted. */
  contextFields: z.array(z.string().min(1)).optional(),
  policy: decisionPolicySchema,
  model: z
    .strictObject({
      provider: z.enum(aiProviderNames).optional(),
      name: z.string().min(1).optional(),
      temperature: z.number().min(0).max(2).optional(),
      maxTokens: z.number().int().positive().max(32_000).optional(),
    })
    .default({}),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

/** What the model must answer: the structured output schema sent to the provider and checked on return. */
export const modelDecisionSchema = z.object({
  event: z.string().min(1).describe('the event to send; one of the allowed events'),
  payload: z.record(z.string(), z.unknown()).describe('data for the event, as a JSON object ({} when none)'),
  rationale: z.string().describe('why this event, in one or two sentences'),
  confidence: z.number().min(0).max(1).describe('how sure you are, from 0 to 1'),
});
export type ModelDecision = z.infer<typeof modelDecisionSchema>;
