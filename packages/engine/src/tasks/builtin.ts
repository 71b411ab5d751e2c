import type { PrismaClient } from '../generated/prisma/client';
import { createEmailHandler } from './handlers/email';
import { delayHandler, noopHandler } from './handlers/delay';
import { httpHandler } from './handlers/http';
import { TaskHandlerRegistry } from './registry';

export interface BuiltinHandlerOptions {
  prisma: PrismaClient;
  smtpUrl?: string;
}

/** The registry every worker starts with: EMAIL, HTTP, NOOP and DELAY. */
export function createBuiltinRegistry(options: BuiltinHandlerOptions): TaskHandlerRegistry {
  return new TaskHandlerRegistry()
    .register('EMAIL', createEmailHandler({ prisma: options.prisma, smtpUrl: options.smtpUrl }))
    .register('HTTP', httpHandler)
    .register('NOOP', noopHandler)
    .register('DELAY', delayHandler);
}
