// Standard Webhooks (https://www.standardwebhooks.com): `webhook-id`, `webhook-timestamp` and
// `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, through the `standardwebhooks` package
// rather than a hand-written HMAC, so the format, the constant-time compare and the 5-minute timestamp tolerance
// are the reference implementation's.
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** A secret stored as `whsec_<base64>` is the spec's format; anything else is used as its raw bytes. */
export function webhookFor(secret: string): Webhook {
  return secret.startsWith('whsec_') ? new Webhook(secret) : new Webhook(secret, { format: 'raw' });
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three headers of a signed message; the id stays the same on every attempt so a receiver can drop repeats. */
export function signWebhook(secret: string, messageId: string, body: string, at: Date): SignedHeaders {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': webhookFor(secret).sign(messageId, at, body),
  };
}

/** Checks signature and timestamp (5 minutes either way); the reason when they do not hold, else null. */
export function verifyWebhook(secret: string, body: string, headers: Record<string, string>): string | null {
  try {
    webhookFor(secret).verify(body, headers);
    return null;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.message;
    throw error;
  }
}
