import { createHash } from 'node:crypto';
import type { createRedis } from '@switchyard/engine';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** The figures the README states: failed sign-ins allowed per window before every attempt is refused. */
export const SIGN_IN_LIMITS: SignInLimits = {
  perAccount: { failures: 5, windowSeconds: 15 * 60 },
  perAddress: { failures: 20, windowSeconds: 15 * 60 },
};

export interface SignInLimits {
  perAccount: { failures: number; windowSeconds: number };
  perAddress: { failures: number; windowSeconds: number };
}

export interface ThrottleVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

// Keys hold a hash of the email, so Redis never lists who tried to sign in.
const accountKey = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);

/**
 * Counts failed sign-ins per account and per client address in Redis (rate-limiter-flexible's atomic
 * counters), so every console process shares them. Once either budget is spent, every attempt is refused
 * — the right password included — until that window ends.
 */
export class SignInThrottle {
  private readonly account: RateLimiterRedis;
  private readonly address: RateLimiterRedis;

  constructor(
    redis: ReturnType<typeof createRedis>,
    keyPrefix: string,
    private readonly limits: SignInLimits = SIGN_IN_LIMITS,
  ) {
    this.account = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:signin:account`,
      points: limits.perAccount.failures,
      duration: limits.perAccount.windowSeconds,
    });
    this.address = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:signin:address`,
      points: limits.perAddress.failures,
      duration: limits.perAddress.windowSeconds,
    });
  }

  /** Whether an attempt may go ahead now. */
  async check(email: string, address: string): Promise<ThrottleVerdict> {
    const [byAccount, byAddress] = await Promise.all([this.account.get(accountKey(email)), this.address.get(address)]);
    const blocked = [
      { res: byAccount, points: this.limits.perAccount.failures },
      { res: byAddress, points: this.limits.perAddress.failures },
    ].filter((b) => b.res !== null && b.res.consumedPoints >= b.points);
    if (blocked.length === 0) return { allowed: true, retryAfterSeconds: 0 };
    const waitMs = Math.max(...blocked.map((b) => b.res!.msBeforeNext));
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Counts a failed attempt against both budgets. */
  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.all([
      swallowLimit(this.account.consume(accountKey(email))),
      swallowLimit(this.address.consume(address)),
    ]);
  }

  /** Counts an attempt against the address budget only (sign-up: there is no account to protect yet). */
  async recordAttempt(address: string): Promise<void> {
    await swallowLimit(this.address.consume(address));
  }

  /** A correct password clears the account's failures (they were the owner's typos), not the address's. */
  async recordSuccess(email: string): Promise<void> {
    await this.account.delete(accountKey(email));
  }

  /** Whether the address alone may go ahead (sign-up). */
  async checkAddress(address: string): Promise<ThrottleVerdict> {
    const res = await this.address.get(address);
    if (!res || res.consumedPoints < this.limits.perAddress.failures) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
  }
}

// consume() rejects with a RateLimiterRes once the budget is spent: that is the state we record, not an error.
async function swallowLimit(consumed: Promise<RateLimiterRes>): Promise<void> {
  try {
    await consumed;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
  }
}
