import { z } from 'zod';
import { isEgressError, type EgressClient } from '../../egress';
import type { JsonValue } from '../../json';
import { parseTaskInput } from '../input';
import { NonRetriableTaskError, type TaskHandler } from '../registry';

const httpInputSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
  url: z.string().url(),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.unknown().optional(),
  timeoutMs: z.number().int().positive().max(300_000).default(10_000),
});

/** How much of a non-2xx answer's body goes into the error (and so into the task's lastError). */
export const ERROR_BODY_EXCERPT_BYTES = 2 * 1024;

export interface HttpHandlerOptions {
  egress: EgressClient;
  /** The tenant's host allowlist (empty: any host the deployment's egress policy allows). */
  tenantHosts: (tenantId: string) => Promise<readonly string[]>;
}

function parseBody(body: Buffer, contentType: string): JsonValue {
  const text = body.toString('utf8');
  if (contentType.includes('json')) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return text;
    }
  }
  return text;
}

function excerpt(body: Buffer): string {
  if (body.length <= ERROR_BODY_EXCERPT_BYTES) return body.toString('utf8');
  return `${body.subarray(0, ERROR_BODY_EXCERPT_BYTES).toString('utf8')}… (${body.length} bytes, first ${ERROR_BODY_EXCERPT_BYTES} shown)`;
}

/**
 * HTTP: one request through the egress policy; a non-2xx status or a timeout is a failed attempt (retried with
 * backoff), a call the policy refuses fails the task at once. Sends `Idempotency-Key: <task id>` (the same on
 * every attempt) unless the spec sets one, so a receiver can drop the repeat of an at-least-once call.
 */
export function createHttpHandler(options: HttpHandlerOptions): TaskHandler {
  return async (rawInput, context) => {
    const input = parseTaskInput(httpInputSchema, rawInput, 'HTTP');
    const headers: Record<string, string> = { ...input.headers };
    const has = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
    if (!has('idempotency-key')) headers['idempotency-key'] = context.taskId;
    let body: string | undefined;
    if (input.body !== undefined && input.method !== 'GET' && input.method !== 'HEAD') {
      body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
      if (!has('content-type') && typeof input.body !== 'string') headers['content-type'] = 'application/json';
    }
    const signal = AbortSignal.any([context.signal, AbortSignal.timeout(input.timeoutMs)]);
    const started = Date.now();
    const allowedHosts = await options.tenantHosts(context.tenantId);
    let response;
    try {
      response = await options.egress.fetch({
        method: input.method,
        url: input.url,
        headers,
        body,
        signal,
        allowedHosts,
      });
    } catch (error) {
      if (isEgressError(error))
        throw new NonRetriableTaskError(
          `HTTP ${input.method} ${input.url} refused by the egress policy: ${error.message}`,
        );
      const reason =
        error instanceof Error && (error.name === 'TimeoutError' || signal.aborted)
          ? `timed out after ${input.timeoutMs} ms`
          : String(error instanceof Error ? (error.cause ?? error.message) : error);
      throw new Error(`HTTP ${input.method} ${input.url} failed: ${reason}`, { cause: error });
    }
    if (response.status < 200 || response.status > 299) {
      throw new Error(
        `HTTP ${input.method} ${input.url} answered ${response.status} ${response.statusText}: ${excerpt(response.body)}`,
      );
    }
    return {
      status: response.status,
      body: parseBody(response.body, response.headers['content-type'] ?? ''),
      durationMs: Date.now() - started,
    };
  };
}
