import { describe, expect, it } from 'vitest';
import { selectModel } from '../../src/ai/providers';
import { NonRetriableTaskError } from '../../src/tasks/registry';

const openai = { baseUrl: 'http://127.0.0.1:11434/v1', defaultModel: 'llama3.2' };
const anthropic = { apiKey: 'k', defaultModel: 'claude-x' };

describe('AI model selection', () => {
  it('refuses, without retry, when no provider is configured, naming the variables to set', () => {
    expect(() => selectModel(undefined, {})).toThrow(NonRetriableTaskError);
    expect(() => selectModel({}, {})).toThrow(/^no AI provider is configured: set AI_OPENAI_BASE_URL/);
  });

  it('uses the only configured provider and its default model', () => {
    expect(selectModel({ openaiCompatible: openai }, {})).toEqual({ provider: 'openai-compatible', name: 'llama3.2' });
    expect(selectModel({ anthropic }, {})).toEqual({ provider: 'anthropic', name: 'claude-x' });
  });

  it("prefers the task's provider and model, then the configured default provider", () => {
    const both = { openaiCompatible: openai, anthropic, defaultProvider: 'anthropic' as const };
    expect(selectModel(both, {})).toEqual({ provider: 'anthropic', name: 'claude-x' });
    expect(selectModel(both, { provider: 'openai-compatible', name: 'qwen2.5' })).toEqual({
      provider: 'openai-compatible',
      name: 'qwen2.5',
    });
  });

  it('refuses a provider the task asks for that is not configured', () => {
    expect(() => selectModel({ openaiCompatible: openai }, { provider: 'anthropic' })).toThrow(
      /"anthropic", which is not configured.*AI_ANTHROPIC_API_KEY/,
    );
  });

  it('asks for a model name when neither the task nor the environment gives one', () => {
    expect(() => selectModel({ openaiCompatible: { baseUrl: openai.baseUrl } }, {})).toThrow(
      /set model.name in the task input or AI_OPENAI_MODEL/,
    );
  });
});
