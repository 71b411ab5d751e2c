import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { NonRetriableTaskError } from '../tasks/registry';
import type { AiProviderName } from '../contracts/decision-record';
import { NO_PROVIDER_MESSAGE, type AiConfig } from './config';

export interface ModelSelection {
  provider: AiProviderName;
  name: string;
}

/** Which provider and model a task uses: its own choice, else the configured defaults. Throws when none fits. */
export function selectModel(
  config: AiConfig | undefined,
  requested: { provider?: AiProviderName; name?: string },
): ModelSelection {
  const configured: AiProviderName[] = [];
  if (config?.openaiCompatible) configured.push('openai-compatible');
  if (config?.anthropic) configured.push('anthropic');
  if (configured.length === 0) throw new NonRetriableTaskError(NO_PROVIDER_MESSAGE);
  const provider = requested.provider ?? config?.defaultProvider ?? configured[0]!;
  if (!configured.includes(provider)) {
    const hint = provider === 'anthropic' ? 'set AI_ANTHROPIC_API_KEY' : 'set AI_OPENAI_BASE_URL';
    throw new NonRetriableTaskError(
      `the task asks for AI provider "${provider}", which is not configured (configured: ${configured.join(', ')}); ${hint} or change model.provider`,
    );
  }
  const fallback = provider === 'anthropic' ? config?.anthropic?.defaultModel : config?.openaiCompatible?.defaultModel;
  const name = requested.name ?? fallback;
  if (!name) {
    const variable = provider === 'anthropic' ? 'AI_ANTHROPIC_MODEL' : 'AI_OPENAI_MODEL';
    throw new NonRetriableTaskError(
      `no model is named for provider "${provider}": set model.name in the task input or ${variable}`,
    );
  }
  return { provider, name };
}

/** Builds the AI SDK provider clients once per worker; models are cheap handles created per call. */
export function createModelFactory(config: AiConfig | undefined): (selection: ModelSelection) => LanguageModel {
  const openai = config?.openaiCompatible
    ? createOpenAICompatible({
        name: 'switchyard-openai',
        baseURL: config.openaiCompatible.baseUrl,
        ...(config.openaiCompatible.apiKey ? { apiKey: config.openaiCompatible.apiKey } : {}),
        supportsStructuredOutputs: config.openaiCompatible.structuredOutputs ?? true,
      })
    : undefined;
  const anthropic = config?.anthropic
    ? createAnthropic({
        apiKey: config.anthropic.apiKey,
        ...(config.anthropic.baseUrl ? { baseURL: config.anthropic.baseUrl } : {}),
      })
    : undefined;
  return (selection) => {
    const provider = selection.provider === 'anthropic' ? anthropic : openai;
    if (!provider) throw new NonRetriableTaskError(NO_PROVIDER_MESSAGE);
    return provider(selection.name);
  };
}
