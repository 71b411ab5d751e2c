import { hashPassword, verifyPassword, type Engine } from '@switchyard/engine';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';

export interface AuthConfig {
  secret: string;
  baseURL: string;
  /** Extra origins allowed to post sign-in forms (127.0.0.1 and localhost name the same console). */
  trustedOrigins: string[];
  /** Anyone may create an account (AUTH_OPEN_SIGNUP); otherwise accounts come from invitations only. */
  openSignUp?: boolean;
}

/**
 * Better Auth over our Prisma client: email + password sign-in, http-only session cookies (secure on https).
 * Passwords are hashed with the engine's scrypt so the CLI seed and the console agree on the format.
 * Sign-up is off unless asked for; when on, it never signs in directly, which makes Better Auth answer a taken
 * address exactly like a new one (no account enumeration). Throttling is ours (sign-in-throttle.ts), in Redis.
 */
export function createAuth(engine: Engine, config: AuthConfig) {
  return betterAuth({
    database: prismaAdapter(engine.deps.prisma, { provider: 'postgresql' }),
    secret: config.secret,
    baseURL: config.baseURL,
    trustedOrigins: config.trustedOrigins,
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      disableSignUp: !config.openSignUp,
      autoSignIn: false,
      password: { hash: hashPassword, verify: ({ hash, password }) => verifyPassword(hash, password) },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    advanced: { cookiePrefix: 'switchyard' },
    // Better Auth's own limiter keys on a client-written header and counts per process; ours does neither.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
