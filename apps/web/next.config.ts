import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';
import { securityHeaders } from './src/security-headers';

export default function config(phase: string): NextConfig {
  return {
    transpilePackages: ['@switchyard/engine'],
    // Prisma's driver adapter and BullMQ are Node libraries: load them at runtime rather than bundle them.
    serverExternalPackages: [
      'pg',
      'ioredis',
      'bullmq',
      'pino',
      '@prisma/adapter-pg',
      '@prisma/client',
      'nodemailer',
      'msgpackr',
    ],
    typedRoutes: false,
    poweredByHeader: false,
    async headers() {
      return [{ source: '/:path*', headers: securityHeaders(phase === PHASE_DEVELOPMENT_SERVER) }];
    },
  };
}
