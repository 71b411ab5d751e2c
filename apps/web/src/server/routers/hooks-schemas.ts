import { z } from 'zod';
import { isoDate, json } from '../schemas';

// Output schemas of the webhook and alert-rule settings (the console's wire contract).
const nullableString = z.string().nullable();

export const endpointView = z.object({
  id: z.string(),
  name: z.string(),
  definitionKey: z.string(),
  businessKeyPath: z.string(),
  eventType: nullableString,
  eventTypePath: nullableString,
  payloadPath: nullableString,
  secretName: z.string(),
  enabled: z.boolean(),
  createdBy: z.string(),
  createdAt: isoDate,
});

export const inboundDeliveryView = z.object({
  id: z.string(),
  endpointId: z.string(),
  messageId: nullableString,
  status: z.string(),
  httpStatus: z.number(),
  error: nullableString,
  eventType: nullableString,
  businessKey: nullableString,
  instanceId: nullableString,
  bodyBytes: z.number(),
  receivedAt: isoDate,
});

export const subscriptionView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  definitionKey: nullableString,
  secretName: z.string(),
  enabled: z.boolean(),
  createdBy: z.string(),
  createdAt: isoDate,
});

export const alertRuleView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  definitionKey: nullableString,
  threshold: z.number().nullable(),
  windowMinutes: z.number().nullable(),
  waitingOn: nullableString,
  stateValue: nullableString,
  waitMinutes: z.number().nullable(),
  channel: z.string(),
  url: nullableString,
  secretName: nullableString,
  emailTo: nullableString,
  enabled: z.boolean(),
  createdBy: z.string(),
  createdAt: isoDate,
});

export const outboundDeliveryView = z.object({
  id: z.string(),
  subscriptionId: nullableString,
  alertRuleId: nullableString,
  channel: z.string(),
  eventType: z.string(),
  payload: json,
  status: z.string(),
  attempts: z.number(),
  nextAttemptAt: isoDate,
  lastError: nullableString,
  createdAt: isoDate,
  deliveredAt: isoDate.nullable(),
  attemptLog: z.array(
    z.object({
      attempt: z.number(),
      ok: z.boolean(),
      httpStatus: z.number().nullable(),
      error: nullableString,
      durationMs: z.number(),
      startedAt: isoDate,
    }),
  ),
});

export const idView = z.object({ id: z.string() });
