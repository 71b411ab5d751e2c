/** An OpenAI-compatible chat completion response, as the AI SDK's provider expects it (shared by every scripted model server). */
export function chatCompletion(content: string, model: string, usage = { prompt_tokens: 120, completion_tokens: 30 }) {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}
