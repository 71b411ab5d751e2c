import type { Actor } from '../contracts/actor';
import { systemClock, type Clock } from '../clock';
import type { JsonValue } from '../json';
import type { TimelineEntryType } from '../store/timeline';
import { parseTaskInput } from '../tasks/input';
import { TaskResult, type TaskContext, type TaskHandler } from '../tasks/registry';
import { callModel } from './call-model';
import { DEFAULT_AI_TIMEOUT_MS, type AiConfig } from './config';
import { decisionInputSchema } from './decision-input';
import type { DecisionRecord } from '../contracts/decision-record';
import { jsonObjectSchema } from '../contracts/json';
import { AI_DECISION_BLOCKED, AI_DECISION_TASK } from '../contracts/events';
import type { PolicyOutcome } from '../contracts/statuses';
import { evaluatePolicy } from './policy';
import { buildDecisionPrompt } from './prompt';
import { createModelFactory, selectModel } from './providers';

export interface AiDecisionHandlerOptions {
  /** Providers from the environment (config/env.ts); without one, every AI task fails with a clear message. */
  ai?: AiConfig;
  clock?: Clock;
}

const entryType: Record<PolicyOutcome, TimelineEntryType> = {
  emitted: 'decision.emitted',
  awaiting_approval: 'decision.awaiting_approval',
  blocked: 'decision.blocked',
};

/** Tells the runner which event the decision sends (or that it waits for an operator). */
function routeDecision(record: DecisionRecord, context: TaskContext, aiActor: Actor): TaskResult {
  const output = record as unknown as JsonValue;
  const entry = {
    type: entryType[record.policy.outcome],
    payload: {
      taskId: context.taskId,
      proposedEvent: record.decision.event,
      confidence: record.decision.confidence,
      rationale: record.decision.rationale,
      reason: record.policy.reason,
      model: `${record.model.provider}:${record.model.name}`,
    },
  };
  if (record.policy.outcome === 'emitted') {
    return new TaskResult(output, {
      emit: { type: record.decision.event, payload: record.decision.payload },
      actor: aiActor,
      entries: [entry],
    });
  }
  if (record.policy.outcome === 'awaiting_approval')
    return new TaskResult(output, { hold: true, actor: aiActor, entries: [entry] });
  const blocked = {
    taskId: context.taskId,
    taskName: context.name,
    proposedEvent: record.decision.event,
    reason: record.policy.reason,
  };
  return new TaskResult(output, { emit: { type: AI_DECISION_BLOCKED, payload: blocked }, entries: [entry] });
}

/**
 * AI_DECISION: asks a model to pick one event, checks it against the spec's policy in code, and stores the whole
 * exchange. An allowed event is sent directly or waits for an operator; anything else is blocked, never sent.
 */
export function createAiDecisionHandler(options: AiDecisionHandlerOptions = {}): TaskHandler {
  const modelFor = createModelFactory(options.ai);
  const clock = options.clock ?? systemClock;
  return async (rawInput, context) => {
    const input = parseTaskInput(decisionInputSchema, rawInput, AI_DECISION_TASK);
    const selection = selectModel(options.ai, input.model);
    const prompt = buildDecisionPrompt(input);
    const answer = await callModel({
      model: modelFor(selection),
      prompt,
      temperature: input.model.temperature,
      maxTokens: input.model.maxTokens,
      timeoutMs: options.ai?.timeoutMs ?? DEFAULT_AI_TIMEOUT_MS,
      signal: context.signal,
    });
    const verdict = evaluatePolicy(input.policy, answer.decision.event);
    const record: DecisionRecord = {
      kind: 'ai_decision',
      model: {
        ...selection,
        responseModelId: answer.responseModelId,
        temperature: input.model.temperature ?? null,
        maxTokens: input.model.maxTokens ?? null,
      },
      prompt,
      rawResponse: answer.rawText,
      // The model answered in JSON text, so its payload is JSON.
      decision: { ...answer.decision, payload: jsonObjectSchema.parse(answer.decision.payload) },
      policy: { allowedEvents: input.policy.allowedEvents, allowDirectEmit: input.policy.allowDirectEmit, ...verdict },
      usage: answer.usage,
      latencyMs: answer.latencyMs,
      decidedAt: clock().toISOString(),
      approval: {
        status: verdict.outcome === 'awaiting_approval' ? 'pending' : 'not_required',
        by: null,
        reason: null,
        at: null,
      },
      emitted: verdict.outcome === 'emitted' ? { type: answer.decision.event, payload: answer.decision.payload } : null,
    };
    context.logger.info(
      { proposedEvent: record.decision.event, outcome: verdict.outcome, latencyMs: answer.latencyMs },
      'AI decision made',
    );
    return routeDecision(record, context, { type: 'ai', id: `${selection.provider}:${selection.name}` });
  };
}
