// Inbound webhooks: POST /api/v1/hooks/<endpointId> (see server/webhook-handler.ts).
import { inputLimitsFromEnv } from '@switchyard/engine/limits';
import { env } from '~/env';
import { getEngine, getRateLimiter } from '~/server/engine';
import { handleInboundWebhook } from '~/server/webhook-handler';

export const dynamic = 'force-dynamic';

export async function POST(req: Request, { params }: { params: Promise<{ endpointId: string }> }): Promise<Response> {
  const { endpointId } = await params;
  return handleInboundWebhook(req, endpointId, {
    engine: getEngine(),
    rateLimiter: getRateLimiter(),
    maxBodyBytes: inputLimitsFromEnv(env()).webhookBodyBytes,
  });
}
