import type { RedisConnection } from './connection';
import { switchyardKeyPrefix } from './keys';

/**
 * Work that one worker should do per interval however many workers run (alert rule evaluation, retention): each
 * worker's timer asks `claim()`, and only the one whose SET NX succeeds does the work. The key expires by itself, so
 * a worker that crashes mid-pass holds nothing: the next tick after the expiry goes to whichever worker asks first.
 * The key lives for 90% of the interval, so timers that drift a few milliseconds still find it gone at their next tick.
 */
export class IntervalClaim {
  private readonly key: string;

  constructor(
    private readonly redis: RedisConnection,
    prefix: string | undefined,
    name: string,
    private readonly intervalMs: number,
    private readonly holder: string,
  ) {
    this.key = `${switchyardKeyPrefix(prefix)}:sy-interval:${name}`;
  }

  /** True when this caller does this interval's work. */
  async claim(): Promise<boolean> {
    const ttl = Math.max(1, Math.floor(this.intervalMs * 0.9));
    return (await this.redis.set(this.key, this.holder, 'PX', ttl, 'NX')) === 'OK';
  }
}
