// Deletes operational rows past their retention (store/retention.ts) on an interval, in one worker per interval
// however many run (an IntervalClaim in Redis: a worker that dies mid-pass holds nothing once the claim expires).
import type { IntervalClaim } from '../queues/interval-claim';
import { pruneOperationalRows, type PrunedCounts, type RetentionPolicy } from '../store/retention';
import type { EngineDeps } from '../deps/engine-deps';
import { runPeriodically } from './periodic';

export interface RetentionOptions {
  policy: RetentionPolicy;
  intervalMs: number;
  claim: IntervalClaim;
  /** Rows per DELETE, and DELETEs per kind and pass. */
  batchSize: number;
  maxBatches: number;
}

export const defaultRetentionSchedule = { intervalMs: 10 * 60_000, batchSize: 1_000, maxBatches: 20 };

/** One worker's tick: prunes when this worker claims the interval; null when another worker has it. */
export async function runRetentionTick(
  deps: EngineDeps,
  options: Omit<RetentionOptions, 'intervalMs'>,
): Promise<PrunedCounts | null> {
  if (!(await options.claim.claim())) return null;
  const counts = await pruneOperationalRows(deps.prisma, { now: deps.clock(), ...options });
  if (Object.values(counts).some((n) => n > 0)) deps.logger.info({ pruned: counts }, 'retention pass deleted old rows');
  return counts;
}

/** Runs the retention pass on an interval until stopped; a failed pass is logged and the next one tries again. */
export function startRetention(deps: EngineDeps, options: RetentionOptions): { stop(): Promise<void> } {
  return runPeriodically(
    deps.logger,
    { intervalMs: options.intervalMs, failureMessage: 'retention pass failed; retrying on the next pass' },
    () => runRetentionTick(deps, options),
  );
}
