// Request-rate limits for every authenticated door into the console's server (tRPC and the HTTP API) and for
// inbound webhooks. Counted in Redis with rate-limiter-flexible (the same setup as the sign-in throttle), so every
// console process spends the same budgets: one fixed window per key, refilled whole when the window ends.
import { createHash } from 'node:crypto';
import type { createRedis } from '@switchyard/engine';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';

/** Reads: queries, subscriptions and GETs. Writes: mutations and every other method (starts, events, batches). */
export type RequestKind = 'reads' | 'writes';

export interface RateLimitFigures {
  tenantReads: number;
  tenantWrites: number;
  credentialReads: number;
  credentialWrites: number;
  /** POSTs to one inbound webhook endpoint. */
  webhook: number;
  /** The window every figure counts over: 60 in a deployment (the variables say "per minute"); tests shorten it. */
  windowSeconds: number;
}

type LimitName = Exclude<keyof RateLimitFigures, 'windowSeconds'>;

/** Each figure's variable. The defaults are well above a person's use of the console and a busy integration's. */
export const rateLimitSettings = {
  tenantReads: { env: 'RATE_LIMIT_TENANT_READS', default: 6_000, what: 'read requests' },
  tenantWrites: { env: 'RATE_LIMIT_TENANT_WRITES', default: 1_200, what: 'write requests' },
  credentialReads: { env: 'RATE_LIMIT_CREDENTIAL_READS', default: 3_000, what: 'read requests' },
  credentialWrites: { env: 'RATE_LIMIT_CREDENTIAL_WRITES', default: 600, what: 'write requests' },
  webhook: { env: 'RATE_LIMIT_WEBHOOK', default: 600, what: 'deliveries' },
} as const satisfies Record<LimitName, { env: string; default: number; what: string }>;

const perMinute = z.coerce.number().int().positive();

/** The zod shape of the RATE_LIMIT_* variables (each a count per minute), for the console's env schema. */
export const rateLimitsEnvShape = Object.fromEntries(
  Object.values(rateLimitSettings).map((s) => [s.env, perMinute.default(s.default)]),
) as Record<(typeof rateLimitSettings)[LimitName]['env'], z.ZodDefault<typeof perMinute>>;

export function rateLimitsFromEnv(env: Record<string, unknown>): RateLimitFigures {
  const figures = Object.fromEntries(
    Object.entries(rateLimitSettings).map(([name, s]) => [name, Number(env[s.env] ?? s.default)]),
  ) as Record<LimitName, number>;
  return { ...figures, windowSeconds: 60 };
}

export const DEFAULT_RATE_LIMITS: RateLimitFigures = rateLimitsFromEnv({});

/** A request over one of its budgets: the message names the limit, its figure and when to come back. */
export class RateLimitExceeded extends Error {
  constructor(
    readonly limit: string,
    readonly figure: number,
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message);
  }
}

/** Who is calling, as far as the budgets care: a person or an API token (never the token itself). */
export function credentialKey(principal: { kind: 'user'; userId: string } | { kind: 'token' }, headers: Headers) {
  if (principal.kind === 'user') return `user:${principal.userId}`;
  const bearer = /^bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '')?.[1]?.trim() ?? '';
  return `token:${createHash('sha256').update(bearer).digest('hex').slice(0, 32)}`;
}

const per = (seconds: number) => (seconds === 60 ? 'minute' : `${seconds} s`);

/**
 * The budgets of one deployment. `charge*` spends one point and throws RateLimitExceeded once the window's
 * budget is spent. If Redis cannot be reached, each process counts in memory with the same figures (the library's
 * insurance limiter) rather than refusing everything or nothing.
 */
export class RequestRateLimiter {
  private readonly limiters: Record<LimitName, RateLimiterRedis>;

  constructor(
    redis: ReturnType<typeof createRedis>,
    keyPrefix: string,
    private readonly figures: RateLimitFigures = DEFAULT_RATE_LIMITS,
  ) {
    const make = (name: LimitName) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${keyPrefix}:rate:${name}`,
        points: figures[name],
        duration: figures.windowSeconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ points: figures[name], duration: figures.windowSeconds }),
      });
    this.limiters = {
      tenantReads: make('tenantReads'),
      tenantWrites: make('tenantWrites'),
      credentialReads: make('credentialReads'),
      credentialWrites: make('credentialWrites'),
      webhook: make('webhook'),
    };
  }

  /** The person's or token's budget first, then the tenant's: a caller over its own budget spends none of the tenant's. */
  async chargeCredential(credential: string, kind: RequestKind): Promise<void> {
    const who = credential.startsWith('token:') ? 'this API token' : 'your account';
    await this.spend(kind === 'reads' ? 'credentialReads' : 'credentialWrites', credential, who);
  }

  async chargeTenant(tenantId: string, kind: RequestKind): Promise<void> {
    await this.spend(kind === 'reads' ? 'tenantReads' : 'tenantWrites', tenantId, `tenant ${tenantId}`);
  }

  async chargeWebhook(endpointId: string): Promise<void> {
    await this.spend('webhook', endpointId, `webhook endpoint ${endpointId}`);
  }

  private async spend(name: LimitName, key: string, who: string): Promise<void> {
    try {
      await this.limiters[name].consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const figure = this.figures[name];
      const { env, what } = rateLimitSettings[name];
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new RateLimitExceeded(
        env,
        figure,
        retryAfterSeconds,
        `rate limit reached: ${who} has used its ${figure} ${what} per ${per(this.figures.windowSeconds)} (${env}); try again in ${retryAfterSeconds} s`,
      );
    }
  }
}
