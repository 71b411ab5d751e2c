// What the AI decision handler may talk to. Built from the environment in cli/ only, then passed down.

import type { AiProviderName } from '../contracts/decision-record';

/** Any endpoint that speaks the OpenAI chat completions API: OpenAI, Ollama, vLLM, LM Studio, … */
export interface OpenAiCompatibleConfig {
  /** e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama). */
  baseUrl: string;
  apiKey?: string;
  /** Used when a task does not name a model. */
  defaultModel?: string;
  /** Whether the endpoint accepts `response_format: json_schema`; otherwise plain JSON mode is asked for. */
  structuredOutputs?: boolean;
}

export interface AnthropicConfig {
  apiKey: string;
  baseUrl?: string;
  defaultModel?: string;
}

export interface AiConfig {
  openaiCompatible?: OpenAiCompatibleConfig;
  anthropic?: AnthropicConfig;
  /** The provider for tasks that name none; defaults to the only (or first) configured one. */
  defaultProvider?: AiProviderName;
  /** Upper bound for one model call; a slower answer is a failed (retried) attempt. */
  timeoutMs?: number;
}

export const DEFAULT_AI_TIMEOUT_MS = 60_000;

export const NO_PROVIDER_MESSAGE =
  'no AI provider is configured: set AI_OPENAI_BASE_URL (with AI_OPENAI_API_KEY and AI_OPENAI_MODEL) for an OpenAI-compatible endpoint such as OpenAI, Ollama or vLLM, or AI_ANTHROPIC_API_KEY (with AI_ANTHROPIC_MODEL) for Anthropic, then restart the worker';
