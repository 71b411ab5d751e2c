import type { NextConfig } from 'next';

const config: NextConfig = {
  transpilePackages: ['@switchyard/engine'],
  // Prisma's driver adapter and BullMQ are Node libraries: load them at runtime rather than bundle them.
  serverExternalPackages: ['pg', 'ioredis', 'bullmq', 'pino', '@prisma/adapter-pg', '@prisma/client', 'nodemailer', 'msgpackr'],
  typedRoutes: false,
};

export default config;
