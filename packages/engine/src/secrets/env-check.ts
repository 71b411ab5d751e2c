import type { z } from 'zod';
import { parseSecretsKey, SECRETS_KEY_HINT } from './keyring';

/**
 * For the env schemas of the console and the worker: SECRETS_KEY and SECRETS_KEY_PREVIOUS must be real keys, and
 * production (NODE_ENV=production) must have one; elsewhere the public development key stands in.
 */
export function refuseMissingSecretsKeyInProduction(
  env: { NODE_ENV?: string | undefined; SECRETS_KEY?: string | undefined; SECRETS_KEY_PREVIOUS?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (env.NODE_ENV === 'production' && !env.SECRETS_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['SECRETS_KEY'],
      message: `is required in production (the development key is public): ${SECRETS_KEY_HINT}`,
    });
  }
  for (const variable of ['SECRETS_KEY', 'SECRETS_KEY_PREVIOUS'] as const) {
    const value = env[variable];
    if (value === undefined) continue;
    try {
      parseSecretsKey(value, variable);
    } catch {
      ctx.addIssue({ code: 'custom', path: [variable], message: SECRETS_KEY_HINT });
    }
  }
}
