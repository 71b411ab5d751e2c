import type { Redis } from './connection';

// One sorted set per tenant and kind: members are the jobs holding a slot, scores their lease expiry (epoch ms).
// Expired members are dropped first, so a worker that died frees its slots when their leases run out.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
  return 1
end
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
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

export type SlotKind = 'task' | 'orchestrator';

/**
 * Per-tenant concurrency counted in Redis across every worker: at most `cap` jobs of one tenant hold a slot of
 * one kind at a time. A slot is a lease, refreshed while its job runs, so a crashed worker cannot leak it.
 */
export class TenantSlots {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(kind: SlotKind, tenantId: string): string {
    return `${this.prefix}:sy-slots:${kind}:${tenantId}`;
  }

  /** Takes a slot for `member` if the tenant holds fewer than `cap`; true when held (again) by `member`. */
  async acquire(kind: SlotKind, tenantId: string, member: string, cap: number, leaseMs: number, now: number = Date.now()): Promise<boolean> {
    const held = await this.redis.eval(ACQUIRE, 1, this.key(kind, tenantId), now, cap, member, now + leaseMs, leaseMs * 2);
    return held === 1;
  }

  /** Pushes a held slot's lease forward while its job still runs. */
  async refresh(kind: SlotKind, tenantId: string, member: string, leaseMs: number, now: number = Date.now()): Promise<void> {
    await this.redis.eval(REFRESH, 1, this.key(kind, tenantId), member, now + leaseMs, leaseMs * 2);
  }

  async release(kind: SlotKind, tenantId: string, member: string): Promise<void> {
    await this.redis.zrem(this.key(kind, tenantId), member);
  }

  /** How many slots a tenant holds now (for tests and the drill). */
  async held(kind: SlotKind, tenantId: string, now: number = Date.now()): Promise<number> {
    return this.redis.zcount(this.key(kind, tenantId), now, '+inf');
  }
}
