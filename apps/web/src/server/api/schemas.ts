// The HTTP API's wire contract: request schemas (validated at the door, then again by the service) and response
// schemas (the console's own output schemas, so the API and the console describe an instance the same way).
// The OpenAPI document is generated from these; nothing about the wire is written twice.
import {
  instanceIdSchema,
  instanceStatusSchema,
  reasonSchema,
  sendEventInput,
  startInstanceInput,
  taskIdSchema,
} from '@switchyard/engine/contracts';
import { instanceFilterSchema, parseCondition, SEARCH_LIMITS } from '@switchyard/engine/search';
import { TIMELINE_PAGE_DEFAULT, TIMELINE_PAGE_MAX } from '@switchyard/engine';
import { z } from 'zod';
import { definitionSummary, instanceDetail, timelineItem } from '../schemas';
import { instanceSearchItem } from '../search-schemas';

// Request bodies are the service's own input schemas (contracts), with the documentation the OpenAPI document shows.
export const instanceIdParam = z.object({
  instanceId: instanceIdSchema.meta({
    description: 'The instance id.',
    example: '7b6f1c1e-4f0a-4d2b-9c1a-3e0f5d8a9b10',
  }),
});
export const taskIdParam = z.object({ taskId: taskIdSchema.meta({ description: 'The task id.' }) });

const start = startInstanceInput.shape;
export const startInstanceBody = z
  .object({
    definitionKey: start.definitionKey.meta({ example: 'hello-workflow' }),
    version: start.version.meta({ description: 'A published version; the latest by default.' }),
    input: start.input.meta({
      description: 'The start input: merged over the spec context (shallowly) and sent as the WORKFLOW_START payload.',
      example: { name: 'Ada' },
    }),
    businessKey: start.businessKey.meta({
      description:
        'Idempotency: one instance per definition key and business key. A repeat with the same version and input ' +
        'answers 200 with the existing instance (`created: false`); a different version or input is a 409. ' +
        'The `Idempotency-Key` header is taken as the business key when this field is absent.',
      example: 'order-1042',
    }),
  })
  .meta({ id: 'StartInstance' });

export const startInstanceResult = z
  .object({
    instanceId: z.string(),
    created: z.boolean().meta({ description: 'false: the business key had already started this instance.' }),
    definitionVersion: z.number().int(),
    status: instanceStatusSchema.meta({ description: 'The instance status now.' }),
  })
  .meta({ id: 'StartedInstance' });

const send = sendEventInput.shape;
export const sendEventBody = z
  .object({
    type: send.type.meta({ description: 'The event name.', example: 'APPROVE' }),
    payload: send.payload.meta({ description: 'Any JSON; the transition reads it as `event.payload`.' }),
    reason: send.reason.meta({ description: 'Recorded in the timeline with the event.' }),
  })
  .meta({ id: 'SendEvent' });

export const sendEventResult = z
  .object({
    messageId: z.string().meta({ description: 'The outbox message; the timeline names it once the event is applied.' }),
  })
  .meta({ id: 'QueuedEvent' });

export const reasonBody = z
  .object({ reason: reasonSchema.meta({ description: 'Why: recorded in the timeline.', example: 'customer asked' }) })
  .meta({ id: 'Reason' });

export const cancelResult = z
  .object({ instanceId: z.string(), cancelledTasks: z.number().int() })
  .meta({ id: 'CancelledInstance' });
export const retryResult = z.object({ taskId: z.string() }).meta({ id: 'RetriedTask' });

export const instancePageQuery = z.object({
  afterSeq: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0)
    .meta({ description: 'Timeline entries after this sequence number (the previous page’s `nextSeq`).' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(TIMELINE_PAGE_MAX)
    .default(TIMELINE_PAGE_DEFAULT)
    .meta({ description: `At most this many timeline entries (up to ${TIMELINE_PAGE_MAX}).` }),
});

export const instanceView = instanceDetail.omit({ graph: true, quickEvents: true }).meta({ id: 'Instance' });
export const timelinePage = z
  .object({
    afterSeq: z.number().int(),
    limit: z.number().int(),
    lastSeq: z.number().int().meta({ description: 'The instance’s last sequence number.' }),
    truncated: z.boolean(),
    nextSeq: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Pass as `afterSeq` for the next page; null on the last.' }),
  })
  .meta({ id: 'TimelinePage' });
export const instancePage = z
  .object({
    instance: instanceView,
    timeline: z.array(timelineItem.meta({ id: 'TimelineEntry' })),
    timelinePage,
  })
  .meta({ id: 'InstanceWithTimeline' });

const date = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(new Date(v).getTime()), 'expected a date (ISO 8601, e.g. 2026-12-01T00:00:00Z)');
const { shape } = instanceFilterSchema;

/** The console's instance-list filters, under the names the console keeps in its URL (`/instances?…`). */
export const listInstancesQuery = z.object({
  where: z
    .array(
      z
        .string()
        .max(SEARCH_LIMITS.value + 600)
        .superRefine((text, ctx) => {
          const parsed = parseCondition(text);
          if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
        }),
    )
    .max(SEARCH_LIMITS.conditions, `at most ${SEARCH_LIMITS.conditions} conditions`)
    .optional()
    .meta({
      description:
        'A condition `<path> <op> <value>` on the context or start input (ops `= != > >= < <= ~`, or `exists` / ' +
        '`missing`); repeat the parameter for more (all must hold).',
      example: ['context.amount > 1000'],
    }),
  status: shape.status,
  state: z.string().trim().min(1).max(200).optional().meta({ description: 'The current state.' }),
  definition: shape.definitionKey.meta({ description: 'The definition key.' }),
  version: z.coerce.number().int().positive().optional().meta({ description: 'The definition version.' }),
  from: date.optional().meta({ description: 'Created at or after.' }),
  to: date.optional().meta({ description: 'Created at or before.' }),
  ufrom: date.optional().meta({ description: 'Updated at or after.' }),
  uto: date.optional().meta({ description: 'Updated at or before.' }),
  q: shape.search.meta({ description: 'An instance id, or a business key prefix.' }),
  waiting: shape.waitingLongerThan.meta({
    description: 'Running and in its state longer than this (`15m`, `1h`, `2d`).',
  }),
  task: shape.taskType.meta({ description: 'Has a task of this type.' }),
  error: shape.errorText.meta({ description: 'Has a task whose last error contains this text.' }),
  sig: shape.errorSignature.meta({ description: 'Has a failed task with this error signature.' }),
  cursor: z.string().max(200).optional().meta({ description: 'The previous page’s `nextCursor`.' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const instanceListPage = z
  .object({
    items: z.array(instanceSearchItem.meta({ id: 'InstanceSummary' })),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
  })
  .meta({ id: 'InstanceList' });

export const definitionList = z
  .object({
    items: z.array(
      definitionSummary
        .extend({
          versions: z.number().int().meta({ description: 'Published versions.' }),
          instances: z.number().int(),
        })
        .meta({ id: 'Definition' }),
    ),
  })
  .meta({ id: 'DefinitionList' });
