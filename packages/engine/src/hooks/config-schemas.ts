// What an admin configures for webhooks and alert rules, validated once here: the service parses with these and
// the tRPC routers reuse them, so a refusal names the field and what was expected wherever it comes from.
import { z } from 'zod';
import { definitionIdProblem, eventNameSchema } from '../contracts/names';
import { reasonSchema } from '../contracts/reason';
import { SECRET_NAME_PATTERN, SECRET_NAME_RULE } from '../spec/secret-refs';
import { dotPathSchema } from './dot-path';

/** The timeline facts a subscription may ask for. */
export const SUBSCRIBABLE_EVENTS = [
  'instance.completed',
  'instance.failed',
  'instance.cancelled',
  'decision.awaiting_approval',
  'task.failed',
] as const;

export const ALERT_KINDS = ['instance_failed', 'incident_rate', 'waiting_too_long'] as const;

/** Per tenant: endpoints, subscriptions and alert rules each. */
export const HOOK_CONFIGS_PER_TENANT = 50;

const name = z.string().trim().min(1, 'expected a name').max(100, 'expected a name of at most 100 characters');
const reason = reasonSchema.optional();
const secretName = z.string().regex(SECRET_NAME_PATTERN, `expected the name of a tenant secret: ${SECRET_NAME_RULE}`);
const definitionKey = z.string().superRefine((key, ctx) => {
  const problem = definitionIdProblem(key);
  if (problem) ctx.addIssue({ code: 'custom', message: `expected a definition key: ${problem}` });
});
const url = z
  .string()
  .max(2_000, 'expected a URL of at most 2000 characters')
  .url('expected an http:// or https:// URL')
  .refine((u) => /^https?:\/\//i.test(u), 'expected an http:// or https:// URL');
const email = z.string().trim().max(320).email('expected an email address');
const minutes = (what: string) =>
  z.number().int().min(1, `expected ${what} of at least 1 minute`).max(43_200, `expected ${what} of at most 30 days`);

export const createEndpointInput = z
  .object({
    name,
    definitionKey,
    businessKeyPath: dotPathSchema,
    eventType: eventNameSchema.optional(),
    eventTypePath: dotPathSchema.optional(),
    payloadPath: dotPathSchema.optional(),
    secretName,
    reason,
  })
  .refine((e) => (e.eventType === undefined) !== (e.eventTypePath === undefined), {
    message: 'expected exactly one of eventType (a fixed event) or eventTypePath (read from the body)',
    path: ['eventType'],
  });

export const createSubscriptionInput = z.object({
  name,
  url,
  events: z.array(z.enum(SUBSCRIBABLE_EVENTS)).min(1, 'expected at least one event').max(SUBSCRIBABLE_EVENTS.length),
  definitionKey: definitionKey.optional(),
  secretName,
  reason,
});

export const createAlertRuleInput = z
  .object({
    name,
    kind: z.enum(ALERT_KINDS),
    definitionKey: definitionKey.optional(),
    threshold: z.number().int().min(0).max(1_000_000).optional(),
    windowMinutes: minutes('a window').optional(),
    waitingOn: z.enum(['decision', 'state']).optional(),
    stateValue: z.string().min(1).max(100).optional(),
    waitMinutes: minutes('a wait').optional(),
    channel: z.enum(['webhook', 'email']),
    url: url.optional(),
    secretName: secretName.optional(),
    emailTo: email.optional(),
    reason,
  })
  .superRefine((rule, ctx) => {
    const need = (field: keyof typeof rule, why: string) => {
      if (rule[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `expected ${field} ${why}` });
    };
    if (rule.kind === 'incident_rate') {
      need('threshold', 'for an incident rule (fires when the count rises above it)');
      need('windowMinutes', 'for an incident rule');
    }
    if (rule.kind === 'waiting_too_long') {
      need('waitingOn', 'for a waiting rule ("decision" or "state")');
      need('waitMinutes', 'for a waiting rule');
    }
    if (rule.channel === 'webhook') {
      need('url', 'for a webhook channel');
      need('secretName', 'for a webhook channel (the tenant secret that signs it)');
    } else need('emailTo', 'for an email channel');
  });

export const idInput = z.object({ id: z.string().uuid('expected an id (a UUID)'), reason });
