import { z } from 'zod';
import type { JsonValue } from '../../json';
import { parseTaskInput } from '../input';
import type { TaskHandler } from '../registry';

const httpInputSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
  url: z.string().url(),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.unknown().optional(),
  timeoutMs: z.number().int().positive().max(300_000).default(10_000),
});

const MAX_BODY_CHARS = 64_000;

async function readBody(response: Response): Promise<JsonValue> {
  const text = (await response.text()).slice(0, MAX_BODY_CHARS);
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return text;
    }
  }
  return text;
}

/** HTTP: one request; a non-2xx status or a timeout is a failed attempt (retried with backoff). */
export const httpHandler: TaskHandler = async (rawInput, context) => {
  const input = parseTaskInput(httpInputSchema, rawInput, 'HTTP');
  const headers = new Headers(input.headers);
  let body: string | undefined;
  if (input.body !== undefined && input.method !== 'GET' && input.method !== 'HEAD') {
    body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
    if (!headers.has('content-type') && typeof input.body !== 'string') headers.set('content-type', 'application/json');
  }
  const signal = AbortSignal.any([context.signal, AbortSignal.timeout(input.timeoutMs)]);
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(input.url, { method: input.method, headers, body, signal });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `timed out after ${input.timeoutMs} ms` : String(error instanceof Error ? (error.cause ?? error.message) : error);
    throw new Error(`HTTP ${input.method} ${input.url} failed: ${reason}`, { cause: error });
  }
  const responseBody = await readBody(response);
  if (!response.ok) {
    const excerpt = typeof responseBody === 'string' ? responseBody.slice(0, 200) : JSON.stringify(responseBody).slice(0, 200);
    throw new Error(`HTTP ${input.method} ${input.url} answered ${response.status} ${response.statusText}: ${excerpt}`);
  }
  return { status: response.status, body: responseBody, durationMs: Date.now() - started };
};
