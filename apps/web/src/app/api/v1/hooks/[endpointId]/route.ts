// Inbound webhooks: POST /api/v1/hooks/<endpointId>, signed per Standard Webhooks with a tenant secret. The
// body is read at most LIMIT_WEBHOOK_BODY_BYTES (counted while reading, whatever content-length claims); the
// engine verifies, maps the body to an event, queues it through the outbox and records the delivery. The answer
// comes as soon as the event is queued, before it is applied.
import { receiveInboundWebhook } from '@switchyard/engine';
import { inputLimitsFromEnv } from '@switchyard/engine/limits';
import { env } from '~/env';
import { getEngine } from '~/server/engine';
import { readCapped } from '~/server/request-limits';

export const dynamic = 'force-dynamic';

export async function POST(req: Request, { params }: { params: Promise<{ endpointId: string }> }): Promise<Response> {
  const { endpointId } = await params;
  const limit = inputLimitsFromEnv(env()).webhookBodyBytes;
  const declared = Number(req.headers.get('content-length') ?? '0');
  let body: Buffer | { tooLarge: number };
  if (declared > limit) body = { tooLarge: declared };
  else if (!req.body) body = Buffer.alloc(0);
  else {
    const read = await readCapped(req.body, limit);
    body = read ? Buffer.from(read) : { tooLarge: limit + 1 };
  }
  const headers = Object.fromEntries([...req.headers].map(([name, value]) => [name.toLowerCase(), value]));
  const answer = await receiveInboundWebhook(getEngine().deps, { endpointId, headers, body });
  return new Response(JSON.stringify(answer.body), {
    status: answer.httpStatus,
    headers: { 'content-type': 'application/json' },
  });
}
