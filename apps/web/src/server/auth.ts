import { hashPassword, verifyPassword, type Engine } from '@switchyard/engine';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';

export interface AuthConfig {
  secret: string;
  baseURL: string;
  /** Extra origins allowed to post sign-in forms (127.0.0.1 and localhost name the same console). */
  trustedOrigins: string[];
}

/**
 * Better Auth over our Prisma client: email + password sign-in, http-only session cookies (secure on https).
 * Passwords are hashed with the engine's scrypt so the CLI seed and the console agree on the format.
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
      password: { hash: hashPassword, verify: ({ hash, password }) => verifyPassword(hash, password) },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    advanced: { cookiePrefix: 'switchyard' },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
