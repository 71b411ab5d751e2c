// Request-rate limits for every authenticated door into the console's server (tRPC and the HTTP API) and for
// inbound webhooks. Counted in Redis with rate-limiter-flexible (the same setup as the sign-in throttle), so every
// console process spends the same budgets: one fixed window per key, refilled whole when the window ends.
import { createHash } from 'node:crypto';
import type { createRedis, Engine } from '@switchyard/engine';
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

/** Reads a tenant's own request rates from its row (what `tenant-caps --reads/--writes` set). */
export const tenantRatesFrom =
  (engine: Engine): TenantRates =>
  (tenantId) =>
    engine.deps.prisma.tenant.findUnique({
      where: { id: tenantId },
      select: { readsPerMinute: true, writesPerMinute: true },
    });

/** A tenant's own request rates (Tenant.readsPerMinute / writesPerMinute, set with `tenant-caps`); null: the default. */
export type TenantRates = (
  tenantId: string,
) => Promise<{ readsPerMinute: number | null; writesPerMinute: number | null } | null>;

/** How long a tenant's own rates are cached: a change reaches every console within this. */
const TENANT_RATES_TTL_MS = 5_000;

/**
 * The budgets of one deployment. `charge*` spends one point and throws RateLimitExceeded once the window's
 * budget is spent. If Redis cannot be reached, each process counts in memory with the same figures (the library's
 * insurance limiter) rather than refusing everything or nothing.
 */
export class RequestRateLimiter {
  private readonly limiters = new Map<string, RateLimiterRedis>();
  private readonly tenantCache = new Map<string, { reads: number; writes: number; until: number }>();

  constructor(
    private readonly redis: ReturnType<typeof createRedis>,
    private readonly keyPrefix: string,
    private readonly figures: RateLimitFigures = DEFAULT_RATE_LIMITS,
    private readonly tenantRates?: TenantRates,
  ) {}

  /** One limiter per budget and figure; a tenant's own figure shares the keys of the default's (one count per tenant). */
  private limiter(name: LimitName, points: number): RateLimiterRedis {
    const id = `${name}:${points}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.keyPrefix}:rate:${name}`,
        points,
        duration: this.figures.windowSeconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ points, duration: this.figures.windowSeconds }),
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  private async tenantFigure(tenantId: string, kind: RequestKind): Promise<number> {
    if (!this.tenantRates) return kind === 'reads' ? this.figures.tenantReads : this.figures.tenantWrites;
    const now = Date.now();
    let entry = this.tenantCache.get(tenantId);
    if (!entry || entry.until < now) {
      const own = await this.tenantRates(tenantId);
      entry = {
        reads: own?.readsPerMinute ?? this.figures.tenantReads,
        writes: own?.writesPerMinute ?? this.figures.tenantWrites,
        until: now + TENANT_RATES_TTL_MS,
      };
      this.tenantCache.set(tenantId, entry);
    }
    return entry[kind];
  }

  /** The person's or token's budget first, then the tenant's: a caller over its own budget spends none of the tenant's. */
  async chargeCredential(credential: string, kind: RequestKind): Promise<void> {
    const who = credential.startsWith('token:') ? 'this API token' : 'your account';
    await this.spend(kind === 'reads' ? 'credentialReads' : 'credentialWrites', credential, who);
  }

  async chargeTenant(tenantId: string, kind: RequestKind): Promise<void> {
    const figure = await this.tenantFigure(tenantId, kind);
    await this.spend(kind === 'reads' ? 'tenantReads' : 'tenantWrites', tenantId, `tenant ${tenantId}`, figure);
  }

  async chargeWebhook(endpointId: string): Promise<void> {
    await this.spend('webhook', endpointId, `webhook endpoint ${endpointId}`);
  }

  private async spend(name: LimitName, key: string, who: string, figure = this.figures[name]): Promise<void> {
    try {
      await this.limiter(name, figure).consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const { what } = rateLimitSettings[name];
      const env =
        figure === this.figures[name]
          ? rateLimitSettings[name].env
          : `the tenant's own limit, tenant-caps --${name === 'tenantReads' ? 'reads' : 'writes'}`;
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
