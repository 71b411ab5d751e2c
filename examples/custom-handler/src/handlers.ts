import type { TaskHandlerDefinitions } from '@switchyard/engine/worker';
import { z } from 'zod';
import { createChargeCard } from './charge-card';

const exampleEnv = z.object({
  /** Where the payment provider answers; its host must be one the egress policy allows (EGRESS_ALLOW for a private one). */
  PAYMENTS_URL: z.string().url(),
});

/** Every task type this deployment adds to the built-in ones, configured from the environment. */
export function createHandlers(env: NodeJS.ProcessEnv): TaskHandlerDefinitions {
  const { PAYMENTS_URL } = exampleEnv.parse(env);
  return { CHARGE_CARD: createChargeCard({ paymentsUrl: PAYMENTS_URL.replace(/\/$/, '') }) };
}
