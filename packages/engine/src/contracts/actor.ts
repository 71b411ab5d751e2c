import { z } from 'zod';
import { roleSchema } from './roles';

/** Who did something: recorded on every WorkflowEvent. */
export const actorSchema = z.object({
  type: z.enum(['system', 'worker', 'operator', 'ai', 'cli', 'api', 'webhook']),
  id: z.string().min(1),
  /** The role held in the tenant when acting (people and API tokens); recorded for the audit trail. */
  role: roleSchema.optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** The caller of every service function: which tenant, and who. */
export interface TenantContext {
  tenantId: string;
  actor: Actor;
}

export const systemActor: Actor = { type: 'system', id: 'switchyard' };

export function formatActor(actor: Actor): string {
  return `${actor.type}:${actor.id}`;
}
