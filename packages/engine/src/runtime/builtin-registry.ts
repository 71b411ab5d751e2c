import { createAiDecisionHandler } from '../ai/decision-handler';
import type { AiConfig } from '../ai/config';
import { AI_DECISION_TASK, DELAY_TASK } from '../contracts/events';
import type { EgressClient } from '../egress';
import type { PrismaClient } from '../generated/prisma/client';
import { loadTenantTaskSettings } from '../store/tenant-settings';
import { createEmailHandler } from '../tasks/handlers/email';
import { delayHandler, noopHandler } from '../tasks/handlers/delay';
import { createHttpHandler } from '../tasks/handlers/http';
import { TaskHandlerRegistry } from '../tasks/registry';

export interface BuiltinHandlerOptions {
  prisma: PrismaClient;
  smtpUrl?: string;
  /** The deployment's EMAIL sender (EMAIL_FROM) for tenants without their own. */
  emailFrom?: string;
  /** The door HTTP tasks go out through (the deployment's egress policy). */
  egress: EgressClient;
  /** AI providers for AI_DECISION; without them the type is still registered and fails with a clear message. */
  ai?: AiConfig;
}

/** The registry every worker starts with: EMAIL, HTTP, NOOP, DELAY and AI_DECISION. */
export function createBuiltinRegistry(options: BuiltinHandlerOptions): TaskHandlerRegistry {
  const settings = (tenantId: string) => loadTenantTaskSettings(options.prisma, tenantId);
  return new TaskHandlerRegistry()
    .register(
      'EMAIL',
      createEmailHandler({
        prisma: options.prisma,
        smtpUrl: options.smtpUrl,
        defaultFrom: options.emailFrom,
        tenantFrom: async (id) => (await settings(id)).emailFrom,
      }),
    )
    .register(
      'HTTP',
      createHttpHandler({ egress: options.egress, tenantHosts: async (id) => (await settings(id)).egressAllowedHosts }),
    )
    .register('NOOP', noopHandler)
    .register(DELAY_TASK, delayHandler)
    .register(AI_DECISION_TASK, createAiDecisionHandler({ ai: options.ai }));
}
