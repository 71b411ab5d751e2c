import { z } from 'zod';

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
