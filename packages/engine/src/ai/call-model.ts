import { APICallError, generateText, NoObjectGeneratedError, Output, RetryError, type LanguageModel } from 'ai';
import { NonRetriableTaskError } from '../tasks/registry';
import { modelDecisionSchema, type ModelDecision } from './decision-input';
import type { DecisionPrompt } from './prompt';

export interface ModelCall {
  model: LanguageModel;
  prompt: DecisionPrompt;
  temperature?: number;
  maxTokens?: number;
  timeoutMs: number;
  /** The worker's shutdown signal. */
  signal: AbortSignal;
}

export interface ModelAnswer {
  decision: ModelDecision;
  rawText: string;
  responseModelId: string | null;
  usage: { inputTokens: number | null; outputTokens: number | null; totalTokens: number | null };
  latencyMs: number;
}

const EXCERPT_CHARS = 300;

function excerpt(text: string | undefined): string {
  if (!text) return '(empty)';
  return JSON.stringify(text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text);
}

/**
 * Turns an AI SDK failure into an attempt failure a person can act on. Retriable unless trying again cannot
 * help (the provider refused the request itself: bad key, unknown model, bad request).
 */
function explainFailure(error: unknown, timedOut: boolean, timeoutMs: number): Error {
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (timedOut) return new Error(`the model did not answer within ${timeoutMs} ms`);
  if (NoObjectGeneratedError.isInstance(cause)) {
    const why = cause.cause instanceof Error ? cause.cause.message.split('\n')[0] : cause.message;
    return new Error(`the model's answer is not a valid decision (${why}); raw response: ${excerpt(cause.text)}`);
  }
  if (APICallError.isInstance(cause)) {
    const message = `the model provider answered ${cause.statusCode ?? 'without a status'} at ${cause.url}: ${excerpt(cause.responseBody ?? cause.message)}`;
    return cause.isRetryable ? new Error(message) : new NonRetriableTaskError(message);
  }
  return new Error(`the model call failed: ${cause instanceof Error ? cause.message : String(cause)}`);
}

/** One model call with a structured output schema; no SDK-level retries: the engine's backoff owns retrying. */
export async function callModel(call: ModelCall): Promise<ModelAnswer> {
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const started = performance.now();
  try {
    const result = await generateText({
      model: call.model,
      instructions: call.prompt.system,
      messages: [{ role: 'user', content: call.prompt.user }],
      output: Output.object({ schema: modelDecisionSchema, name: 'decision' }),
      ...(call.temperature !== undefined ? { temperature: call.temperature } : {}),
      ...(call.maxTokens !== undefined ? { maxOutputTokens: call.maxTokens } : {}),
      maxRetries: 0,
      abortSignal: AbortSignal.any([call.signal, timeout]),
      // `payload` is a free-form object, which strict JSON-schema modes refuse (OpenAI strict, Anthropic's native
      // output format); ask for the lenient modes instead. The answer is still validated against the zod schema.
      providerOptions: {
        openaiCompatible: { strictJsonSchema: false },
        anthropic: { structuredOutputMode: 'jsonTool' },
      },
    });
    return {
      decision: result.output,
      rawText: result.text,
      responseModelId: result.response.modelId ?? null,
      usage: {
        inputTokens: result.usage.inputTokens ?? null,
        outputTokens: result.usage.outputTokens ?? null,
        totalTokens: result.usage.totalTokens ?? null,
      },
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    throw explainFailure(error, timeout.aborted, call.timeoutMs);
  }
}
