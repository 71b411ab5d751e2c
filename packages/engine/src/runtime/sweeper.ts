import type { Actor } from '../contracts/actor';
import { claimStaleOutbox, pruneProcessedOutbox, requeueExpiredLeases } from '../store/sweeps';
import type { EngineDeps } from '../deps/engine-deps';
import { runPeriodically } from './periodic';

export interface SweeperOptions {
  intervalMs: number;
  /** How long a committed message may wait for its consumer before the sweeper publishes it (again). */
  graceMs: number;
  republishAfterMs: number;
  worker: Actor;
}

/** One pass: republish stale outbox rows and requeue tasks whose worker died. Returns how many it touched. */
export async function sweepOnce(
  deps: EngineDeps,
  options: SweeperOptions,
): Promise<{ republished: number; requeued: number }> {
  const now = deps.clock();
  const requeued = await requeueExpiredLeases(deps, { now, worker: options.worker, limit: 200 });
  await deps.publisher.publishOrDefer(requeued, now);
  const stale = await claimStaleOutbox(deps.prisma, {
    now,
    graceMs: options.graceMs,
    republishAfterMs: options.republishAfterMs,
    limit: 1_000,
  });
  const republished = await deps.publisher.republish(stale, now);
  return { republished, requeued: requeued.length };
}

/** Runs the sweeper on an interval until stopped; errors are logged and the next pass tries again. */
export function startSweeper(deps: EngineDeps, options: SweeperOptions): { stop(): Promise<void> } {
  let lastPrune = 0;
  return runPeriodically(
    deps.logger,
    { intervalMs: options.intervalMs, failureMessage: 'sweep failed; retrying on the next tick' },
    async () => {
      const { republished, requeued } = await sweepOnce(deps, options);
      if (republished + requeued > 0) deps.logger.info({ republished, requeued }, 'sweeper recovered work');
      if (Date.now() - lastPrune > 60_000) {
        lastPrune = Date.now();
        await pruneProcessedOutbox(deps.prisma, { now: deps.clock(), keepMs: 60 * 60_000 });
      }
    },
  );
}
