// Inbound webhooks: POST /api/v1/hooks/<endpointId>, signed per Standard Webhooks with a tenant secret. Each
// endpoint has a request-rate budget (RATE_LIMIT_WEBHOOK), spent before the body is read or the signature checked,
// so a flood costs one Redis call per request and writes no delivery rows. The body is read at most
// LIMIT_WEBHOOK_BODY_BYTES (counted while reading, whatever content-length claims); the engine verifies, maps the
// body to an event, queues it through the outbox and records the delivery. The answer comes as soon as the event
// is queued, before it is applied.
import { receiveInboundWebhook, type Engine } from '@switchyard/engine';
import { RateLimitExceeded, type RequestRateLimiter } from './rate-limits';
import { readCapped } from './request-limits';

export interface WebhookHandlerDeps {
  engine: Engine;
  rateLimiter: RequestRateLimiter;
  /** LIMIT_WEBHOOK_BODY_BYTES. */
  maxBodyBytes: number;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export async function handleInboundWebhook(req: Request, endpointId: string, deps: WebhookHandlerDeps) {
  try {
    await deps.rateLimiter.chargeWebhook(endpointId);
  } catch (error) {
    if (!(error instanceof RateLimitExceeded)) throw error;
    return json(
      429,
      { status: 'rejected', error: error.message, limit: error.limit, figure: error.figure },
      { 'retry-after': String(error.retryAfterSeconds) },
    );
  }
  const limit = deps.maxBodyBytes;
  const declared = Number(req.headers.get('content-length') ?? '0');
  let body: Buffer | { tooLarge: number };
  if (declared > limit) body = { tooLarge: declared };
  else if (!req.body) body = Buffer.alloc(0);
  else {
    const read = await readCapped(req.body, limit);
    body = read ? Buffer.from(read) : { tooLarge: limit + 1 };
  }
  const headers = Object.fromEntries([...req.headers].map(([name, value]) => [name.toLowerCase(), value]));
  const answer = await receiveInboundWebhook(deps.engine.deps, { endpointId, headers, body });
  return json(answer.httpStatus, answer.body);
}
