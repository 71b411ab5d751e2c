import { instanceStatusSchema, taskStatusSchema } from '@switchyard/engine/contracts';
import { z } from 'zod';

// Output schemas: the wire contract of the console. Dates leave the server as ISO strings, so the
// client's types say what JSON actually carries (no transformer needed).
export const isoDate = z.date().transform((d) => d.toISOString());
export const json: z.ZodType<unknown> = z.unknown();

export const definitionSummary = z.object({
  id: z.string(),
  key: z.string(),
  version: z.number(),
  name: z.string(),
  message: z.string().nullable(),
  publishedBy: z.string(),
  publishedAt: isoDate,
});

export const specGraph = z.object({
  nodes: z.array(z.object({ id: z.string(), initial: z.boolean(), final: z.boolean() })),
  edges: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      target: z.string(),
      event: z.string(),
      guard: z.string().optional(),
      alternative: z.number(),
      tasks: z.array(z.object({ type: z.string(), name: z.string() })),
      assigns: z.array(z.string()),
    }),
  ),
});

export const taskView = z.object({
  id: z.string(),
  instanceId: z.string(),
  type: z.string(),
  name: z.string(),
  status: taskStatusSchema,
  attempts: z.number(),
  maxAttempts: z.number(),
  input: json,
  output: json,
  runAt: isoDate.nullable(),
  nextRunAt: isoDate,
  lastError: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  completionEvent: z.string().nullable(),
  createdAt: isoDate,
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
});

export const instanceSummary = z.object({
  id: z.string(),
  definitionKey: z.string(),
  definitionVersion: z.number(),
  businessKey: z.string().nullable(),
  status: instanceStatusSchema,
  stateValue: z.string(),
  version: z.number(),
  createdAt: isoDate,
  updatedAt: isoDate,
  completedAt: isoDate.nullable(),
  /** Set while an operator has paused it. */
  pausedAt: isoDate.nullable(),
});

export const instanceDetail = instanceSummary.extend({
  context: z.record(z.string(), json),
  input: json,
  createdBy: z.string(),
  cancelledAt: isoDate.nullable(),
  lastSeq: z.number(),
  acceptedEvents: z.array(z.string()),
  tasks: z.array(taskView),
  graph: specGraph,
  /** The accepted events the header may offer as one-click buttons (no engine, task-result or awaited-decision events). */
  quickEvents: z.array(z.string()),
  /** The runaway guard that stopped the instance, if one did. */
  guardTripped: z.string().nullable(),
});

export const deadLetterView = z.object({
  id: z.string(),
  instanceId: z.string(),
  definitionKey: z.string().nullable(),
  instanceStatus: z.string().nullable(),
  event: z.string(),
  payload: json,
  failures: z.number(),
  lastError: z.string().nullable(),
  createdAt: isoDate,
  deadLetteredAt: isoDate,
});

export const timelineItem = z.object({
  seq: z.number(),
  type: z.string(),
  actorType: z.string(),
  actorId: z.string(),
  stateValue: z.string().nullable(),
  taskId: z.string().nullable(),
  payload: json,
  /** The OpenTelemetry trace id (32 hex digits) the entry was written in, when tracing is on. */
  traceId: z.string().nullable(),
  createdAt: isoDate,
});

/** Validates every value an async generator yields (tRPC applies `.output()` to the iterable itself). */
export function asyncIterableOf<T extends z.ZodType>(item: T) {
  return z
    .custom<AsyncIterable<z.input<T>>>(
      (value) => typeof value === 'object' && value !== null && Symbol.asyncIterator in value,
    )
    .transform(async function* (iterable): AsyncGenerator<z.output<T>, void, unknown> {
      for await (const value of iterable) yield item.parse(value);
    });
}
