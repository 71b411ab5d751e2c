import { z } from 'zod';
import { instanceIdSchema } from './ids';
import { instanceStatusSchema, taskStatusSchema } from './statuses';

// Inputs of the lists the console, the CLI and the API page through.

export const listInstancesInput = z.object({
  definitionKey: z.string().optional(),
  definitionVersion: z.number().int().positive().optional(),
  status: instanceStatusSchema.optional(),
  stateValue: z.string().optional(),
  createdFrom: z.coerce.date().optional(),
  createdTo: z.coerce.date().optional(),
  /** An instance id (exact) or a business key prefix. */
  search: z.string().trim().min(1).optional(),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListInstancesInput = z.input<typeof listInstancesInput>;

export const listTasksInput = z.object({
  instanceId: instanceIdSchema.optional(),
  status: taskStatusSchema.optional(),
  type: z.string().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListTasksInput = z.input<typeof listTasksInput>;

export const timelineInput = z.object({
  instanceId: instanceIdSchema,
  types: z.array(z.string()).optional(),
  afterSeq: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(5_000).default(1_000),
});
export type TimelineInput = z.input<typeof timelineInput>;

export const listDeadLettersInput = z.object({ limit: z.number().int().min(1).max(200).default(50) });
export type ListDeadLettersInput = z.input<typeof listDeadLettersInput>;

/** The overview's chart: started, completed and failed per minute over the last hours. */
export const throughputInput = z.object({ hours: z.number().int().min(1).max(72).default(3) });
export type ThroughputInput = z.input<typeof throughputInput>;

export const recentFailuresInput = z.object({ limit: z.number().int().min(1).max(100).default(10) });
export type RecentFailuresInput = z.input<typeof recentFailuresInput>;

/** The audit trail's filters: who, what, when. */
export const auditInput = z.object({
  actorId: z.string().optional(),
  action: z.string().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.number().int().min(1).max(500).default(200),
});
export type AuditInput = z.input<typeof auditInput>;

/** How far back the incident list looks, in hours. */
export const incidentWindows = { '24h': 24, '7d': 168 } as const;
export const incidentsInput = z.object({
  window: z.enum(['24h', '7d']).default('24h'),
  definitionKey: z.string().trim().min(1).max(200).optional(),
});
export type IncidentsInput = z.input<typeof incidentsInput>;

export const saveViewInput = z.object({
  name: z.string().trim().min(1, 'a name is required').max(80, 'at most 80 characters'),
  /** The instance list's URL query (a leading "?" is dropped). */
  query: z
    .string()
    .max(4_000, 'at most 4000 characters')
    .transform((q) => q.replace(/^\?/, '')),
  shared: z.boolean().default(false),
});
export type SaveViewInput = z.input<typeof saveViewInput>;
export const viewIdInput = z.object({ viewId: z.string().uuid('expected a view id (a UUID)') });
export type ViewIdInput = z.input<typeof viewIdInput>;

/** Whose outbound deliveries: the webhook subscriptions' or the alert rules'. */
export const outboundSources = ['subscriptions', 'alerts'] as const;
export const listOutboundDeliveriesInput = z.object({
  source: z.enum(outboundSources),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListOutboundDeliveriesInput = z.input<typeof listOutboundDeliveriesInput>;

export const listInboundDeliveriesInput = z.object({
  endpointId: z.string().uuid('expected an endpoint id (a UUID)').optional(),
});
export type ListInboundDeliveriesInput = z.input<typeof listInboundDeliveriesInput>;
