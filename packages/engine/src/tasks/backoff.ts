export interface BackoffPolicy {
  /** Delay before the second attempt; doubles for each attempt after. */
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** Exponential backoff: the delay after the given failed attempt (1-based). */
export function backoffDelay(policy: BackoffPolicy, failedAttempt: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failedAttempt - 1));
}
