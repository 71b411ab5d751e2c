// Search inside one instance's timeline: by kind, text, actor and the context path an entry changed.
import { z } from 'zod';

const contextPath = z
  .string()
  .trim()
  .max(600, 'at most 600 characters')
  .transform((p) => p.replace(/^context\./, ''))
  .refine(
    (p) => /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){0,15}$/.test(p),
    'expected a context path such as customer.tier (letters, digits, _ and -, dot separated)',
  );

export const timelineSearchSchema = z.object({
  instanceId: z.string().uuid('expected an instance id (a UUID)'),
  /** Entry kinds, e.g. ["transition", "task.failed"]. */
  types: z.array(z.string().max(64)).max(40).optional(),
  /** Case-insensitive text anywhere in the entry: kind, state, payload. */
  text: z.string().trim().min(1).max(200).optional(),
  /** Case-insensitive part of "actorType:actorId", e.g. "operator:" or "ai". */
  actor: z.string().trim().min(1).max(200).optional(),
  /** Context path the entry changed (itself, a parent or a child of it); "context." is optional. */
  path: contextPath.optional(),
  limit: z.number().int().min(1).max(5_000).default(1_000),
});
export type TimelineSearchInput = z.input<typeof timelineSearchSchema>;

/** Whether a change at `changed` touches `path`: the same path, a parent assigned whole, or a child of it. */
export function pathTouches(changed: string, path: string): boolean {
  return changed === path || changed.startsWith(`${path}.`) || path.startsWith(`${changed}.`);
}
