import { z } from 'zod';
import { instanceSummary, isoDate, timelineItem } from './schemas';

// Wire contracts of the search, incidents and saved-views procedures.
export const instanceSearchItem = instanceSummary.extend({ stateEnteredAt: isoDate });
export const instanceSearchPage = z.object({ items: z.array(instanceSearchItem), nextCursor: z.string().nullable() });
export const instanceCount = z.object({ count: z.number(), capped: z.boolean() });
export const timelineSearchResult = z.object({ entries: z.array(timelineItem), firstChangeSeq: z.number().nullable() });

export const incidentGroup = z.object({
  signature: z.string(),
  example: z.string(),
  failedTasks: z.number(),
  instances: z.number(),
  failedInstances: z.number(),
  firstSeen: isoDate,
  lastSeen: isoDate,
  versions: z.array(z.string()),
  taskTypes: z.array(z.string()),
  hourly: z.array(z.number()),
});
export const incidentsResult = z.object({ from: isoDate, to: isoDate, groups: z.array(incidentGroup) });

export const savedView = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  shared: z.boolean(),
  ownerId: z.string(),
  mine: z.boolean(),
  updatedAt: isoDate,
});
