import type { LockedInstance } from './sql/instance-statements';

/** Why an event for this instance waits instead of being applied, or null when it may be applied now. */
export type HoldReason = { by: 'guard'; reason: string } | { by: 'pause'; reason: string } | null;

export const PAUSED_REASON =
  'instance is paused by an operator; the event is held and applied, in order, when the instance is resumed';

/**
 * The one check every apply path makes after locking an instance (one event at a time or several together): a
 * runaway guard that stopped it, or an operator's pause, holds the event. `applyingHeld` is set while a resume
 * applies the events a pause held, which must go through.
 */
export function holdReason(
  instance: Pick<LockedInstance, 'guardTripped' | 'paused'>,
  options: { applyingHeld?: boolean } = {},
): HoldReason {
  if (instance.guardTripped)
    return {
      by: 'guard',
      reason: `instance was stopped by the runaway guard ${instance.guardTripped}; the event is held until an operator raises the cap and resumes it`,
    };
  if (instance.paused && !options.applyingHeld) return { by: 'pause', reason: PAUSED_REASON };
  return null;
}
