// An inbound webhook: verify, map to an event, queue it through sendEvent (the outbox, like any other event), and
// record the delivery with its result. Everything the sender controls is bounded and every refusal says why.
import { z } from 'zod';
import type { TenantContext } from '../../contracts/actor';
import { EngineError, type EngineErrorCode } from '../../errors';
import { defaultInputLimits, formatSize } from '../../limits/input-limits';
import type { EngineDeps } from '../../deps/engine-deps';
import { openTenantSecrets } from '../../secrets/open';
import { sendEvent } from '../commands';
import { readDotPath } from '../../hooks/dot-path';
import { verifyWebhook } from '../../hooks/signing';

export interface InboundRequest {
  endpointId: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body, or the size it was found to exceed the limit at (the web route stops reading there). */
  body: Buffer | { tooLarge: number };
}

export interface InboundAnswer {
  httpStatus: number;
  body: { deliveryId?: string; status: 'accepted' | 'rejected'; instanceId?: string; event?: string; error?: string };
}

const MESSAGE_ID_MAX = 200;
const uuid = z.string().uuid();

class Refusal extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
  }
}

const statusOf: Partial<Record<EngineErrorCode, number>> = { BAD_INPUT: 422, NOT_FOUND: 404, CONFLICT: 409 };

/** Answers one POST to /api/v1/hooks/<endpointId>. An unknown endpoint records nothing (there is no tenant). */
export async function receiveInboundWebhook(deps: EngineDeps, request: InboundRequest): Promise<InboundAnswer> {
  const endpoint = uuid.safeParse(request.endpointId).success
    ? await deps.prisma.webhookEndpoint.findUnique({ where: { id: request.endpointId } })
    : null;
  if (!endpoint || !endpoint.enabled)
    return { httpStatus: 404, body: { status: 'rejected', error: 'no such webhook endpoint (or it is disabled)' } };

  const messageId = request.headers['webhook-id']?.slice(0, MESSAGE_ID_MAX) ?? null;
  const bodyBytes = Buffer.isBuffer(request.body) ? request.body.length : request.body.tooLarge;
  const record = { tenantId: endpoint.tenantId, endpointId: endpoint.id, messageId, bodyBytes };
  const reject = async (
    httpStatus: number,
    error: string,
    extra: { eventType?: string; businessKey?: string } = {},
  ) => {
    const row = await deps.prisma.inboundDelivery.create({
      data: { ...record, ...extra, status: 'rejected', httpStatus, error },
    });
    return { httpStatus, body: { deliveryId: row.id, status: 'rejected' as const, error } };
  };

  const limit = (deps.limits ?? defaultInputLimits).webhookBodyBytes;
  if (!Buffer.isBuffer(request.body) || bodyBytes > limit)
    return reject(
      413,
      `the body is larger than ${formatSize(limit)} (at least ${bodyBytes} bytes); the limit is ${formatSize(limit)} (LIMIT_WEBHOOK_BODY_BYTES)`,
    );
  if (!messageId || !request.headers['webhook-timestamp'] || !request.headers['webhook-signature'])
    return reject(401, 'missing webhook-id, webhook-timestamp or webhook-signature header (Standard Webhooks)');

  const secret = await openTenantSecrets(deps, endpoint.tenantId, [endpoint.secretName]);
  if (!secret.ok) return reject(500, `the endpoint cannot verify signatures: ${secret.error}`);
  const text = request.body.toString('utf8');
  const invalid = verifyWebhook(secret.values.get(endpoint.secretName) ?? '', text, request.headers);
  if (invalid) return reject(401, `signature refused: ${invalid}`);

  let mapped: { eventType: string; businessKey: string; payload: unknown };
  try {
    mapped = mapBody(endpoint, text);
  } catch (error) {
    if (error instanceof Refusal) return reject(error.httpStatus, error.message);
    throw error;
  }
  const { eventType, businessKey } = mapped;
  const instance = await deps.prisma.workflowInstance.findFirst({
    where: { tenantId: endpoint.tenantId, definitionKey: endpoint.definitionKey, businessKey },
    select: { id: true },
  });
  if (!instance)
    return reject(404, `no ${endpoint.definitionKey} instance has business key "${businessKey}"`, {
      eventType,
      businessKey,
    });

  // A sender's retry of a message already accepted gets the replay answer, whatever the instance did since (it may
  // have completed on that very event). Concurrent copies of one message are settled by the claim below.
  const replayed = () =>
    reject(409, `replayed: webhook-id "${messageId}" was already accepted by this endpoint`, {
      eventType,
      businessKey,
    });
  const prior = await deps.pool.query(
    `SELECT 1 FROM "InboundDelivery" WHERE "endpointId" = $1::uuid AND "acceptedMessageId" = $2 LIMIT 1`,
    [endpoint.id, messageId],
  );
  if (prior.rowCount) return replayed();

  // The claim of the webhook-id commits with the event's outbox row or not at all: of two deliveries of the same
  // message only one gets past the unique index, and a crash before the commit leaves the id free for the retry.
  const ctx: TenantContext = { tenantId: endpoint.tenantId, actor: { type: 'webhook', id: endpoint.name } };
  let deliveryId: string | undefined;
  try {
    await sendEvent(
      deps,
      ctx,
      { instanceId: instance.id, type: eventType, payload: mapped.payload },
      {
        alsoWrite: async (client, outboxId) => {
          const claimed = await client.query<{ id: string }>(
            `INSERT INTO "InboundDelivery" (id, "tenantId", "endpointId", "messageId", "acceptedMessageId", status,
                                            "httpStatus", "eventType", "businessKey", "instanceId", "bodyBytes",
                                            "outboxId", "receivedAt")
             VALUES (gen_random_uuid(), $1, $2::uuid, $3, $3, 'accepted', 202, $4, $5, $6::uuid, $7, $8::uuid, now())
             ON CONFLICT ("endpointId", "acceptedMessageId") DO NOTHING
             RETURNING id`,
            [endpoint.tenantId, endpoint.id, messageId, eventType, businessKey, instance.id, bodyBytes, outboxId],
          );
          deliveryId = claimed.rows[0]?.id;
          if (!deliveryId) throw new Replayed();
        },
      },
    );
  } catch (error) {
    if (error instanceof Replayed) return replayed();
    const httpStatus = error instanceof EngineError ? (statusOf[error.code] ?? 500) : 500;
    if (httpStatus === 500) throw error;
    return reject(httpStatus, error instanceof Error ? error.message : String(error), { eventType, businessKey });
  }
  return { httpStatus: 202, body: { deliveryId, status: 'accepted', instanceId: instance.id, event: eventType } };
}

/** Thrown inside the event's transaction when the webhook-id was already accepted: rolls the event back. */
class Replayed extends Error {}

function mapBody(
  endpoint: {
    businessKeyPath: string;
    eventType: string | null;
    eventTypePath: string | null;
    payloadPath: string | null;
  },
  text: string,
): { eventType: string; businessKey: string; payload: unknown } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Refusal(400, 'the body is not JSON');
  }
  const key = readDotPath(body, endpoint.businessKeyPath);
  if (typeof key !== 'string' && typeof key !== 'number')
    throw new Refusal(
      422,
      `no business key at "${endpoint.businessKeyPath}" in the body (expected a string or a number)`,
    );
  const eventType = endpoint.eventType ?? readDotPath(body, endpoint.eventTypePath ?? '');
  if (typeof eventType !== 'string' || eventType === '')
    throw new Refusal(422, `no event name at "${endpoint.eventTypePath}" in the body (expected a string)`);
  const payload = endpoint.payloadPath ? (readDotPath(body, endpoint.payloadPath) ?? null) : body;
  return { eventType, businessKey: String(key), payload };
}
