import { batchStatusSchema } from '@switchyard/engine/contracts';
import { z } from 'zod';
import { isoDate } from './schemas';

const json = z.unknown();

/** What a move will do (previewMove) or did (move). */
export const movePreview = z.object({
  instanceId: z.string(),
  from: z.string(),
  to: z.string(),
  via: z.object({ from: z.string(), event: z.string() }).nullable(),
  cancelTasks: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() })),
  createTasks: z.array(z.object({ name: z.string(), type: z.string(), input: json })),
  contextChanges: z.array(z.object({ path: z.string(), before: json.optional(), after: json.optional() })),
  context: z.record(z.string(), json),
  warnings: z.array(z.string()),
  completes: z.boolean(),
});

export const batchPreview = z.object({
  count: z.number(),
  capped: z.boolean(),
  groups: z.array(z.object({ text: z.string(), act: z.boolean(), count: z.number() })),
  sample: z.array(
    z.object({
      id: z.string(),
      businessKey: z.string().nullable(),
      status: z.string(),
      stateValue: z.string(),
      outcome: z.object({ act: z.boolean(), text: z.string() }),
    }),
  ),
});

export const batchView = z.object({
  id: z.string(),
  action: z.string(),
  params: json,
  query: json,
  queryString: z.string(),
  reason: z.string(),
  createdBy: z.string(),
  status: batchStatusSchema,
  total: z.number(),
  succeeded: z.number(),
  skipped: z.number(),
  failed: z.number(),
  ratePerSecond: z.number(),
  createdAt: isoDate,
  updatedAt: isoDate,
  finishedAt: isoDate.nullable(),
});

export const batchWithItems = batchView.extend({
  items: z.array(
    z.object({
      instanceId: z.string(),
      status: z.string(),
      message: z.string().nullable(),
      updatedAt: isoDate.nullable(),
    }),
  ),
});
