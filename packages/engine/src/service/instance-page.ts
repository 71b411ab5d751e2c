// One instance with one page of its timeline: what `show` prints and what the HTTP API's GET answers, so both
// page the same way.
import { z } from 'zod';
import type { TenantContext } from '../contracts/actor';
import type { EngineDeps } from '../deps/engine-deps';
import { parseInput } from './parse-input';
import { getInstance, getTimeline, type InstanceDetail, type TimelineItem } from './queries';

/** Which slice of the timeline a page holds, and where the next one starts. */
export interface TimelinePage {
  afterSeq: number;
  limit: number;
  /** The instance's last sequence number: entries after the page exist when nextSeq is below it. */
  lastSeq: number;
  truncated: boolean;
  /** Pass as afterSeq (`--after-seq`) for the next page; null on the last page. */
  nextSeq: number | null;
}

export const TIMELINE_PAGE_DEFAULT = 1_000;
export const TIMELINE_PAGE_MAX = 5_000;

export const instancePageInput = z.object({
  instanceId: z.string().uuid('expected an instance id (a UUID)'),
  afterSeq: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0),
  limit: z.number().int().min(1).max(TIMELINE_PAGE_MAX).default(TIMELINE_PAGE_DEFAULT),
});

/** The instance and the timeline entries after `afterSeq` (at most `limit`), with where the next page starts. */
export async function getInstancePage(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: z.input<typeof instancePageInput>,
): Promise<{ instance: InstanceDetail; timeline: TimelineItem[]; timelinePage: TimelinePage }> {
  const { instanceId, afterSeq, limit } = parseInput(instancePageInput, raw);
  const instance = await getInstance(deps, ctx, { instanceId });
  const timeline = await getTimeline(deps, ctx, { instanceId, afterSeq, limit });
  const lastShown = timeline.at(-1)?.seq ?? afterSeq;
  const truncated = lastShown < instance.lastSeq;
  return {
    instance,
    timeline,
    timelinePage: { afterSeq, limit, lastSeq: instance.lastSeq, truncated, nextSeq: truncated ? lastShown : null },
  };
}
