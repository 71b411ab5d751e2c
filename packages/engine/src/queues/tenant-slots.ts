import type { RedisConnection } from './connection';
import { switchyardKeyPrefix } from './keys';
import type { SlotKind } from '../contracts/jobs';

// One sorted set per tenant and kind: members are the jobs holding a slot, scores their lease expiry (epoch ms).
// Expired members are dropped first, so a worker that died frees its slots when their leases run out.
// KEYS[2] holds the tenants with work recently published or picked up (score: when). Over its cap, a tenant may
// borrow a slot only when ARGV[7] allows it and no other tenant is active: fair when others wait, idle slots used.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[6])
if redis.call('ZSCORE', KEYS[1], ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
  return 1
end
local take = redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2])
if not take and ARGV[7] ~= '0' then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[7]))
  take = redis.call('ZCARD', KEYS[2]) <= 1
end
if take then
  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0`;

const REFRESH = `
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1`;

// Frees a slot and hands the turn to the tenant's longest-parked job of that kind (its id, or false when none waits).
const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
local next = redis.call('ZPOPMIN', KEYS[2])
return next[1] or false`;

/** How long a tenant counts as active (wanting slots) after its last published or picked-up job. */
export const ACTIVE_WINDOW_MS = 2_000;

/** The sorted set of recently active tenants, shared by publishers and consumers under one BullMQ prefix. */
export function activeTenantsKey(prefix: string | undefined): string {
  return `${switchyardKeyPrefix(prefix)}:sy-active-tenants`;
}

/**
 * Per-tenant concurrency counted in Redis across every worker: at most `cap` jobs of one tenant hold a slot of
 * one kind at a time. A slot is a lease, refreshed while its job runs, so a crashed worker cannot leak it.
 */
export class TenantSlots {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string | undefined,
  ) {}

  private key(kind: SlotKind, tenantId: string): string {
    return `${switchyardKeyPrefix(this.prefix)}:sy-slots:${kind}:${tenantId}`;
  }

  private parkedKey(kind: SlotKind, tenantId: string): string {
    return `${switchyardKeyPrefix(this.prefix)}:sy-parked:${kind}:${tenantId}`;
  }

  /**
   * Takes a slot for `member` if the tenant holds fewer than `cap` — or, with `borrowWhenAlone`, if no other tenant
   * has been active within ACTIVE_WINDOW_MS. True when the slot is held (again) by `member`.
   */
  async acquire(
    kind: SlotKind,
    tenantId: string,
    member: string,
    cap: number,
    leaseMs: number,
    options: { borrowWhenAlone?: boolean; now?: number } = {},
  ): Promise<boolean> {
    const now = options.now ?? Date.now();
    const window = options.borrowWhenAlone ? ACTIVE_WINDOW_MS : 0;
    const held = await this.redis.eval(
      ACQUIRE,
      2,
      this.key(kind, tenantId),
      activeTenantsKey(this.prefix),
      now,
      cap,
      member,
      now + leaseMs,
      leaseMs * 2,
      tenantId,
      window,
    );
    return held === 1;
  }

  /** Pushes a held slot's lease forward while its job still runs. */
  async refresh(
    kind: SlotKind,
    tenantId: string,
    member: string,
    leaseMs: number,
    now: number = Date.now(),
  ): Promise<void> {
    await this.redis.eval(REFRESH, 1, this.key(kind, tenantId), member, now + leaseMs, leaseMs * 2);
  }

  /**
   * Records that `member` waits for one of the tenant's slots (it was refused one): the next release of a slot of
   * this kind hands it the turn. Kept `keepMs`, so a tenant that went away leaves nothing behind.
   */
  async park(kind: SlotKind, tenantId: string, member: string, keepMs: number, now = Date.now()): Promise<void> {
    const key = this.parkedKey(kind, tenantId);
    await this.redis.zadd(key, 'NX', now, member);
    await this.redis.pexpire(key, keepMs);
  }

  /** Frees `member`'s slot; returns the tenant's longest-parked job of this kind, now due for its turn. */
  async release(kind: SlotKind, tenantId: string, member: string): Promise<string | undefined> {
    const next = await this.redis.eval(RELEASE, 2, this.key(kind, tenantId), this.parkedKey(kind, tenantId), member);
    return typeof next === 'string' ? next : undefined;
  }

  /** How many slots a tenant holds now (for tests and the drill). */
  async held(kind: SlotKind, tenantId: string, now: number = Date.now()): Promise<number> {
    return this.redis.zcount(this.key(kind, tenantId), now, '+inf');
  }
}
