import { createAiDecisionHandler } from '../ai/decision-handler';
import type { AiConfig } from '../ai/config';
import { AI_DECISION_TASK } from '../ai/events';
import type { PrismaClient } from '../generated/prisma/client';
import { createEmailHandler } from './handlers/email';
import { delayHandler, noopHandler } from './handlers/delay';
import { httpHandler } from './handlers/http';
import { TaskHandlerRegistry } from './registry';

export interface BuiltinHandlerOptions {
  prisma: PrismaClient;
  smtpUrl?: string;
  /** AI providers for AI_DECISION; without them the type is still registered and fails with a clear message. */
  ai?: AiConfig;
}

/** The registry every worker starts with: EMAIL, HTTP, NOOP, DELAY and AI_DECISION. */
export function createBuiltinRegistry(options: BuiltinHandlerOptions): TaskHandlerRegistry {
  return new TaskHandlerRegistry()
    .register('EMAIL', createEmailHandler({ prisma: options.prisma, smtpUrl: options.smtpUrl }))
    .register('HTTP', httpHandler)
    .register('NOOP', noopHandler)
    .register('DELAY', delayHandler)
    .register(AI_DECISION_TASK, createAiDecisionHandler({ ai: options.ai }));
}
